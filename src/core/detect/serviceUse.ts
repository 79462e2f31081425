import type { ModuleFacts } from './python/moduleFacts';
import type { Requirement } from './requirements';
import { servicesInText } from './services';
import type { EnvVar, Service } from './types';

/**
 * The services an app really uses: a driver it imports or a connection URL in a string literal
 * (never a word in a comment, nor a dependency nobody imports). A requirement's extra
 * (`celery[redis]`) names the transport the library is told to use, so it counts too.
 */
const DRIVERS: Record<string, Service> = {
  psycopg2: 'postgres', psycopg: 'postgres', asyncpg: 'postgres', pg8000: 'postgres', aiopg: 'postgres',
  redis: 'redis', aioredis: 'redis', rq: 'redis', arq: 'redis', flask_redis: 'redis', redis_om: 'redis',
  MySQLdb: 'mysql', pymysql: 'mysql', 'mysql.connector': 'mysql', aiomysql: 'mysql', asyncmy: 'mysql', flask_mysqldb: 'mysql',
  pymongo: 'mongodb', motor: 'mongodb', mongoengine: 'mongodb', beanie: 'mongodb', odmantic: 'mongodb', flask_pymongo: 'mongodb',
  pika: 'rabbitmq', aio_pika: 'rabbitmq', aiormq: 'rabbitmq', kombu: 'rabbitmq',
};
const EXTRAS: Record<string, Service> = { redis: 'redis', postgres: 'postgres', postgresql: 'postgres', mysql: 'mysql', mongodb: 'mongodb', rabbitmq: 'rabbitmq', librabbitmq: 'rabbitmq' };

const DRIVER_IMPORT = new RegExp(`^\\s*(?:from|import)\\s+(?:${Object.keys(DRIVERS).map((d) => d.replace('.', '\\.')).join('|')})\\b`, 'm');

/** Whether a module's text may hold a driver import or a URL, and so is worth a syntax tree for its services. */
export function mayUseService(text: string): boolean {
  return text.includes('://') || DRIVER_IMPORT.test(text);
}

export function servicesInUse(modules: [string, ModuleFacts][], requirements: readonly Requirement[]): Service[] {
  const found = new Set<Service>();
  let kombu = false;
  for (const [, facts] of modules) {
    for (const module of facts.use.imported.keys()) {
      const driver = DRIVERS[module] ?? DRIVERS[module.split('.')[0]];
      if (module.split('.')[0] === 'kombu') kombu = true;
      else if (driver) found.add(driver);
    }
    for (const url of facts.use.urls) for (const service of servicesInText(url.value)) found.add(service);
  }
  for (const r of requirements) for (const extra of r.extras) if (EXTRAS[extra]) found.add(EXTRAS[extra]);
  // kombu is Celery's transport layer; by itself it means RabbitMQ only when no other broker is in use.
  if (kombu && !found.has('redis')) found.add('rabbitmq');
  return [...found];
}

/** Connection variables named after the service they reach: `POSTGRES_SERVER`, `PGHOST`, `REDIS_URL`. */
const NAMED: [RegExp, Service][] = [
  [/^(?:POSTGRES(?:QL)?|PG)_?(?:SERVER|HOST|HOSTNAME|PORT|USER|USERNAME|PASSWORD|DB|DATABASE|URL|URI|DSN)$/, 'postgres'],
  [/^(?:MYSQL|MARIADB)_(?:SERVER|HOST|PORT|USER|PASSWORD|DB|DATABASE|URL|URI)$/, 'mysql'],
  [/^MONGO(?:DB)?_(?:HOST|PORT|URL|URI|DSN|DB)$/, 'mongodb'],
  [/^(?:RABBITMQ|AMQP)_(?:HOST|URL|URI)$/, 'rabbitmq'],
];

/**
 * The services an app reaches through the settings it reads: connection variables named after a
 * service are a URL read as surely as a literal one (the URL is built from them at run time).
 */
export function servicesFromEnvironment(env: readonly EnvVar[]): Service[] {
  const found = new Set<Service>();
  for (const v of env) {
    if (v.purpose === 'config' || v.purpose === 'secret') continue;
    const service = NAMED.find(([pattern]) => pattern.test(v.name.toUpperCase()))?.[1];
    if (service) found.add(service);
  }
  return [...found];
}
