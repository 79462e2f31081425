/**
 * How the final image starts the app: which server the CMD (or ENTRYPOINT) runs, on which host and
 * port, and whether it is a development server. Defaults are each server's own: uvicorn, gunicorn
 * and hypercorn bind 127.0.0.1:8000, `flask run` 127.0.0.1:5000, `fastapi run` 0.0.0.0:8000.
 */
import { argsOf, commandsOf, hasOption, optionValue, type Command, type OptionValue } from './commandLine';
import { inherited, stageEnv, substitute, type DockerfileModel, type InstructionNode, type Stage, type Word } from '../dockerfile';

export type ServerName = 'uvicorn' | 'gunicorn' | 'hypercorn' | 'flask' | 'fastapi' | 'python';

export interface ServerStart {
  server: ServerName;
  /** The CMD or ENTRYPOINT that names the server. */
  node: InstructionNode;
  command: Command;
  serverWord: Word;
  /** The host it binds, '' for every interface, null when unknown (a config file, a variable). */
  host: string | null;
  /** Where the host was given, when on the command line. */
  hostGiven: OptionValue | null;
  port: number | null;
  portGiven: OptionValue | null;
  /** For gunicorn and hypercorn: the whole `HOST:PORT` of --bind. */
  bind: OptionValue | null;
  /** Where the host and port come from, for explanations. */
  origin: 'command' | 'env' | 'default' | 'unknown';
  /** A Unix socket or file descriptor instead of a TCP port. */
  socket: boolean;
  /** --reload, --debug, `flask run`, `fastapi dev`, `manage.py runserver`: what only development should use. */
  devFlags: Word[];
  /** For `python app.py`: the script. */
  script: Word | null;
}

const SERVERS = new Set<string>(['uvicorn', 'gunicorn', 'hypercorn', 'flask', 'fastapi', 'python']);
const DEFAULT_PORT: Record<ServerName, number | null> = { uvicorn: 8000, gunicorn: 8000, hypercorn: 8000, flask: 5000, fastapi: 8000, python: null };

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function asPort(value: string | undefined): number | null {
  const n = Number(value);
  return value && /^\d+$/.test(value) && n > 0 && n < 65536 ? n : null;
}

/** The last CMD and ENTRYPOINT of the stage, inherited ones included. */
export function startInstructions(model: DockerfileModel, stage: Stage): { cmd?: InstructionNode; entrypoint?: InstructionNode } {
  const all = inherited(model, stage);
  return {
    cmd: all.filter((i) => i.keyword === 'CMD').pop(),
    entrypoint: all.filter((i) => i.keyword === 'ENTRYPOINT').pop(),
  };
}

/** `HOST:PORT`, `:PORT`, `[::]:PORT`, `unix:/path` as gunicorn and hypercorn read --bind. */
function readBind(bind: OptionValue, env: ReadonlyMap<string, string>) {
  const value = substitute(bind.value, env);
  if (/^(unix|fd):/.test(value)) return { host: null, port: null, socket: true };
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(value);
  if (!match || value.includes('$')) return { host: null, port: null, socket: false };
  return { host: match[1] === '' ? '' : match[1], port: asPort(match[2]) ?? 8000, socket: false };
}

