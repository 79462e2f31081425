import { parseDocument, isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { parse as parseToml } from 'smol-toml';
import { finalStage, parseDockerfile } from '../dockerfile';
import { parseEnvFile } from './hints';
import { buildsFrom } from './composeBuild';
import { ancestors, basename, join, normalize } from './paths';
import { parseServerCommand, shellWords } from './procfile';
import type { ProjectFiles } from './projectFiles';
import type { EntryVia, Server } from './types';

/**
 * How a project says it runs: the commands of its own Dockerfile, the scripts that Dockerfile
 * starts, its Procfile, the compose services built from it, its boot scripts, gunicorn.conf.py,
 * `[tool.fastapi]` and FLASK_APP. Read as shell words, each with the file and line it is on.
 */
export interface RunCommand {
  words: string[];
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

export interface RunConfig {
  /** Strongest first: the Dockerfile, Procfile, compose, boot scripts, then settings files. */
  entries: DeclaredEntry[];
  /** Every command found, for the workers beside the app. */
  commands: RunCommand[];
}

const BOOT_SCRIPTS = ['boot.sh', 'entrypoint.sh', 'docker-entrypoint.sh', 'start.sh', 'prestart.sh', 'run.sh'];
const COMPOSE_FILE = /^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/;
const GUNICORN_CONFIGS = ['gunicorn.conf.py', 'gunicorn_conf.py', 'gunicorn.config.py'];
const ENTRY = /^[A-Za-z_][\w.]*:[A-Za-z_]\w*(\(.*\))?$/;

export async function readRunConfig(files: ProjectFiles, root: string): Promise<RunConfig> {
  const commands: RunCommand[] = [];
  const settings: DeclaredEntry[] = [];
  const text = (path: string) => (files.has(path) ? files.text(path) : Promise.resolve(null));

  const dockerfilePath = join(root, 'Dockerfile');
  const dockerfile = await text(dockerfilePath);
  if (dockerfile !== null) {
    const model = parseDockerfile(dockerfile);
    const final = finalStage(model);
    for (const instruction of final?.instructions ?? []) {
      const line = instruction.range.start.line + 1;
      if (instruction.keyword === 'CMD' || instruction.keyword === 'ENTRYPOINT') {
        const words = instruction.words.map((w) => w.value);
        commands.push({ words, file: dockerfilePath, line, via: 'dockerfile' });
        for (const script of words.filter((w) => w.endsWith('.sh'))) {
          const path = scriptPath(files, root, script);
          if (path) commands.push(...scriptCommands(await text(path), path, 'script'));
        }
      } else if (instruction.keyword === 'ENV') {
        const flaskApp = instruction.properties.find((p) => p.name === 'FLASK_APP')?.value;
        if (flaskApp) settings.push(declared(flaskApp, dockerfilePath, line, 'flask-app'));
      }
    }
  }
  const procfilePath = join(root, 'Procfile');
  (await text(procfilePath))?.split(/\r?\n/).forEach((raw, index) => {
    const match = /^\s*([A-Za-z0-9_-]+)\s*:\s*(.+)$/.exec(raw);
    if (match) commands.push({ words: shellWords(match[2]), file: procfilePath, line: index + 1, via: 'procfile' });
  });
  for (const folder of ancestors(root)) {
    for (const name of files.filesIn(folder).map(basename).filter((n) => COMPOSE_FILE.test(n)).sort()) {
      const path = join(folder, name);
      commands.push(...composeCommands(await text(path), path, root));
    }
  }
  for (const name of BOOT_SCRIPTS) {
    for (const path of [join(root, name), join(root, `scripts/${name}`)]) {
      if (!commands.some((c) => c.file === path)) commands.push(...scriptCommands(await text(path), path, 'script'));
    }
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
  for (const name of ['.flaskenv', '.env']) {
    const path = join(root, name);
    const env = await text(path);
    const flaskApp = env === null ? undefined : parseEnvFile(env).get('FLASK_APP');
    if (env !== null && flaskApp) settings.push(declared(flaskApp, path, lineOf(env, /^\s*(export\s+)?FLASK_APP\s*=/m), 'flask-app'));
  }
  const entries = commands.flatMap((c) => {
    const target = entryInWords(c.words);
    return target ? [{ ...declared(target, c.file, c.line, c.via), server: serverInWords(c.words) }] : [];
  });
  // `fastapi run` with no path serves the `[tool.fastapi] entrypoint` of pyproject.toml.
  const fastapiCli = commands.find((c) => serverInWords(c.words) === 'fastapi' && entryInWords(c.words) === null);
  const cliSettings = settings.map((s) => (fastapiCli && s.via === 'pyproject' ? { ...s, server: 'fastapi' as const } : s));
  return { entries: [...entries, ...cliSettings], commands };
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
  return null;
}

function scriptCommands(text: string | null, file: string, via: EntryVia): RunCommand[] {
  if (text === null) return [];
  const out: RunCommand[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i];
    while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + lines[++i];
    const code = line.replace(/^\s*#.*$/, '').trim();
    if (code) out.push({ words: shellWords(code), file, line: start + 1, via });
  }
  return out;
}

/** Commands of the compose services built from this root, each with its line in the file. */
function composeCommands(text: string | null, path: string, root: string): RunCommand[] {
  if (text === null) return [];
  const doc = parseDocument(text);
  if (doc.errors.length) return [];
  const services = doc.get('services');
  if (!isMap(services)) return [];
  const out: RunCommand[] = [];
  for (const pair of services.items) {
    const service = pair.value;
    if (!isMap(service)) continue;
    const build: unknown = service.get('build');
    if (!buildsFrom(isMap(build) ? build.toJSON() : build, path, root)) continue;
    const command = service.get('command', true) as YamlNode | undefined;
    if (!command) continue;
    const words = isScalar(command) ? shellWords(String(command.value)) : isSeq(command) ? command.items.map((i) => String(isScalar(i) ? i.value : '')) : [];
    out.push({ words, file: path, line: lineAt(text, command.range?.[0] ?? 0), via: 'compose' });
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
