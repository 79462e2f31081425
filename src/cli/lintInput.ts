/**
 * What `dockwright explain` and `dockwright lint` read from disk: the file, the build context next
 * to it (its .dockerignore and top-level names) and, with --app-dir, the detected app.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { detectOnDisk } from './detectOnDisk';
import { basename, dirname, join, resolve } from 'node:path';
import { appForFolder, isComposeFileName } from '../core/explain/appChoice';
import { isManifestText, NEIGHBOURS } from '../core/explain/k8s/manifestText';
import type { BuildContext, ExplainContext, ParseError } from '../core/explain/types';
import { EXIT, usageError, type CliCommand, type CliIO } from './run';

export interface InputArgs {
  file: string;
  appDir: string | null;
  json: boolean;
}

/** argv → the file and options, or the problem to print with the usage line. */
function parseInputArgs(args: string[]): InputArgs | string {
  let appDir: string | null = null;
  const files: string[] = [];
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') json = true;
    else if (a === '--app-dir' || a.startsWith('--app-dir=')) {
      const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (!value || value.startsWith('-')) return '--app-dir needs a folder';
      appDir = resolve(value);
    } else if (a.startsWith('-')) return `unknown option "${a}"`;
    else files.push(a);
  }
  if (files.length !== 1) return files.length ? `one file at a time, got ${files.length}` : 'which file?';
  return { file: resolve(files[0]), appDir, json };
}

/** The file's text, or why it cannot be read (missing, a folder, binary). */
function readText(file: string): { text: string } | { problem: string } {
  try {
    if (statSync(file).isDirectory()) return { problem: 'is a directory' };
    const bytes = readFileSync(file);
    if (bytes.includes(0)) return { problem: 'is not a text file' };
    return { text: bytes.toString('utf8') };
  } catch (err) {
    return { problem: (err as NodeJS.ErrnoException).code ?? String(err) };
  }
}

/** The Kubernetes manifests in a folder (YAML files that read as one), by name, as lint's neighbours. */
export function manifestsIn(folder: string): Map<string, string> {
  const texts = new Map<string, string>();
  let names: string[];
  try {
    names = readdirSync(folder).filter((n) => /\.ya?ml$/i.test(n) && !isComposeFileName(n)).sort().slice(0, NEIGHBOURS.files);
  } catch {
    return texts;
  }
  for (const name of names) {
    const path = join(folder, name);
    try {
      if (!statSync(path).isFile() || statSync(path).size > NEIGHBOURS.bytes) continue;
      const text = readFileSync(path, 'utf8');
      if (isManifestText(text)) texts.set(name, text);
    } catch {
      // An unreadable neighbour is one the lint cannot use, not an error of the file linted.
    }
  }
  return texts;
}

/** The texts of the other manifests than `name` among a folder's (manifestsIn). */
export function neighboursOf(manifests: ReadonlyMap<string, string>, name: string): string[] {
  return [...manifests].filter(([other]) => other !== name).map(([, text]) => text);
}

/** What a file is: YAML is a compose file unless, not named like one, it reads as a Kubernetes manifest. */
export function fileKind(file: string, text: string): 'dockerfile' | 'compose' | 'manifest' {
  if (isComposeFileName(basename(file))) return 'compose';
  if (!/\.ya?ml$/i.test(file)) return 'dockerfile';
  return isManifestText(text) ? 'manifest' : 'compose';
}

/** BuildKit reads `<Dockerfile>.dockerignore` beside the Dockerfile first, then the context's .dockerignore. */
function buildContext(dir: string, dockerfile: string): BuildContext | null {
  try {
    const ignore = [join(dirname(dockerfile), `${basename(dockerfile)}.dockerignore`), join(dir, '.dockerignore')].find((f) => existsSync(f));
    // env_file paths are relative to the compose file's folder.
    const exists = (path: string) => existsSync(resolve(dirname(dockerfile), path));
    return { dockerignore: ignore ? readFileSync(ignore, 'utf8') : null, files: readdirSync(dir), exists };
  } catch {
    return null;
  }
}

/** The build context of the app folder (or the file's folder) and, with --app-dir, the app detected there. */
export async function explainContext(input: InputArgs, io: CliIO, command: string): Promise<ExplainContext | null> {
  const dir = input.appDir ?? dirname(input.file);
  if (input.appDir && !(existsSync(input.appDir) && statSync(input.appDir).isDirectory())) {
    io.stderr(`dockwright ${command}: cannot read directory ${input.appDir}\n`);
    return null;
  }
  if (!input.appDir) return { buildContext: buildContext(dir, input.file) };
  const result = await detectOnDisk(dir);
  const app = appForFolder(result);
  if (!app) io.stderr(`dockwright ${command}: note: ${result.apps.length ? 'several apps' : 'no FastAPI or Flask app'} in ${dir}; the checks that need the app are skipped\n`);
  return { app, buildContext: buildContext(dir, input.file) };
}

/** `file:line:column: message`, as editors and CI annotate. */
export function formatParseErrors(file: string, errors: ParseError[]): string {
  return errors.map((e) => `${file}:${e.range.start.line + 1}:${e.range.start.character + 1}: ${e.message}\n`).join('');
}

/** The start explain and lint share: the arguments and the file's text; a number is the exit code to return. */
export function readInput(args: string[], io: CliIO, command: Pick<CliCommand, 'name' | 'usage'>): { input: InputArgs; text: string } | number {
  const input = parseInputArgs(args);
  if (typeof input === 'string') return usageError(io, command, input);
  const read = readText(input.file);
  if ('problem' in read) {
    io.stderr(`dockwright ${command.name}: cannot read ${input.file} (${read.problem})\n`);
    return EXIT.usage;
  }
  return { input, text: read.text };
}
