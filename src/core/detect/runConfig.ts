import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { parse as parseToml } from 'smol-toml';
import { buildsFrom, readComposeFiles, type ComposeFile } from './composeFiles';
import { parseEnvFile } from './hints';
import { basename, isInside, join, normalize } from './paths';
import { commandLine, parseServerCommand, procfileLines, shellWords, type CommandLine, type ProcfileLine } from './procfile';
import { readProjectDockerfile, type ProjectDockerfile } from './projectDockerfile';
import type { ProjectFiles } from './projectFiles';
import type { EntryVia, Server } from './types';

/**
 * How a project says it runs: the commands of its own Dockerfile, the scripts that Dockerfile
 * starts, its Procfile, the compose services built from it, its boot scripts, gunicorn.conf.py,
 * `[tool.fastapi]` and FLASK_APP. Read as shell words, each with the file and line it is on.
 */
export interface RunCommand extends CommandLine {
  file: string;
  line: number;
  via: EntryVia;
}

/** An app the project's configuration names: `module:variable`, `module:factory()`, or a module or path alone. */
export interface DeclaredEntry {
  /** The server the command starts it with, when a command names the entry. */
  server: Server | null;
  /** `app.main:app`, `pkg:create_app()`, or a module or path alone (`microblog.py`, `src/pkg`). */
  target: string;
  file: string;
  line: number;
  via: EntryVia;
}

/**
 * How a project runs itself, read once per project root: the commands and entries, and the files
 * they come from, parsed once, for the hints (hints.ts), the release step (release.ts) and the
 * declared Python (pythonVersion.ts).
 */
export interface RunConfig {
  /** Strongest first: the Dockerfile, Procfile, compose, boot scripts, then settings files. */
  entries: DeclaredEntry[];
  /** Every command found, in the same order, for the workers beside the app and the release step. */
  commands: RunCommand[];
  /** Of the commands, the Dockerfile's own and those of the scripts it runs. */
  started: RunCommand[];
  dockerfile: ProjectDockerfile | null;
  procfile: { file: string; lines: ProcfileLine[] } | null;
  compose: ComposeFile[];
  /** The shell scripts beside the app (in its folder, scripts/, bin/ and docker/), sorted. */
  scripts: string[];
  /** `.flaskenv` then `.env` (which wins, as in Flask), each parsed once. */
  envFiles: { file: string; values: Map<string, string> }[];
}

const SCRIPT_FOLDERS = ['', 'scripts', 'bin', 'docker'];
/** Scripts that start the app (boot.sh, entrypoint.sh, docker-entrypoint.sh, start.sh, prestart.sh, run.sh...). */
const BOOT_SCRIPT = /entrypoint|boot|start|run/i;
const GUNICORN_CONFIGS = ['gunicorn.conf.py', 'gunicorn_conf.py', 'gunicorn.config.py'];
const ENTRY = /^[A-Za-z_][\w.]*:[A-Za-z_]\w*(\(.*\))?$/;

