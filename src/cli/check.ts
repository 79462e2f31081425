import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { detectOnDisk } from './detectOnDisk';
import { join, resolve } from 'node:path';
import type { AppFacts } from '../core/detect/types';
import { lintCompose, lintDockerfile, lintManifest, parseCompose, parseDockerfile, parseManifest, type Finding, type LintOptions } from '../core/explain';
import type { PlannedFile } from '../core/generate';
import { k8sFromPlan, templateKindOf } from '../core/k8s';
import { planApp } from '../core/plan/planApp';
import { CHECK_EXIT, checkExitCode, formatCheck, type CheckFormat, type CheckedApp, type CheckReport, type LintProblem } from '../core/team/checkReport';
import { fileDrift } from '../core/team/drift';
import type { TeamSetup } from '../core/team/setup';
import { usageError, type CliCommand, type CliIO } from './run';
import { appFolderOnDisk, shownPath, teamSetupFor } from './teamSetup';
import { manifestsIn, neighboursOf } from './lintInput';

const USAGE = 'Usage: dockwright check [dir] [--format text|json|github] [--templates DIR] [--k8s]';
const FORMATS: readonly CheckFormat[] = ['text', 'json', 'github'];

interface CheckArgs {
  dir: string;
  format: CheckFormat;
  templates?: string;
  /** Also compare each app's k8s/ manifests with the (team's) Kubernetes templates. */
  k8s: boolean;
}

function parseArgs(args: string[]): CheckArgs | string {
  const parsed: CheckArgs = { dir: '.', format: 'text', k8s: false };
  const dirs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--format' || a === '--templates') {
      const value = args[++i];
      if (!value || value.startsWith('-')) return `${a} needs a value`;
      if (a === '--templates') parsed.templates = value;
      else if (!FORMATS.includes(value as CheckFormat)) return `--format is one of ${FORMATS.join(', ')}, got "${value}"`;
      else parsed.format = value as CheckFormat;
    } else if (a === '--k8s') parsed.k8s = true;
    else if (a.startsWith('-')) return `unknown option "${a}"`;
    else dirs.push(a);
  }
  if (dirs.length > 1) return `one folder at a time, got ${dirs.length}`;
  parsed.dir = resolve(dirs[0] ?? '.');
  return parsed;
}

function readIfFile(path: string): string | null {
  return existsSync(path) && statSync(path).isFile() ? readFileSync(path, 'utf8') : null;
}

function problems(path: string, findings: Finding[]): LintProblem[] {
  return findings.map((f) => ({
    path, line: f.range.start.line + 1, column: f.range.start.character + 1, severity: f.severity, code: f.code, message: f.message,
  }));
}

/** The manifests in the app's k8s/ folder (where `init --k8s` writes them), linted. */
function manifestProblems(folder: string, app: AppFacts, lint: LintOptions): LintProblem[] {
  const manifests = manifestsIn(folder);
  return [...manifests].flatMap(([name, text]) =>
    problems(shownPath(join(folder, name)), lintManifest(parseManifest(text), { app, neighbours: neighboursOf(manifests, name) }, lint)));
}

/** Renders the templates for one app, compares with the files on disk, and lints those files. */
async function checkApp(dir: string, app: AppFacts, setup: TeamSetup, k8s: boolean): Promise<CheckedApp> {
  const appDir = join(dir, app.root);
  const plan = planApp({ app, setup, folder: await appFolderOnDisk(appDir, dir) });
  const compared = (file: PlannedFile, template: string, writer: string) => {
    const current = readIfFile(join(dir, file.path));
    const drift = fileDrift(file, current);
    const shownTemplate = template === 'built-in' ? template : shownPath(template);
    return { current, checked: { path: shownPath(join(dir, file.path)), status: drift.status, line: drift.line, diff: drift.diff, template: shownTemplate, writer } };
  };
  const files = plan.files.map((file) => compared(file, setup.templates[file.kind].origin, 'dockwright init'));
  const manifests = k8s ? k8sFromPlan(plan, setup.k8sTemplates).files.map((file) =>
    compared(file, setup.k8sTemplates[templateKindOf(file.kind)].origin, 'dockwright init --k8s')) : [];
  const [dockerfile, dockerignore, compose] = files;
  const lint = { rules: setup.rules };
  const found: LintProblem[] = [];
  if (dockerfile.current !== null) {
    const context = { app, buildContext: { dockerignore: dockerignore.current, files: readdirSync(appDir) } };
    found.push(...problems(dockerfile.checked.path, lintDockerfile(parseDockerfile(dockerfile.current), context, lint)));
  }
  if (compose.current !== null) found.push(...problems(compose.checked.path, lintCompose(parseCompose(compose.current), { app }, lint)));
  found.push(...manifestProblems(join(appDir, 'k8s'), app, lint));
  return { root: app.root, entry: app.entry, files: [...files, ...manifests].map((f) => f.checked), problems: found };
}

async function runCheck(parsed: CheckArgs, io: CliIO): Promise<number> {
  const result = await detectOnDisk(parsed.dir);
  if (result.apps.length === 0) {
    io.stderr(`dockwright check: no FastAPI or Flask app found in ${parsed.dir}; nothing to check.\n`);
    return CHECK_EXIT.usage;
  }
  const report: CheckReport = { errors: [], apps: [] };
  const seen = new Set<string>();
  for (const app of result.apps) {
    // Each app's own lookup: a service folder may have a .dockwright/ of its own.
    const { setup, errors } = await teamSetupFor(join(parsed.dir, app.root), parsed.templates);
    for (const e of errors) {
      const key = `${e.file}:${e.line}:${e.column}:${e.message}`;
      if (!seen.has(key)) report.errors.push({ ...e, file: shownPath(e.file) });
      seen.add(key);
    }
    if (!errors.length) report.apps.push(await checkApp(parsed.dir, app, setup, parsed.k8s));
  }
  if (report.errors.length) report.apps = [];
  const text = formatCheck(report, parsed.format);
  // Config errors are the command's failure: on stderr, except where a tool reads the output.
  if (report.errors.length && parsed.format === 'text') io.stderr(text);
  else io.stdout(text);
  return checkExitCode(report);
}

/** `dockwright check`: for CI. Exit 0 clean, 1 drift or lint errors, 2 bad usage or config. */
export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'Compare the Docker files (with --k8s, also the Kubernetes manifests) with the (team) templates and lint them, for CI (exit 1 on drift or errors)',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args);
    if (typeof parsed === 'string') return usageError(io, checkCommand, parsed);
    if (!existsSync(parsed.dir) || !statSync(parsed.dir).isDirectory()) return usageError(io, checkCommand, `${parsed.dir} is not a folder`);
    return runCheck(parsed, io);
  },
};
