import { excludedPaths, workspaceDockerignore } from './dockerignore';
import { appEnvironment, type AppEnvironment } from './environment';
import { envExampleText, gitignoreWithEnv, localEnvText } from './envFiles';
import { rootComposeFor } from './rootCompose';
import type { AppFacts } from './facts';
import { DEFAULT_OPTIONS, type GenerateOptions } from './options';
import { renderTemplate } from './render';
import { BUILT_IN_TEMPLATES, KINDS, TEMPLATE_FILES, type GeneratedKind, type TemplateSet } from './templates';
import { templateView, type TemplateView } from './view';
import type { K8sKind } from '../k8s/templates';

export type { AppFacts } from './facts';
export { DEFAULT_OPTIONS, type GenerateOptions } from './options';
export { mergeDockerignore } from './dockerignore';
export { BUILT_IN_TEMPLATES, type GeneratedKind, type TemplateSet } from './templates';
export { generateScript, scriptPath, type ScriptFacts, type ScriptGenerationPlan } from './script';

/** The files around the environment, written after the three the templates make. */
export type ExtraFileKind = 'env-example' | 'env' | 'gitignore' | 'root-compose';

/** A file a plan writes: one of the Docker files, a file around them, or a Kubernetes manifest (core/k8s). */
export interface PlannedFile {
  kind: GeneratedKind | ExtraFileKind | K8sKind;
  /** Relative to the workspace folder that was scanned (the app's root joined with the file name). */
  path: string;
  content: string;
}

/** One of the files the templates make. */
export interface GeneratedFile extends PlannedFile {
  kind: GeneratedKind;
}

export interface ExtraFile extends PlannedFile {
  kind: ExtraFileKind;
}

/** The plan: the three files, in the order they are written. */
export interface GenerationPlan {
  app: AppFacts;
  files: GeneratedFile[];
  /**
   * .env.example (every variable the app reads), and when compose needs values of its own the local
   * .env (random secrets) and a .gitignore that keeps it out of version control. Existing ones are
   * merged, never replaced (writePlan).
   */
  extraFiles: ExtraFile[];
  environment: AppEnvironment;
  /** What the templates were given. */
  view: TemplateView;
}

/** What the project around the app says about its environment, and how secrets are made. */
export interface EnvironmentContext {
  /** Values of the project's own example env files (.env.example and the like). */
  examples?: Readonly<Record<string, string>>;
  /** A fresh random secret; the default draws 32 random bytes as hex. */
  random?: () => string;
  /**
   * The app is one of several in the repository (and not at its root): the repository root's compose
   * file (an existing one's name, else compose.yaml), relative to the scanned folder, gets its services.
   */
  rootCompose?: string;
}

function randomSecret(): string {
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const join = (root: string, name: string) => (root === '.' || root === '' ? name : `${root}/${name}`);

/**
 * Renders the templates (the built-ins unless a team's are given; adapters check a team's with
 * checkTemplate first) for one app.
 */
export function generate(
  app: AppFacts, overrides: Partial<GenerateOptions> = {}, templates: TemplateSet = BUILT_IN_TEMPLATES, context: EnvironmentContext = {},
): GenerationPlan {
  const environment = appEnvironment({ ...app, env: app.env ?? [] }, context.examples);
  const view = templateView(app, { ...DEFAULT_OPTIONS, ...overrides }, environment);
  // The .dockerignore re-includes what the Dockerfile copies when its own patterns would exclude it.
  // (A workspace member's ignore file gets its own below: its paths start from the workspace root.)
  const keep = app.workspace ? [] : excludedPaths(renderTemplate(templates.dockerignore.text, view), view.dependencies.files);
  view.dockerignore = { keep, hasKeep: keep.length > 0 };
  const files = KINDS.map((kind) => ({ kind, path: join(app.root, TEMPLATE_FILES[kind].output), content: renderTemplate(templates[kind].text, view) }));
  if (app.workspace) {
    // Built from the workspace root: the ignore file that goes with this Dockerfile sits beside it
    // (BuildKit reads <Dockerfile>.dockerignore first), so the root's own .dockerignore stays as it is.
    const ignore = files[1];
    ignore.path = join(app.root, `${TEMPLATE_FILES.dockerfile.output}.dockerignore`);
    ignore.content = workspaceDockerignore(ignore.content, app.workspace, view.dependencies.files, view.comments);
  }
  const extraFiles: ExtraFile[] = [];
  if (environment.documented.length || environment.local.length) {
    extraFiles.push({ kind: 'env-example', path: join(app.root, '.env.example'), content: envExampleText(environment, view.app.name) });
  }
  if (environment.local.length) {
    extraFiles.push({ kind: 'env', path: join(app.root, '.env'), content: localEnvText(environment, context.random ?? randomSecret) });
    extraFiles.push({ kind: 'gitignore', path: join(app.root, '.gitignore'), content: gitignoreWithEnv(null) });
  }
  if (context.rootCompose && app.root !== '.' && app.root !== '') {
    extraFiles.push({ kind: 'root-compose', path: context.rootCompose, content: rootComposeFor(files[2].content, app.root, view.app.name) });
  }
  return {
    app,
    view,
    environment,
    extraFiles,
    files,
  };
}