export async function readRunConfig(files: ProjectFiles, root: string): Promise<RunConfig> {
  const text = (path: string) => (files.has(path) ? files.text(path) : Promise.resolve(null));
  const [dockerfile, compose] = await Promise.all([readProjectDockerfile(files, root), readComposeFiles(files, root)]);
  const scripts = SCRIPT_FOLDERS.flatMap((folder) => files.filesIn(join(root, folder))).filter((f) => f.endsWith('.sh')).sort();
  const settings: DeclaredEntry[] = [];

  const started: RunCommand[] = [];
  for (const start of dockerfile?.starts ?? []) {
    started.push({ ...start, file: (dockerfile as ProjectDockerfile).file, via: 'dockerfile' });
    for (const script of start.words.filter((w) => w.endsWith('.sh'))) {
      const path = scriptPath(files, root, script);
      if (path && !started.some((c) => c.file === path)) started.push(...scriptCommands(await text(path), path));
    }
  }
  for (const set of dockerfile?.flaskApp ?? []) settings.push(declared(set.value, (dockerfile as ProjectDockerfile).file, set.line, 'flask-app'));
  const procfilePath = join(root, 'Procfile');
  const procfileText = await text(procfilePath);
  const procfile = procfileText === null ? null : { file: procfilePath, lines: procfileLines(procfileText) };
  const commands = [...started, ...(procfile?.lines ?? []).map(({ words, text: written, line }): RunCommand =>
    ({ words, text: written, file: procfilePath, line, via: 'procfile' }))];
  for (const file of compose) commands.push(...composeCommands(file, root));
  for (const path of scripts.filter((f) => BOOT_SCRIPT.test(basename(f)))) {
    if (!commands.some((c) => c.file === path)) commands.push(...scriptCommands(await text(path), path));
  }

  for (const name of GUNICORN_CONFIGS) {
    const path = join(root, name);
    (await text(path))?.split(/\r?\n/).forEach((raw, index) => {
      const match = /^wsgi_app\s*=\s*["']([^"']+)["']/.exec(raw);
      if (match) settings.push(declared(match[1], path, index + 1, 'gunicorn-conf'));
    });
  }
  const pyprojectPath = join(root, 'pyproject.toml');
  const pyproject = await text(pyprojectPath);
  if (pyproject !== null) {
    const entrypoint = fastapiEntrypoint(pyproject);
    if (entrypoint) settings.push(declared(entrypoint.value, pyprojectPath, entrypoint.line, 'pyproject'));
  }
  const envFiles: RunConfig['envFiles'] = [];
  for (const name of ['.flaskenv', '.env']) {
    const path = join(root, name);
    const env = await text(path);
    if (env === null) continue;
    const values = parseEnvFile(env);
    envFiles.push({ file: path, values });
    const flaskApp = values.get('FLASK_APP');
    if (flaskApp) settings.push(declared(flaskApp, path, lineOf(env, /^\s*(export\s+)?FLASK_APP\s*=/m), 'flask-app'));
  }
  const entries = commands.flatMap((c) => {
    const target = entryInWords(c.words);
    return target ? [{ ...declared(target, c.file, c.line, c.via), server: serverInWords(c.words) }] : [];
  });
  // `fastapi run` with no path serves the `[tool.fastapi] entrypoint` of pyproject.toml.
  const fastapiCli = commands.find((c) => serverInWords(c.words) === 'fastapi' && entryInWords(c.words) === null);
  const cliSettings = settings.map((s) => (fastapiCli && s.via === 'pyproject' ? { ...s, server: 'fastapi' as const } : s));
  return { entries: [...entries, ...cliSettings], commands, started, dockerfile, procfile, compose, scripts, envFiles };
}

function declared(target: string, file: string, line: number, via: EntryVia): DeclaredEntry {
  return { target, file, line, via, server: null };
}

/** The server a command line starts: a server program, `fastapi run` (not `fastapi dev`), or `waitress-serve`. */
function serverInWords(words: string[]): Server | null {
  const server = parseServerCommand(words, 0);
  if (server) return server.server;
  const at = (name: string) => words.findIndex((w) => basename(w) === name);
  const fastapi = at('fastapi');
  if (fastapi >= 0 && (words[fastapi + 1] === 'run' || words[fastapi + 1] === 'dev')) return 'fastapi';
  return at('waitress-serve') >= 0 ? 'waitress' : null;
}

