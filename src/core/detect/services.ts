import type { Requirement } from './requirements';
import type { DetectWarning, Framework, Server, Service } from './types';
import { WARNING, warning } from './warnings';

const URL_SCHEMES: [RegExp, Service][] = [
  [/\bpostgres(?:ql)?(?:\+\w+)?:\/\//i, 'postgres'],
  [/\brediss?:\/\//i, 'redis'],
  [/\b(?:mysql|mariadb)(?:\+\w+)?:\/\//i, 'mysql'],
  [/\bmongodb(?:\+srv)?:\/\//i, 'mongodb'],
  [/\b(?:amqps?|pyamqp):\/\//i, 'rabbitmq'],
];
const IMAGES: [RegExp, Service][] = [
  [/^(postgres|postgresql|postgis)$/, 'postgres'],
  [/^(redis|valkey|redis-stack|redis-stack-server)$/, 'redis'],
  [/^(mysql|mariadb)$/, 'mysql'],
  [/^(mongo|mongodb)$/, 'mongodb'],
  [/^rabbitmq$/, 'rabbitmq'],
];

/** Connection URLs in configuration or source (`postgresql+asyncpg://…`, `redis://…`). */
export function servicesInText(text: string): Service[] {
  return URL_SCHEMES.filter(([pattern]) => pattern.test(text)).map(([, service]) => service);
}

/** A compose image (`postgres:16-alpine`, `bitnami/redis`, `docker.io/library/mongo:7`). */
export function serviceOfImage(image: string): Service | null {
  const name = image.split('@')[0].replace(/:[^/]*$/, '').split('/').pop() ?? '';
  return IMAGES.find(([pattern]) => pattern.test(name))?.[1] ?? null;
}

export function sortServices(services: Iterable<Service>): Service[] {
  return [...new Set(services)].sort();
}

/** The servers each framework can run on, best first (Flask is WSGI, FastAPI is ASGI). */
const SERVERS_FOR: Record<Framework, Server[]> = { fastapi: ['uvicorn', 'hypercorn'], flask: ['gunicorn', 'hypercorn'] };
const DEFAULT_SERVER: Record<Framework, string> = { fastapi: 'uvicorn', flask: 'gunicorn' };

export function declaredServers(requirements: readonly Requirement[]): Set<Server> {
  const out = new Set<Server>();
  for (const r of requirements) {
    if (r.name === 'uvicorn' || r.name === 'gunicorn' || r.name === 'hypercorn') out.add(r.name);
    // `fastapi[standard]` (and `[all]`) bring uvicorn with them.
    if (r.name === 'fastapi' && (r.extras.includes('standard') || r.extras.includes('all'))) out.add('uvicorn');
  }
  return out;
}

/**
 * The server the app declares it runs on (its Procfile first, then its dependencies), or null with
 * a warning when none fits the framework. What the container runs is generate's containerServer.
 */
export function detectServer(
  framework: Framework, declared: Set<Server>, procfileServer: Server | null, dependencyFile: string | null,
): { server: Server | null; warning: DetectWarning | null } {
  const usable = SERVERS_FOR[framework];
  if (procfileServer && usable.includes(procfileServer)) return { server: procfileServer, warning: null };
  const server = usable.find((s) => declared.has(s)) ?? null;
  if (server) return { server, warning: null };
  const name = framework === 'fastapi' ? 'FastAPI' : 'Flask';
  if (declared.size) {
    const found = [...declared].join(', ');
    return { server: null, warning: warning(WARNING.serverMismatch,
      `${name} needs ${usable.join(' or ')}; the dependencies only declare ${found}. Add ${DEFAULT_SERVER[framework]}` +
      `${framework === 'fastapi' && declared.has('gunicorn') ? ' (gunicorn can run it with -k uvicorn.workers.UvicornWorker)' : ''}.`,
      dependencyFile) };
  }
  return { server: null, warning: warning(WARNING.serverMissing,
    `No server in the dependencies: ${name} apps are served by ${usable.join(' or ')} in a container. ` +
    `Add ${DEFAULT_SERVER[framework]} to ${dependencyFile ?? 'the dependencies'}.`, dependencyFile) };
}
