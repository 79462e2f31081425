import type { Server } from './types';

/**
 * Procfile and server command lines (`gunicorn -b 0.0.0.0:$PORT app:app`): which server, which
 * entry, which port and host. Shell words, not Python, so plain string handling is right here.
 */

export interface ServerCommand {
  server: Server;
  /** `module:variable` or `module:factory()` as written. */
  entry: string | null;
  port: number | null;
  host: string | null;
  line: number;
}

export interface Procfile {
  web: ServerCommand | null;
  /** `celery -A proj worker` → 'proj'. */
  celeryApp: string | null;
}

const SERVERS: readonly Server[] = ['uvicorn', 'gunicorn', 'hypercorn'];
const FLAGS = new Set(['--reload', '--factory', '--preload', '--proxy-headers', '--no-proxy-headers', '--access-log',
  '--no-access-log', '--daemon', '-D', '--debug', '--use-colors', '--no-use-colors']);
const ENTRY = /^[A-Za-z_][\w.]*:[A-Za-z_]\w*(\(.*\))?$/;

/** A command line as shell words and as written; `sh -c "a && b"` is the command line it runs. */
export interface CommandLine {
  words: string[];
  text: string;
}

/** One process of a Procfile: `web: gunicorn app:app` on line 2. */
export interface ProcfileLine extends CommandLine {
  process: string;
  line: number;
}

const SHELL = /^(?:\/bin\/)?(?:ba)?sh$/;

/** `written` is the line as the file has it, when there is one (a Dockerfile's exec form has words only). */
export function commandLine(words: string[], written?: string): CommandLine {
  if (SHELL.test(words[0] ?? '') && words[1] === '-c' && words.length > 2) {
    const text = words.slice(2).join(' ');
    return { words: shellWords(text), text };
  }
  return { words, text: written ?? words.join(' ') };
}

export function procfileLines(text: string): ProcfileLine[] {
  const out: ProcfileLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const match = /^\s*([A-Za-z0-9_-]+)\s*:\s*(.+)$/.exec(raw);
    if (match) out.push({ process: match[1], line: index + 1, ...commandLine(shellWords(match[2]), match[2].trim()) });
  });
  return out;
}

/** The web process's server command (else the first process that starts a server) and the Celery app. */
export function parseProcfile(procfile: string | readonly ProcfileLine[]): Procfile {
  const out: Procfile = { web: null, celeryApp: null };
  for (const { process, words, line } of typeof procfile === 'string' ? procfileLines(procfile) : procfile) {
    const command = parseServerCommand(words, line);
    if (command && (process === 'web' || !out.web)) out.web = command;
    out.celeryApp ??= celeryApp(words);
  }
  return out;
}

/** A server command among shell words (`python -m uvicorn …`, `exec gunicorn …`), or null. */
export function parseServerCommand(words: string[], line: number): ServerCommand | null {
  const start = words.findIndex((w) => SERVERS.includes(basename(w) as Server));
  if (start < 0) return null;
  const out: ServerCommand = { server: basename(words[start]) as Server, entry: null, port: null, host: null, line };
  for (let i = start + 1; i < words.length; i++) {
    const word = words[i];
    if (!word.startsWith('-')) {
      if (!out.entry && ENTRY.test(word)) out.entry = word;
      continue;
    }
    const eq = word.indexOf('=');
    const name = eq > 0 ? word.slice(0, eq) : word;
    let value: string | undefined;
    if (eq > 0) value = word.slice(eq + 1);
    else if (!FLAGS.has(word) && i + 1 < words.length && !words[i + 1].startsWith('-') && !ENTRY.test(words[i + 1])) value = words[++i];
    if (value === undefined) continue;
    if (name === '--port' || name === '-p') out.port = port(value) ?? out.port;
    else if (name === '--host') out.host = value;
    else if (name === '-b' || name === '--bind') {
      // host:port, where port may be $PORT or ${PORT:-8000} (whose colon is not the separator).
      const bind = /^(.*?):(\d+|\$\w+|\$\{[^}]*\})$/.exec(value);
      if (bind) {
        out.host = bind[1] || null;
        out.port = port(bind[2]) ?? out.port;
      }
    }
  }
  return out;
}

function celeryApp(words: string[]): string | null {
  if (!words.some((w) => basename(w) === 'celery')) return null;
  for (let i = 0; i < words.length; i++) {
    if ((words[i] === '-A' || words[i] === '--app') && words[i + 1]) return words[i + 1];
    if (words[i].startsWith('--app=')) return words[i].slice('--app='.length);
  }
  return null;
}

/** `8000`, `$PORT` (unknown), `${PORT:-8000}` (its default). */
function port(value: string): number | null {
  const fallback = /^\$\{\w+:?-(\d+)\}$/.exec(value);
  const text = fallback ? fallback[1] : value;
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  return n > 0 && n < 65536 ? n : null;
}

function basename(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/** Splits a command line into words, honouring quotes (enough for Procfiles and compose commands). */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  // Outside quotes a backslash escapes the next character: `create_app\(\)` is `create_app()`.
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) words.push(m[1] ?? m[2] ?? m[3].replace(/\\(.)/g, '$1'));
  return words;
}
