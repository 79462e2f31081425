import { serverInstalled } from '../knowledge/servers';
import type { AppFacts } from './facts';

/** The servers the generated files know how to run. */
export type ContainerServer = 'uvicorn' | 'gunicorn' | 'hypercorn';

/**
 * The server the generated files run the app with: the declared one when the files know how to
 * run it, else the framework's usual one (installed if missing). Detection's detectServer says what
 * the app declares.
 */
export function containerServer(app: AppFacts): ContainerServer {
  if (app.framework === 'fastapi') return app.server === 'hypercorn' ? 'hypercorn' : 'uvicorn';
  return 'gunicorn';
}

/** Whether the chosen server is missing from the dependencies (the Dockerfile then installs it). */
export function serverMissing(app: AppFacts): boolean {
  return !serverInstalled(containerServer(app), app);
}

/** The exec-form CMD: the server bound to 0.0.0.0 on the app's port. */
export function serverCommand(app: AppFacts): string[] {
  const port = String(app.port);
  switch (containerServer(app)) {
    case 'uvicorn':
      // uvicorn calls a factory itself when given --factory and the bare name.
      return app.factory
        ? ['uvicorn', '--factory', app.entry.replace(/\(\)$/, ''), '--host', '0.0.0.0', '--port', port]
        : ['uvicorn', app.entry, '--host', '0.0.0.0', '--port', port];
    case 'hypercorn':
      return ['hypercorn', '--bind', `0.0.0.0:${port}`, app.entry];
    case 'gunicorn':
      // gunicorn understands "module:create_app()" for factories.
      return ['gunicorn', '--bind', `0.0.0.0:${port}`, '--workers', '2', '--access-logfile', '-', app.entry];
  }
}

/** The development command: the same server reloading on code changes. */
export function devServerCommand(app: AppFacts): string[] {
  const port = String(app.port);
  if (app.framework === 'flask') {
    const [module, target] = app.entry.split(':');
    return ['flask', '--app', `${module}:${target}`, 'run', '--host', '0.0.0.0', '--port', port, '--debug'];
  }
  return [...serverCommand({ ...app, server: 'uvicorn' }), '--reload'];
}
