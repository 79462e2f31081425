import { closeSync, constants, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { detectOnDisk } from './detectOnDisk';
import { dirname, join, resolve } from 'node:path';
import type { AppFacts, DetectResult, DetectWarning, PlainScript } from '../core/detect/types';
import { appChoices, appNamed } from '../core/detect/appsAtPath';
import { scriptPath } from '../core/generate/script';
import { compareWithExisting, contentFor, plannedFiles, type FileChange, type FileDecision } from '../core/generate/writePlan';
import { describeRefused, refusedTargets } from '../core/generate/writeTargets';
import { K8S_FOLDER, k8sFromPlan } from '../core/k8s';
import { planApp, planScript, rootComposeTarget } from '../core/plan/planApp';
import { formatPositioned } from '../core/text/positions';
import { EXIT, usageError, type CliCommand, type CliIO } from './run';
import { appFolderOnDisk, shownPath, teamSetupFor } from './teamSetup';
import { diskWriteTargets } from '../workspace/diskWriteTargets';

const USAGE = 'Usage: dockwright init <dir> [--app ROOT|MODULE:VAR|SCRIPT.py] [--single-stage] [--python X.Y] [--cache-mounts] [--templates DIR] [--k8s] [--dry-run] [--force]';

interface InitArgs {
  dir: string;
  app?: string;
  singleStage: boolean;
  cacheMounts: boolean;
  python?: string;
  /** A shared folder of team templates and config (after the repository's .dockwright/). */
  templates?: string;
  dryRun: boolean;
  force: boolean;
  /** Kubernetes manifests (k8s/) instead of the Docker files, from the same plan. */
  k8s: boolean;
}

function parseArgs(args: string[]): InitArgs | string {
  const parsed: InitArgs = { dir: '', singleStage: false, cacheMounts: false, dryRun: false, force: false, k8s: false };
  const dirs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--single-stage') parsed.singleStage = true;
    else if (a === '--dry-run') parsed.dryRun = true;
    else if (a === '--cache-mounts') parsed.cacheMounts = true;
    else if (a === '--force') parsed.force = true;
    else if (a === '--k8s') parsed.k8s = true;
    else if (a === '--app' || a === '--python' || a === '--templates') {
      const value = args[++i];
      if (!value || value.startsWith('-')) return `${a} needs a value`;
      if (a === '--app') parsed.app = value.includes(':') ? value : value.replace(/\/$/, '') || '.';
      else if (a === '--templates') parsed.templates = value;
      else if (!/^3\.\d{1,2}$/.test(value)) return `--python wants a version like 3.12, got "${value}"`;
      else parsed.python = value;
    } else if (a.startsWith('-')) return `unknown option "${a}"`;
    else dirs.push(a);
  }
  if (dirs.length !== 1) return dirs.length ? `one folder at a time, got ${dirs.length}` : 'which folder?';
  parsed.dir = resolve(dirs[0]);
  return parsed;
}

const VERBS: Record<FileDecision, string> = {
  create: 'create', unchanged: 'unchanged', replace: 'replace', merge: 'merge into', keep: 'keep (differs)',
};

/**
 * The decision for each file: creations always; existing files only with --force, except the env
 * files (.env, .env.example, .gitignore), to which init only appends what they lack.
 */
function decide(change: FileChange, force: boolean): FileDecision {
  const [first] = change.choices;
  if (first === 'create' || first === 'unchanged') return first;
  if (first === 'merge' && !change.choices.includes('replace')) return 'merge';
  if (!force) return 'keep';
  return change.choices.includes('merge') ? 'merge' : 'replace';
}

/** What init writes the files for: an app, or with no app found, a plain script. */
type Target = { app: AppFacts } | { script: PlainScript };

/** A script by its path in the folder (`tools/cleanup.py`) or in its project, as `python` is given it. */
function pickScript(scripts: PlainScript[], wanted: string | undefined, io: CliIO): PlainScript | undefined {
  const named = wanted === undefined ? scripts : scripts.filter((s) => s.file === wanted || scriptPath(s) === wanted);
  if (named.length === 1) return named[0];
  const list = scripts.map((s) => s.file).join(', ');
  io.stderr(wanted === undefined
    ? `dockwright init: no web app found; ${scripts.length} Python scripts found, pick one with --app: ${list}\n`
    : `dockwright init: no web app found, and no single script matches ${wanted}; choose one of: ${list}\n`);
  return undefined;
}