function listen(server: ServerName, args: Word[], env: ReadonlyMap<string, string>): Pick<ServerStart, 'host' | 'hostGiven' | 'port' | 'portGiven' | 'bind' | 'origin' | 'socket'> {
  const none = { hostGiven: null, portGiven: null, bind: null };
  if (server === 'gunicorn' || server === 'hypercorn') {
    const bind = optionValue(args, ['-b', '--bind']);
    if (bind) return { ...none, bind, ...readBind(bind, env), origin: 'command' };
    if (hasOption(args, ['-c', '--config']) || (server === 'gunicorn' && env.has('GUNICORN_CMD_ARGS'))) {
      return { ...none, host: null, port: null, origin: 'unknown', socket: false };
    }
    // gunicorn binds every interface on $PORT when that is set (the convention of PaaS platforms).
    if (server === 'gunicorn' && asPort(env.get('PORT'))) return { ...none, host: '', port: asPort(env.get('PORT')), origin: 'env', socket: false };
    return { ...none, host: '127.0.0.1', port: 8000, origin: 'default', socket: false };
  }
  if (server === 'python') return { ...none, host: null, port: null, origin: 'unknown', socket: false };
  if (server === 'uvicorn' && hasOption(args, ['--uds', '--fd'])) return { ...none, host: null, port: null, origin: 'command', socket: true };
  const hostNames = server === 'flask' ? ['--host', '-h'] : ['--host'];
  const portNames = server === 'flask' ? ['--port', '-p'] : ['--port'];
  const envPrefix = server === 'flask' ? 'FLASK_RUN_' : server === 'uvicorn' ? 'UVICORN_' : null;
  const hostGiven = optionValue(args, hostNames);
  const portGiven = optionValue(args, portNames);
  const envHost = envPrefix ? env.get(`${envPrefix}HOST`) : undefined;
  const envPort = envPrefix ? env.get(`${envPrefix}PORT`) : undefined;
  const dev = server === 'fastapi' && args.some((a) => a.value === 'dev');
  const defaultHost = server === 'fastapi' && !dev ? '0.0.0.0' : '127.0.0.1';
  const hostValue = hostGiven ? substitute(hostGiven.value, env) : envHost ?? defaultHost;
  const portValue = portGiven ? substitute(portGiven.value, env) : envPort;
  return {
    hostGiven, portGiven, bind: null, socket: false,
    host: hostValue.includes('$') ? null : hostValue,
    port: portValue === undefined ? DEFAULT_PORT[server] : asPort(portValue),
    origin: hostGiven || portGiven ? 'command' : envHost || envPort ? 'env' : 'default',
  };
}

function devFlags(server: ServerName, command: Command): Word[] {
  const args = argsOf(command);
  const flags = args.filter((a) => a.value === '--reload' || a.value === '--debug' || a.value.startsWith('--reload='));
  if (server === 'flask') flags.unshift(...args.filter((a) => a.value === 'run'));
  if (server === 'fastapi') flags.unshift(...args.filter((a) => a.value === 'dev'));
  // Django's `manage.py runserver` is its development server.
  if (server === 'python' && args.some((a) => /(?:^|\/)manage\.py$/.test(a.value))) flags.unshift(...args.filter((a) => a.value === 'runserver'));
  return flags;
}

function fromCommand(node: InstructionNode, command: Command, env: ReadonlyMap<string, string>): ServerStart | null {
  if (!SERVERS.has(command.program)) return null;
  const server = command.program as ServerName;
  const args = argsOf(command);
  if (server === 'flask' && !args.some((a) => a.value === 'run')) return null;
  if (server === 'fastapi' && !args.some((a) => a.value === 'run' || a.value === 'dev')) return null;
  const script = server === 'python' ? args.find((a) => !a.value.startsWith('-')) ?? null : null;
  if (server === 'python' && (!script || args.some((a) => a.value === '-c'))) return null;
  return {
    server, node, command, serverWord: command.words[command.at], ...listen(server, args, env),
    devFlags: devFlags(server, command), script,
  };
}

/** ENTRYPOINTs that hand over to the CMD: a script (`exec "$@"` at its end, as entrypoint scripts do), an init. */
const ENTRYPOINT_WRAPPER = /(\.sh$|(^|\/)[\w-]*entrypoint[\w.-]*$|(^|\/)(tini|dumb-init|gosu|su-exec)$)/;

/** The server the stage starts, or null when its start command is something else (or a script we cannot read). */
export function serverStart(model: DockerfileModel, stage: Stage): ServerStart | null {
  const { cmd, entrypoint } = startInstructions(model, stage);
  const env = new Map([...model.globalArgs, ...stageEnv(model, stage)]);
  if (entrypoint) {
    const [command] = commandsOf(entrypoint);
    if (!command) return null;
    // An exec-form ENTRYPOINT gets the exec-form CMD appended as arguments.
    const withCmd = entrypoint.execForm && cmd?.execForm ? { ...command, words: [...command.words, ...cmd.words] } : command;
    const found = fromCommand(entrypoint, withCmd, env);
    // A wrapper (an entrypoint script, tini) runs its setup and then the CMD it is given: the CMD starts the server.
    return found ?? (cmd && ENTRYPOINT_WRAPPER.test(command.program) ? serverInCommand(cmd, env) : null);
  }
  return cmd ? serverInCommand(cmd, env) : null;
}

/** The first command of a CMD-like instruction (or a compose `command:`) that starts a server. */
export function serverInCommand(node: InstructionNode, env: ReadonlyMap<string, string>): ServerStart | null {
  for (const command of commandsOf(node)) {
    const found = fromCommand(node, command, env);
    if (found) return found;
  }
  return null;
}
