/**
 * The one way from a detected app to the files Dockwright writes for it. The team's setup, what
 * the app's folder shows, the person's settings and the command's explicit choices become the
 * options; the team's templates (or the built-ins) render them. `dockwright init` and `check`,
 * Containerize and the team commands all plan here; each adapter reads the team setup and the
 * folder through its own TeamReader (workspace/diskTeamReader, workspace/vscodeTeamReader).
 */
import { STANDARD_COMPOSE_FILES } from '../detect/composeFiles';
import { parseEnvFile } from '../detect/hints';
import type { AppFacts, DetectWarning, PlainScript } from '../detect/types';
import { generate, generateScript, type GenerationPlan, type ScriptGenerationPlan } from '../generate';
import { DEFAULT_OPTIONS, type GenerateOptions } from '../generate/options';
import { join, type TeamReader, type TeamSetup } from '../team/setup';

/** What the app's own folder shows that the files depend on. */
export interface AppFolder {
  /** The folder's name, which the image and the compose project are named after. */
  name?: string;
  /** Whether it has a .env file (compose then reads it with env_file). */
  hasEnvFile: boolean;
  /** Values of the project's own example env files, for required settings that are not secrets. */
  envExamples?: Record<string, string>;
}

/** Example env files projects keep beside the app, the first one that sets a variable winning. */
const ENV_EXAMPLES = ['.env.example', '.env.sample', '.env.template', 'env.example', '.env.dist', '.env.dev-sample', '.env.dev', '.env.local.example'];

export interface PlanRequest {
  app: AppFacts;
  /** The team's templates and config, free of errors (the adapters report those instead of planning). */
  setup: TeamSetup;
  folder: AppFolder;
  /** The person's own generation settings; the team's config wins over them. */
  settings?: Partial<GenerateOptions>;
  /** What the command was asked for (--single-stage, --python, --cache-mounts); wins over everything. */
  explicit?: Partial<GenerateOptions>;
}

/** The files to write with their texts, the options they were rendered with, and the app's warnings to show. */
export interface AppPlan extends GenerationPlan {
  options: GenerateOptions;
  warnings: DetectWarning[];
}

/**
 * The files for one app. Its options are layered, the later ones winning: the defaults, what its
 * folder shows (name, a .env), the person's own settings, the team's config, then what the
 * command was explicitly asked for.
 */
export function planApp({ app, setup, folder, settings = {}, explicit = {}, random, rootCompose }: PlanRequest & { random?: () => string; rootCompose?: string }): AppPlan {
  const options = layeredOptions({ setup, folder, settings, explicit });
  return { ...generate(app, options, setup.templates, { examples: folder.envExamples, random, rootCompose }), options, warnings: app.warnings };
}

/** Compose file names at a repository's root, in the order Compose looks for them. */
export const ROOT_COMPOSE_FILES = STANDARD_COMPOSE_FILES;

/**
 * Where an app's services go at the repository root when the repository holds several apps in folders
 * of their own: its existing compose file, else compose.yaml. Undefined for a lone app or one at the root.
 */
export function rootComposeTarget(apps: readonly Pick<AppFacts, 'root'>[], app: Pick<AppFacts, 'root'>, exists: (name: string) => boolean): string | undefined {
  const roots = new Set(apps.map((a) => a.root));
  if (roots.size < 2 || app.root === '.' || app.root === '') return undefined;
  return ROOT_COMPOSE_FILES.find(exists) ?? ROOT_COMPOSE_FILES[0];
}

export interface ScriptPlanRequest extends Omit<PlanRequest, 'app'> {
  script: PlainScript;
}

export interface ScriptPlan extends ScriptGenerationPlan {
  options: GenerateOptions;
}

/**
 * The files for a plain script, when a folder has no app: its options are layered as an app's;
 * the team's templates, written for apps, are not used (generateScript renders the built-ins).
 */
export function planScript({ script, setup, folder, settings = {}, explicit = {} }: ScriptPlanRequest): ScriptPlan {
  const options = layeredOptions({ setup, folder, settings, explicit });
  return { ...generateScript(script, options), options };
}

function layeredOptions({ setup, folder, settings = {}, explicit = {} }: Omit<PlanRequest, 'app'>): GenerateOptions {
  const shown = { hasEnvFile: folder.hasEnvFile, ...(folder.name ? { name: folder.name } : {}) };
  return { ...DEFAULT_OPTIONS, ...shown, ...settings, ...setup.options, ...explicit };
}

/** Folder names that say what a folder holds rather than which project it is. */
const GENERIC_FOLDERS = new Set(['src', 'app', 'project', 'backend', 'server', 'code', 'source']);

/** The project's name for an app folder: its own, or the nearest enclosing folder's when its own is generic (`src`, `backend`). */
export function projectName(path: string): string | undefined {
  const parts = path.split('/').filter(Boolean);
  const named = [...parts].reverse().find((p) => !GENERIC_FOLDERS.has(p.toLowerCase()));
  return named ?? parts.pop();
}

/** The app folder's facts, read through the same port as the team's files ('/'-separated path). */
export async function readAppFolder(reader: TeamReader, path: string, top: string = path): Promise<AppFolder> {
  const envExamples: Record<string, string> = {};
  // The app's folder first, then each folder up to the one that was scanned (examples often sit at the repository root).
  const folders = [path.replace(/\/+$/, '')];
  const stop = top.replace(/\/+$/, '');
  while (folders[folders.length - 1].length > stop.length && folders[folders.length - 1].startsWith(`${stop}/`)) {
    folders.push(folders[folders.length - 1].replace(/\/[^/]*$/, ''));
  }
  for (const folder of folders) {
    for (const name of ENV_EXAMPLES) {
      const text = await reader.read(join(folder, name));
      if (text === null) continue;
      for (const [key, value] of parseEnvFile(text)) if (!(key in envExamples)) envExamples[key] = value;
    }
  }
  return { name: projectName(path), hasEnvFile: await reader.exists(join(path, '.env')), envExamples };
}