function pickTarget(result: DetectResult, wanted: string | undefined, io: CliIO): Target | undefined {
  if (result.apps.length === 0 && result.plainScripts.length) {
    const script = pickScript(result.plainScripts, wanted, io);
    return script && { script };
  }
  const app = pickApp(result, wanted, io);
  return app && { app };
}

function pickApp(result: DetectResult, wanted: string | undefined, io: CliIO) {
  if (wanted) {
    const app = appNamed(result.apps, wanted);
    if (!app) io.stderr(`dockwright init: no single app matches ${wanted}; choose one of: ${appChoices(result.apps).join(', ') || 'none'}\n`);
    return app ?? undefined;
  }
  if (result.apps.length === 1) return result.apps[0];
  if (result.apps.length === 0) {
    const why = result.unsupported.map((u) => ` ${u.message}`).join('');
    io.stderr(`dockwright init: no FastAPI or Flask app found in ${result.root}.${why}\n`);
  } else {
    io.stderr(`dockwright init: ${result.apps.length} apps found; pick one with --app: ${appChoices(result.apps).join(', ')}\n`);
  }
  return undefined;
}

function printWarnings(warnings: DetectWarning[], io: CliIO): void {
  for (const w of warnings) io.stderr(`warning [${w.code}]${w.file ? ` ${w.file}${w.line ? `:${w.line}` : ''}` : ''}: ${w.message}\n`);
}

/**
 * Never follows a link at the file itself, even one that appeared after the check (where the
 * system has O_NOFOLLOW; on Windows the check before writing is what protects).
 */
function writeNoFollow(path: string, content: string): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0), 0o666);
  try {
    writeFileSync(fd, content);
  } finally {
    closeSync(fd);
  }
}

/** Writes in order; if one write fails, puts back what the earlier ones replaced or created. */
function writeAllOrNothing(dir: string, files: { path: string; content: string; before: string | null }[]): void {
  const done: typeof files = [];
  try {
    for (const file of files) {
      // The folder (k8s/) is checked with the files: its nearest existing parent is in the project.
      if (file.before === null) mkdirSync(dirname(join(dir, file.path)), { recursive: true });
      writeNoFollow(join(dir, file.path), file.content);
      done.push(file);
    }
  } catch (err) {
    for (const file of done.reverse()) {
      if (file.before === null) rmSync(join(dir, file.path), { force: true });
      else writeNoFollow(join(dir, file.path), file.before);
    }
    const failed = files[done.length].path;
    throw new Error(`cannot write ${failed} (${(err as NodeJS.ErrnoException).code ?? err}); nothing was changed`);
  }
}

