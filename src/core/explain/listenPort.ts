/**
 * The port the final image's app listens on, and where that knowledge comes from: the CMD itself,
 * the server's default, or the app's source as detection read it ("per app/main.py").
 */
import type { AppFacts } from '../detect/types';
import type { ServerStart } from './serverStart';

export interface ListenPort {
  port: number;
  /** "uvicorn listens on 8000 (the CMD on line 12)". */
  why: string;
}

/** Port sources that come from the app itself, not from the Dockerfile or compose file being checked. */
const APP_SOURCES = new Set(['source', 'env', 'procfile']);

/** Where detection found the app, e.g. `app/main.py:5`. */
export function appLocation(app: AppFacts): string {
  return `${app.file}${app.line ? `:${app.line}` : ''}`;
}

/** Where the app's own port comes from, for explanations; null when detection only assumed a default. */
export function appPortSource(app: AppFacts): string | null {
  switch (app.portSource) {
    case 'source': return app.file;
    case 'env': return 'the environment file';
    case 'procfile': return 'the Procfile';
    case 'compose': return 'the compose file';
    case 'dockerfile': return 'the Dockerfile';
    default: return null;
  }
}

function describeStart(start: ServerStart): string {
  const port = start.port ?? '?';
  const origin = start.origin === 'default' ? ' (its default)' : start.origin === 'env' ? ' (from ENV)' : '';
  return `${start.server} listens on ${port}${origin}, per the ${start.node.keyword} on line ${start.node.range.start.line + 1}`;
}

/** From how the final stage starts (serverStart), and the app when the start command does not say. */
export function listenPort(start: ServerStart | null, app: AppFacts | null | undefined): ListenPort | null {
  if (start && start.server !== 'python') return start.port === null ? null : { port: start.port, why: describeStart(start) };
  if (start && app && APP_SOURCES.has(app.portSource)) {
    return { port: app.port, why: `the app listens on ${app.port}, per ${appPortSource(app)}` };
  }
  return null;
}

/** The TCP port numbers an EXPOSE word names: "8000", "8000/tcp"; ranges and UDP are left out. */
export function exposedPort(word: string): number | null {
  const match = /^(\d+)(?:\/tcp)?$/i.exec(word);
  return match ? Number(match[1]) : null;
}
