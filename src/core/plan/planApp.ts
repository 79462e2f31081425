/**
 * The one way from a detected app to the files Dockwright writes for it. The team's setup, what
 * the app's folder shows, the person's settings and the command's explicit choices become the
 * options; the team's templates (or the built-ins) render them. `dockwright init` and `check`,
 * Containerize and the team commands all plan here; each adapter reads the team setup and the
 * folder through its own TeamReader (workspace/diskTeamReader, workspace/vscodeTeamReader).
 */
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
}

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
export function planApp({ app, setup, folder, settings = {}, explicit = {} }: PlanRequest): AppPlan {
  const options = layeredOptions({ setup, folder, settings, explicit });
  return { ...generate(app, options, setup.templates), options, warnings: app.warnings };
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
  return { ...DEFAULT_OPTIONS, ...folder, ...settings, ...setup.options, ...explicit };
}

/** The app folder's facts, read through the same port as the team's files ('/'-separated path). */
export async function readAppFolder(reader: TeamReader, path: string): Promise<AppFolder> {
  return { name: path.split('/').filter(Boolean).pop(), hasEnvFile: await reader.exists(join(path, '.env')) };
}
