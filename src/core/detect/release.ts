import { basename, join, relativeTo } from './paths';
import type { ProjectFiles } from './projectFiles';
import type { RunCommand, RunConfig } from './runConfig';
import type { ReleaseStep } from './types';

/**
 * The step that must run before the server starts: migrations (`alembic upgrade head`,
 * `flask db upgrade`), database setup (`flask init-db`, `python manage.py create_db`), or a
 * prestart script that does them. Looked for where projects put it, the most binding first: a
 * Procfile `release:` phase, the commands that start the server (Procfile, the Dockerfile's CMD and
 * ENTRYPOINT and the scripts they run, compose commands: runConfig.ts), a prestart script, the
 * project's boot scripts, the Makefile, the README.
 */

/** Runners that only choose the environment a command runs in. */
const RUNNER = /^(?:exec\s+|(?:poetry|uv|pipenv|pdm|hatch)\s+run\s+|python3?\s+-m\s+(?=alembic|flask)|\$\s+|>\s+)+/;
const RELEASE_COMMANDS = [
  /^alembic(?:\s+-\S+(?:\s+\S+)?)*\s+upgrade\b.*/,
  /^flask(?:\s+--?\w[\w-]*(?:[ =][\w.:()-]+)?)*\s+db\s+upgrade\b.*/,
  /^flask(?:\s+--?\w[\w-]*(?:[ =][\w.:()-]+)?)*\s+(?:init|create|setup)[-_]?(?:db|database|tables)\b.*/,
  /^python3?\s+\S*(?:manage|cli|app|run)\.py\s+(?:db\s+upgrade|(?:init|create|setup)[-_]?(?:db|database|tables)|migrate|upgrade)\b.*/,
];
/** A script whose name says it runs before the server. */
const PRESTART_SCRIPT = /^(?:pre[-_]?start|release|migrate|migrations)\.sh$/i;
const README = /^readme(?:\.(?:md|rst|txt))?$/i;

/** The release command in one command line (`a && b; c`), as written without its runner, or null. */
export function releaseCommand(line: string): string | null {
  for (const part of line.split(/&&|\|\||;|\|/)) {
    const command = part.trim().replace(/^[`'"]+|[`'"]+$/g, '').replace(RUNNER, '').trim();
    if (RELEASE_COMMANDS.some((pattern) => pattern.test(command))) return command.replace(/\s+#.*$/, '').replace(/\s+/g, ' ');
    const script = /^(?:(?:ba)?sh\s+)?(\S+\.sh)$/.exec(command);
    if (script && PRESTART_SCRIPT.test(basename(script[1]))) return command;
  }
  return null;
}

export async function readRelease(files: ProjectFiles, root: string, run: RunConfig): Promise<ReleaseStep | null> {
  const text = async (file: string) => (files.has(file) ? files.text(file) : null);
  const inLines = (file: string, body: string | null, accept: (line: string, index: number) => string | null): ReleaseStep | null => {
    const lines = body?.split(/\r?\n/) ?? [];
    for (let i = 0; i < lines.length; i++) {
      const line = accept(lines[i], i);
      const command = line === null ? null : releaseCommand(line);
      if (command) return { command, file, line: i + 1 };
    }
    return null;
  };
  const inCommands = (commands: readonly Pick<RunCommand, 'text' | 'file' | 'line'>[]): ReleaseStep | null => {
    for (const { text: written, file, line } of commands) {
      const command = releaseCommand(written);
      if (command) return { command, file, line };
    }
    return null;
  };

  const procfile = run.procfile;
  const phase = procfile?.lines.find((l) => l.process === 'release');
  // The release phase is the release step, whatever it runs.
  if (procfile && phase) return { command: releaseCommand(phase.text) ?? phase.text.replace(RUNNER, ''), file: procfile.file, line: phase.line };

  // The commands that start the server: what runs before it there runs on every start.
  const web = (procfile?.lines ?? []).filter((l) => l.process === 'web').map((l) => ({ ...l, file: procfile?.file ?? '' }));
  const started = inCommands(web) ?? inCommands(run.started) ?? inCommands(run.commands.filter((c) => c.via === 'compose'));
  if (started) return started;

  // Scripts beside the app: a prestart script is run as a whole, a boot script for what it runs.
  const prestart = run.scripts.find((f) => PRESTART_SCRIPT.test(basename(f)));
  if (prestart) return { command: `bash ${relativeTo(root, prestart)}`, file: prestart, line: 1 };
  const boot = inCommands(run.commands.filter((c) => c.via === 'script' && !run.started.includes(c)));
  if (boot) return boot;

  const makefile = join(root, 'Makefile');
  const recipe = inLines(makefile, await text(makefile), (l) => (l.startsWith('\t') ? l : null));
  if (recipe) return recipe;
  for (const file of files.filesIn(root).filter((f) => README.test(basename(f))).sort()) {
    const found = inLines(file, await text(file), readmeCode(await text(file)));
    if (found) return found;
  }
  return null;
}

/** The README's command lines: in fenced blocks, indented blocks (`    $ flask init-db`), or a line of inline code. */
function readmeCode(body: string | null): (line: string, index: number) => string | null {
  const fenced = new Set<number>();
  let open = false;
  (body?.split(/\r?\n/) ?? []).forEach((line, i) => {
    if (/^\s*(?:```|~~~)/.test(line)) open = !open;
    else if (open) fenced.add(i);
  });
  return (line, i) => (fenced.has(i) || /^(?:\s{2,}|\t)\S/.test(line) || /^`[^`]+`$/.test(line.trim()) ? line.trim() : null);
}