/** `dockwright init`: detect, generate, show the plan and diffs, write in order (Dockerfile, .dockerignore, compose.yaml). */
export const initCommand: CliCommand = {
  name: 'init',
  summary: 'Write a Dockerfile, .dockerignore and compose.yaml for the app in a folder, or a Dockerfile for its Python script; with --k8s, Kubernetes manifests in k8s/ (shows diffs first)',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args);
    if (typeof parsed === 'string') return usageError(io, initCommand, parsed);
    if (!existsSync(parsed.dir)) {
      io.stderr(`dockwright init: cannot read directory ${parsed.dir}\n`);
      return EXIT.usage;
    }
    const result = await detectOnDisk(parsed.dir);
    const target = pickTarget(result, parsed.app, io);
    if (!target) return parsed.app || result.apps.length > 1 || result.plainScripts.length > 1 ? EXIT.usage : EXIT.problems;
    if (parsed.k8s && !('app' in target)) {
      io.stderr(`dockwright init: --k8s writes manifests for a web app; ${target.script.file} is a script.\n`);
      return EXIT.usage;
    }
    const root = 'app' in target ? target.app.root : target.script.root;
    const appDir = join(parsed.dir, root);
    const { setup, errors } = await teamSetupFor(appDir, parsed.templates);
    if (errors.length) {
      // Nothing is planned, but what detection noticed about the app still helps.
      if ('app' in target) printWarnings(target.app.warnings, io);
      for (const e of errors) io.stderr(`${formatPositioned({ ...e, file: shownPath(e.file) })}\n`);
      io.stderr('dockwright init: fix the team config or templates above; nothing was written.\n');
      return EXIT.usage;
    }
    const explicit = {
      ...(parsed.singleStage ? { multiStage: false } : {}),
      ...(parsed.cacheMounts ? { cacheMounts: true } : {}),
      pythonVersion: parsed.python,
    };
    const request = { setup, folder: await appFolderOnDisk(appDir, parsed.dir), explicit };
    const plan = 'app' in target
      ? planApp({ ...request, app: target.app, rootCompose: rootComposeTarget(result.apps, target.app, (name) => existsSync(join(parsed.dir, name))) })
      : planScript({ ...request, script: target.script });
    if ('app' in target) printWarnings(target.app.warnings, io);
    // --k8s: the manifests alone, from the plan the Docker files come from (the image compose names).
    const written = parsed.k8s && 'environment' in plan ? { files: k8sFromPlan(plan, setup.k8sTemplates).files } : plan;
    // Before anything is read or compared: an existing link is not even followed to show a diff.
    const { realRoot, targets } = diskWriteTargets(parsed.dir, plannedFiles(written).map((f) => f.path));
    const unsafe = refusedTargets(targets, realRoot);
    if (unsafe.length) {
      io.stderr(`dockwright init: ${describeRefused(unsafe)}\n(--force does not change this.)\n`);
      return EXIT.problems;
    }
    const read = (path: string) => {
      const full = join(parsed.dir, path);
      if (!existsSync(full)) return null;
      try {
        return readFileSync(full, 'utf8');
      } catch (err) {
        throw new Error(`cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? err}); nothing was written`);
      }
    };
    const changes = compareWithExisting(written, read).map((change) => ({ change, decision: decide(change, parsed.force) }));
    io.stdout('app' in target
      ? `${target.app.framework === 'fastapi' ? 'FastAPI' : 'Flask'} app ${target.app.entry} in ${root}, port ${target.app.port}\n`
      : `No web app found; Python script ${target.script.file} in ${root}, run with ${target.script.command}\n`);
    for (const { change, decision } of changes) io.stdout(`  ${VERBS[decision].padEnd(15)} ${change.file.path}\n`);
    for (const { change } of changes) if (change.diff) io.stdout(`\n${change.diff}`);
    const refused = changes.filter(({ change, decision }) => decision === 'keep' && change.choices[0] !== 'unchanged');
    if (refused.length) {
      io.stderr(`\ndockwright init: ${refused.map(({ change }) => change.file.path).join(', ')} already exist${refused.length === 1 ? 's' : ''} and differ${refused.length === 1 ? 's' : ''}; nothing was written. Review the diff and run again with --force to replace (an existing .dockerignore is merged, never replaced).\n`);
      return EXIT.problems;
    }
    if (parsed.dryRun) {
      io.stdout('\n(dry run: nothing written)\n');
      return EXIT.ok;
    }
    writeAllOrNothing(parsed.dir, changes.flatMap(({ change, decision }) => {
      const content = contentFor(change, decision);
      return content === null ? [] : [{ path: change.file.path, content, before: change.current }];
    }));
    if (parsed.k8s) {
      const k8sDir = join(appDir, K8S_FOLDER);
      io.stdout(`\nWritten. Build the image (docker compose build, with the Dockerfile init writes), push it where the cluster pulls from, name it in ${join(k8sDir, 'kustomization.yaml')}, then: kubectl apply -k ${k8sDir}\n`);
      if (written.files.some((f) => f.kind === 'k8s-secret')) io.stdout(`The Secret is not applied with the rest: create it first, as ${join(k8sDir, 'secret.yaml')} says.\n`);
      return EXIT.ok;
    }
    const run = 'app' in target ? 'docker compose up --build'
      : `docker build -t ${plan.view.app.name} . && docker run --rm${plan.options.hasEnvFile ? ' --env-file .env' : ''} ${plan.view.app.name}`;
    io.stdout(`\nWritten. Build and run: cd ${appDir} && ${run}\n`);
    if ('environment' in plan) {
      const missing = plan.environment.local.filter((v) => v.value === 'empty').map((v) => v.name);
      if (plan.environment.local.length) io.stdout(`.env holds the secrets compose needs (random, not committed; .env.example lists every variable).\n`);
      if (missing.length) io.stdout(`Fill in ${missing.join(', ')} in .env first: compose stops and names each one that is empty.\n`);
    }
    return EXIT.ok;
  },
};
