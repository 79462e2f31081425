/**
 * Examples that come from the app when there is one: its server, entry and port, so a hover on a
 * gunicorn app shows gunicorn, not uvicorn. Without an app they follow the server the file itself
 * starts, and without either they name no server at all.
 */
import type { AppFacts } from '../detect/types';
import { containerServer, serverCommand } from '../generate/serverCommand';
import { INSTRUCTIONS, UNKNOWN_INSTRUCTION } from '../knowledge/instructions';
import { COMMANDS } from '../knowledge/shellCommands';
import type { Analysis } from './analysis';
import type { InstructionNode } from '../dockerfile';

/** The servers an example can start an app with. */
type ExampleServer = NonNullable<AppFacts['server']>;

/** The port the knowledge's examples use; an app's own port replaces it. */
const EXAMPLE_PORT = /\b8000\b/g;

const NEUTRAL_START = { CMD: 'CMD ["python", "main.py"]', ENTRYPOINT: 'ENTRYPOINT ["python", "-m", "mytool"]\nCMD ["--help"]' };

/** The server the app is served with: the one it declares, else the one the generated files use. */
function appServer(app: AppFacts): ExampleServer {
  return app.server ?? containerServer(app);
}

/** The app's module file as the container sees it (relative to the app's folder). */
function moduleFile(app: AppFacts): string {
  return app.root === '.' || !app.file.startsWith(`${app.root}/`) ? app.file : app.file.slice(app.root.length + 1);
}

/** The exec-form words that serve the app with its server, bound to 0.0.0.0 on its port. */
function appStartWords(app: AppFacts): string[] {
  const server = appServer(app);
  if (server === containerServer(app)) return serverCommand(app);
  const port = String(app.port);
  const target = app.entry.replace(/\(\)$/, '');
  switch (server) {
    case 'gunicorn':
      // An ASGI app runs on gunicorn through uvicorn's worker class.
      return ['gunicorn', ...(app.framework === 'fastapi' ? ['-k', 'uvicorn.workers.UvicornWorker'] : []), '--bind', `0.0.0.0:${port}`, app.entry];
    case 'uvicorn':
      return ['uvicorn', ...(app.framework === 'flask' ? ['--interface', 'wsgi'] : []), ...(app.factory ? ['--factory', target] : [app.entry]), '--host', '0.0.0.0', '--port', port];
    case 'hypercorn':
      return ['hypercorn', '--bind', `0.0.0.0:${port}`, app.entry];
    case 'waitress':
      return ['waitress-serve', `--listen=0.0.0.0:${port}`, ...(app.factory ? ['--call', target] : [app.entry])];
    case 'fastapi':
      // `fastapi run` takes the file, and the variable when it is not called app; it cannot call a factory.
      return app.factory ? serverCommand({ ...app, server: 'uvicorn' })
        : ['fastapi', 'run', moduleFile(app), ...(app.variable === 'app' ? [] : ['--app', app.variable]), '--port', port];
  }
}

function execForm(keyword: string, words: string[]): string {
  return `${keyword} [${words.map((w) => JSON.stringify(w)).join(', ')}]`;
}

/** CMD or ENTRYPOINT as this app (or these words) would have it; an ENTRYPOINT takes the server, CMD its arguments. */
function startExample(keyword: 'CMD' | 'ENTRYPOINT', app: AppFacts | string[]): string {
  const words = Array.isArray(app) ? app : appStartWords(app);
  return keyword === 'CMD' ? execForm('CMD', words) : `${execForm('ENTRYPOINT', words.slice(0, 1))}\n${execForm('CMD', words.slice(1))}`;
}

/** A knowledge example with the app's port in place of the examples' 8000. */
export function withAppPort(example: string, app: AppFacts | null | undefined): string {
  return app ? example.replace(EXAMPLE_PORT, String(app.port)) : example;
}

/** The example under an instruction's explanation. */
export function instructionExample(a: Analysis, node: InstructionNode): string {
  const app = a.context.app;
  const general = (INSTRUCTIONS[node.keyword] ?? UNKNOWN_INSTRUCTION).example;
  if (node.keyword !== 'CMD' && node.keyword !== 'ENTRYPOINT') return withAppPort(general, app);
  if (app) return startExample(node.keyword, app);
  // No app: the server this file starts, as its own hover shows it; else an example that names none.
  const server = a.start && a.start.server !== 'python' ? a.start.server : null;
  const known = server && COMMANDS[server === 'flask' || server === 'fastapi' ? `${server} run` : server];
  // Knowledge examples of servers are exec-form CMDs.
  if (known) return node.keyword === 'CMD' ? known.example : startExample('ENTRYPOINT', JSON.parse(known.example.replace(/^CMD /, '')) as string[]);
  return NEUTRAL_START[node.keyword];
}

/** The programs whose hover shows how to serve an app; with an app known, their example is the app's. */
const SERVER_PROGRAMS = new Set(['uvicorn', 'gunicorn', 'hypercorn', 'fastapi', 'flask']);

/** The example of a command's hover: the app's own start for a server, else the knowledge's, on the app's port. */
export function commandExample(program: string, example: string, app: AppFacts | null | undefined): string {
  if (!app || !SERVER_PROGRAMS.has(program)) return withAppPort(example, app);
  // `flask run` is a development server: the example is what serves the app in an image.
  if (program === 'flask') return startExample('CMD', app);
  // Any other server is shown serving this app: a uvicorn hover stays about uvicorn, with the app's entry and port.
  return execForm('CMD', appStartWords({ ...app, server: program as ExampleServer }));
}
