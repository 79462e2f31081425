/**
 * "Compare builds": the same app built three ways, described as data (src/dashboard builds them).
 *   naive   the workshop's first Dockerfile: one stage on the full python image, all code copied
 *           before the install (every code edit reinstalls the dependencies)
 *   single  Dockwright's recommended single stage on the slim image
 *   multi   Dockwright's multi-stage: a builder on the full image, the venv copied into slim
 */
import { analyzeBuildFailure, type FailureContext } from '../build/buildFailure';
import { generate, type AppFacts, type GenerateOptions } from '../generate';
import { dependencySteps } from '../generate/dependencySteps';
import { pythonVersion } from '../generate/dockerfile';
import { DEFAULT_OPTIONS } from '../generate/options';
import { containerServer, serverCommand, serverMissing } from '../generate/serverCommand';
import type { LayerRow } from './layers';

/** Marks the images a comparison built; the value is the app's name (`.variant` and `.app` say more). */
export const COMPARE_LABEL = 'dockwright.compare';

export type CompareVariantKey = 'naive' | 'single' | 'multi';

export interface CompareVariantPlan {
  key: CompareVariantKey;
  title: string;
  /** One sentence on what this variant is. */
  summary: string;
  dockerfile: string;
  /** The .dockerignore to build with when the app has none (the generated one). */
  dockerignore?: string;
}

export interface CompareVariantResult {
  key: CompareVariantKey;
  title: string;
  summary: string;
  ok: boolean;
  /** The lines that say why a build failed. */
  error?: string;
  tag: string;
  sizeBytes?: number;
  buildSeconds?: number;
  layers?: LayerRow[];
  dockerfile: string;
}

export interface CompareResult {
  /** The app's folder relative to its workspace folder, and its display name. */
  appRoot: string;
  appName: string;
  /** ISO time the comparison finished. */
  ranAt: string;
  variants: CompareVariantResult[];
}

export function naiveDockerfile(app: AppFacts, options: GenerateOptions): string {
  const server = containerServer(app);
  const deps = dependencySteps(app, false, serverMissing(app) ? [server] : []);
  // The install commands write to the virtualenv at /opt/venv, as in the generated Dockerfile.
  const venv = ['RUN python -m venv /opt/venv', 'ENV PATH="/opt/venv/bin:$PATH"'];
  return [
    `FROM ${options.imagePrefix}python:${pythonVersion(app, options)}`,
    'WORKDIR /app',
    `ENV PYTHONUNBUFFERED=1${app.sourceRoot ? ` PYTHONPATH=/app/${app.sourceRoot}` : ''}`,
    ...venv,
    'COPY . .',
    `RUN ${[...deps.run, ...deps.project].join(' \\\n    && ')}`,
    `EXPOSE ${app.port}`,
    `CMD ${JSON.stringify(serverCommand(app)).replace(/","/g, '", "')}`,
    '',
  ].join('\n');
}

export function compareVariants(app: AppFacts, overrides: Partial<GenerateOptions> = {}): CompareVariantPlan[] {
  const options = { ...DEFAULT_OPTIONS, ...overrides };
  const single = generate(app, { ...options, multiStage: false });
  const multi = generate(app, { ...options, multiStage: true });
  const version = pythonVersion(app, options);
  return [
    { key: 'naive', title: 'Naive: one stage on the full image',
      summary: `FROM python:${version} (compilers, headers, docs), COPY . . before the install.`,
      dockerfile: naiveDockerfile(app, options) },
    { key: 'single', title: 'Recommended single stage (slim)',
      summary: `FROM python:${version}-slim, dependency files first, unprivileged user.`,
      dockerfile: single.files[0].content, dockerignore: single.files[1].content },
    { key: 'multi', title: 'Multi-stage: builder → slim',
      summary: `Builds on python:${version}, copies only the virtualenv into python:${version}-slim.`,
      dockerfile: multi.files[0].content, dockerignore: multi.files[1].content },
  ];
}

/** The image tag a variant is built as: one per app (by its folder's name) and variant, so a re-run replaces it. */
export function compareTag(appFolderName: string, key: CompareVariantKey): string {
  const name = appFolderName.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '') || 'app';
  return `dockwright-compare/${name}:${key}`;
}

/** Why a variant failed to build, as the Compare tab shows it: the step, the lines that say why, a hint. */
export function compareBuildError(output: string, context: FailureContext = {}): string {
  const { step, lines, hint } = analyzeBuildFailure(output, context);
  // Stored with the results in the workspace state: a bounded excerpt, not the whole log.
  const why = lines.join('\n').slice(0, 1200);
  return [...(step ? [`At ${step.name}:`] : []), why, ...(hint ? [`Hint: ${hint.message}`] : [])].join('\n');
}
