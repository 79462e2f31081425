import { stat } from 'node:fs/promises';
import { detectOnDisk } from './detectOnDisk';
import { resolve } from 'node:path';
import type { AppFacts, DetectResult, DetectWarning } from '../core/detect/types';
import { EXIT, usageError, type CliCommand } from './run';

const USAGE = 'Usage: dockwright detect <dir> [--json]';

/** `dockwright detect <dir> [--json]`: the FastAPI/Flask apps in a folder and what each needs. */
export const detectCommand: CliCommand = {
  name: 'detect',
  summary: 'Find the FastAPI and Flask apps in a folder: entry point, port, server, dependencies',
  usage: USAGE,
  async run(args, io) {
    const json = args.includes('--json');
    const unknown = args.find((a) => a.startsWith('-') && a !== '--json');
    const dirs = args.filter((a) => !a.startsWith('-'));
    if (unknown || dirs.length !== 1) {
      const what = unknown ? `unknown option "${unknown}"` : dirs.length ? `one folder at a time, got ${dirs.length}` : 'which folder?';
      return usageError(io, detectCommand, what);
    }
    const root = resolve(dirs[0]);
    const problem = await unreadable(root);
    if (problem) {
      io.stderr(`dockwright detect: cannot read directory ${root} (${problem})\n`);
      return EXIT.usage;
    }
    let result: DetectResult;
    try {
      result = await detectOnDisk(root);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (!code) throw err;
      io.stderr(`dockwright detect: cannot read directory ${root} (${code})\n`);
      return EXIT.usage;
    }
    io.stdout(json ? `${JSON.stringify(result, null, 2)}\n` : formatResult(result));
    return EXIT.ok;
  },
};

async function unreadable(dir: string): Promise<string | null> {
  try {
    return (await stat(dir)).isDirectory() ? null : 'not a directory';
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? String(err);
  }
}

/** The result for people: one block per app, its warnings right under it. */
export function formatResult(result: DetectResult): string {
  const { filesScanned, filesParsed, ms } = result.stats;
  const lines = [`${result.root}: ${count(result.apps.length, 'app')} (${filesScanned} files scanned, ${filesParsed} parsed, ${ms} ms)`];
  for (const app of result.apps) lines.push('', ...formatApp(app));
  if (!result.apps.length) lines.push('', 'No FastAPI or Flask app found.');
  for (const u of result.unsupported) lines.push('', `Unsupported: ${u.message}`);
  if (result.scripts.length) lines.push('', `Scripts with a main guard but no app (run as \`python <file>\`): ${result.scripts.join(', ')}`);
  if (result.warnings.length) lines.push('', 'Warnings:', ...result.warnings.map(formatWarning));
  return `${lines.join('\n')}\n`;
}

function formatApp(app: AppFacts): string[] {
  const name = app.framework === 'fastapi' ? 'FastAPI' : 'Flask';
  const where = app.sourceRoot ? ` (import root ${app.sourceRoot})` : '';
  const files = app.dependencyFiles.length ? ` (${app.dependencyFiles.join(', ')})` : '';
  const lines = [
    `${name} app ${app.entry} in ${app.root}${where}`,
    `  serve with ${app.server ?? 'no server declared'} on port ${app.port} (${app.portSource})${app.host ? `, binds ${app.host}` : ''}`,
    `  Python ${app.pythonVersion ?? 'version not pinned'}, ${app.packageManager}${files}: ${app.dependencies.join(', ') || 'no dependencies'}`,
  ];
  if (app.services.length || app.workers.length) {
    const workers = app.workers.map((w) => `${w.kind} worker (${w.module ?? 'app module not found'})`);
    lines.push(`  needs ${[...app.services, ...workers].join(', ')}`);
  }
  lines.push(...app.warnings.map(formatWarning));
  return lines;
}

function formatWarning(w: DetectWarning): string {
  const at = w.file ? ` ${w.file}${w.line ? `:${w.line}` : ''}` : '';
  return `  warning [${w.code}]${at}: ${w.message}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