/** The app a command starts: a server's `module:variable`, `fastapi run <path>`, `flask --app <x>`, `waitress-serve <x>`. */
export function entryInWords(words: string[]): string | null {
  const server = parseServerCommand(words, 0);
  if (server?.entry) return server.entry;
  const at = (name: string) => words.findIndex((w) => basename(w) === name);
  const fastapi = at('fastapi');
  if (fastapi >= 0 && (words[fastapi + 1] === 'run' || words[fastapi + 1] === 'dev')) {
    const rest = words.slice(fastapi + 2);
    const path = rest.find((w, i) => !w.startsWith('-') && !(i > 0 && /^--(host|port|workers|app|root-path|proxy-headers)$/.test(rest[i - 1])));
    const app = optionValue(rest, '--app');
    if (path) return app ? `${path}:${app}` : path;
  }
  const flask = at('flask');
  if (flask >= 0) return optionValue(words.slice(flask + 1), '--app', '-A');
  const waitress = at('waitress-serve');
  if (waitress >= 0) {
    const target = words.slice(waitress + 1).find((w) => ENTRY.test(w) || /^[A-Za-z_][\w.]*:[A-Za-z_]\w*$/.test(w));
    if (target) return words.includes('--call') ? `${target}()` : target;
  }
  return null;
}

/** The value of a command-line option (`-A x`, `--app=x`), given by any of its names. */
export function optionValue(words: readonly string[], ...names: string[]): string | null {
  for (let i = 0; i < words.length; i++) {
    if (names.includes(words[i]) && words[i + 1]) return words[i + 1];
    const long = names.find((n) => n.startsWith('--') && words[i].startsWith(`${n}=`));
    if (long) return words[i].slice(long.length + 1);
  }
  return null;
}

/** A script a Dockerfile runs (`./boot.sh`, `/usr/src/app/entrypoint.sh`), as a file of the project. */
function scriptPath(files: ProjectFiles, root: string, script: string): string | null {
  const relative = normalize(join(root, script.replace(/^\.\//, '')));
  if (relative && files.has(relative)) return relative;
  // An absolute path in the image: the project file whose path it ends with.
  const parts = script.split('/').filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    const candidate = join(root, parts.slice(i).join('/'));
    if (files.has(candidate)) return candidate;
  }
  // Copied to another place in the image (`COPY docker/start.sh /start.sh`): the project's script of that name.
  return files.endingWith(basename(script)).find((f) => isInside(root, f) && basename(f) === basename(script)) ?? null;
}

/** A script's command lines, continued lines joined, comments left out. */
function scriptCommands(text: string | null, file: string): RunCommand[] {
  if (text === null) return [];
  const out: RunCommand[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i];
    while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + lines[++i];
    const code = line.replace(/^\s*#.*$/, '').trim();
    if (code) out.push({ ...commandLine(shellWords(code), code), file, line: start + 1, via: 'script' });
  }
  return out;
}

/** The `entrypoint` and `command` of the compose services built from this root, each with its line in the file. */
function composeCommands({ file, model }: ComposeFile, root: string): RunCommand[] {
  if (model.doc.errors.length) return [];
  const out: RunCommand[] = [];
  for (const service of model.services) {
    const build: unknown = service.map.get('build');
    if (!buildsFrom(isMap(build) ? build.toJSON() : build, file, root)) continue;
    for (const key of ['entrypoint', 'command']) {
      const node = service.map.get(key, true) as YamlNode | undefined;
      const written = isScalar(node) && node.value !== null ? String(node.value) : null;
      const words = written !== null ? shellWords(written) : isSeq(node) ? node.items.map((i) => String(isScalar(i) ? i.value : '')) : null;
      if (node && words) out.push({ ...commandLine(words, written ?? undefined), file, line: model.lineCounter.linePos(node.range?.[0] ?? 0).line, via: 'compose' });
    }
  }
  return out;
}

function fastapiEntrypoint(text: string): { value: string; line: number } | null {
  try {
    const tool = (parseToml(text) as { tool?: { fastapi?: { entrypoint?: unknown } } }).tool;
    const value = tool?.fastapi?.entrypoint;
    return typeof value === 'string' ? { value, line: lineOf(text, /^\s*entrypoint\s*=/m) } : null;
  } catch {
    // An invalid pyproject.toml is reported where dependencies are read.
    return null;
  }
}

function lineOf(text: string, pattern: RegExp): number {
  const match = pattern.exec(text);
  return match ? lineAt(text, match.index) : 1;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
