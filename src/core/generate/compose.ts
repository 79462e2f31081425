import { Document, isScalar, visit } from 'yaml';
import type { AppFacts, Service } from './facts';
import type { GenerateOptions } from './options';
import { appName } from './dockerfile';
import { devServerCommand } from './serverCommand';

/**
 * compose.yaml: the app, its backing services with healthchecks, and a `dev` profile with a bind
 * mount and reload. Valid for Compose v2 and docker-compose 1.29: no top-level `name:`, no
 * `develop:`, healthchecks without `start_interval`.
 */
interface ServiceSpec {
  image: string;
  environment: Record<string, string>;
  healthcheck: { test: string[]; interval: string; timeout: string; retries: number; start_period: string };
  volume?: { name: string; target: string };
  /** What the app gets to reach it: always the service name, never localhost. */
  appEnvironment: Record<string, string>;
}

const SERVICES: Record<Service, ServiceSpec> = {
  postgres: {
    image: 'postgres:16-alpine',
    environment: { POSTGRES_USER: 'app', POSTGRES_PASSWORD: '${POSTGRES_PASSWORD:-app}', POSTGRES_DB: 'app' },
    healthcheck: { test: ['CMD-SHELL', 'pg_isready -U app -d app'], interval: '5s', timeout: '3s', retries: 10, start_period: '10s' },
    volume: { name: 'postgres-data', target: '/var/lib/postgresql/data' },
    appEnvironment: { DATABASE_URL: 'postgresql://app:${POSTGRES_PASSWORD:-app}@postgres:5432/app' },
  },
  redis: {
    image: 'redis:7-alpine',
    environment: {},
    healthcheck: { test: ['CMD', 'redis-cli', 'ping'], interval: '5s', timeout: '3s', retries: 10, start_period: '5s' },
    volume: { name: 'redis-data', target: '/data' },
    appEnvironment: { REDIS_URL: 'redis://redis:6379/0' },
  },
  mysql: {
    image: 'mysql:8.4',
    environment: { MYSQL_DATABASE: 'app', MYSQL_USER: 'app', MYSQL_PASSWORD: '${MYSQL_PASSWORD:-app}', MYSQL_ROOT_PASSWORD: '${MYSQL_ROOT_PASSWORD:-root}' },
    healthcheck: { test: ['CMD', 'mysqladmin', 'ping', '-h', '127.0.0.1'], interval: '5s', timeout: '3s', retries: 20, start_period: '20s' },
    volume: { name: 'mysql-data', target: '/var/lib/mysql' },
    appEnvironment: { DATABASE_URL: 'mysql://app:${MYSQL_PASSWORD:-app}@mysql:3306/app' },
  },
  mongodb: {
    image: 'mongo:7',
    environment: {},
    healthcheck: { test: ['CMD', 'mongosh', '--quiet', '--eval', 'db.adminCommand("ping").ok'], interval: '5s', timeout: '5s', retries: 10, start_period: '10s' },
    volume: { name: 'mongo-data', target: '/data/db' },
    appEnvironment: { MONGODB_URL: 'mongodb://mongodb:27017/app' },
  },
};

export function generateCompose(app: AppFacts, options: GenerateOptions): string {
  const name = appName(app, options);
  const environment: Record<string, string> = {};
  for (const s of app.services) Object.assign(environment, SERVICES[s].appEnvironment);
  if (app.worker && app.services.includes('redis')) {
    environment.CELERY_BROKER_URL = 'redis://redis:6379/0';
    environment.CELERY_RESULT_BACKEND = 'redis://redis:6379/1';
  }
  const dependsOn = Object.fromEntries(app.services.map((s) => [s, { condition: 'service_healthy' }]));
  const common = {
    ...(options.hasEnvFile ? { env_file: ['.env'] } : {}),
    ...(Object.keys(environment).length ? { environment } : {}),
    ...(app.services.length ? { depends_on: dependsOn } : {}),
  };

  // Published on 127.0.0.1 only: reachable from this machine, not from the network.
  // APP_PORT picks another host port when this one is taken.
  const ports = [`127.0.0.1:\${APP_PORT:-${app.port}}:${app.port}`];
  // Every service that runs the app's image also builds it, so compose never tries to pull it.
  const image = { build: { context: '.' }, image: `${name}:dev` };
  const services: Record<string, unknown> = {
    app: {
      ...image,
      ports,
      ...common,
      restart: 'unless-stopped',
    },
  };
  const workerModule = app.worker?.module;
  if (workerModule) {
    services.worker = {
      ...image,
      command: ['celery', '-A', workerModule, 'worker', '--loglevel=INFO'],
      ...common,
      restart: 'unless-stopped',
    };
  }
  // The same image with the code bind-mounted and the server reloading on changes.
  services['app-dev'] = {
    ...image,
    profiles: ['dev'],
    command: devServerCommand(app),
    ports,
    volumes: [{ type: 'bind', source: '.', target: '/app' }],
    ...common,
  };
  const volumes: Record<string, Record<string, never>> = {};
  for (const s of app.services) {
    const spec = SERVICES[s];
    services[s] = {
      image: `${options.imagePrefix}${spec.image}`,
      ...(Object.keys(spec.environment).length ? { environment: spec.environment } : {}),
      healthcheck: spec.healthcheck,
      ...(spec.volume ? { volumes: [`${spec.volume.name}:${spec.volume.target}`] } : {}),
      // No ports: the app reaches it on the compose network; nothing outside needs to.
      restart: 'unless-stopped',
    };
    if (spec.volume) volumes[spec.volume.name] = {};
  }
  const doc: Record<string, unknown> = { services };
  if (Object.keys(volumes).length) doc.volumes = volumes;
  const header = options.comments
    ? [
        `# ${name}: docker compose up --build -d   (then http://127.0.0.1:${app.port}; APP_PORT=... for another port)`,
        '# Development with reload and your code mounted: docker compose --profile dev up app-dev',
        '',
      ].join('\n')
    : '';
  return header + toYaml(doc);
}

/** Block style for mappings, flow style for lists of plain values (commands, ports, tests). */
function toYaml(value: unknown): string {
  const doc = new Document(value, { aliasDuplicateObjects: false });
  visit(doc, {
    Seq(_, node) {
      if (node.items.every((item) => isScalar(item))) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false }).replace(/: \{\}\n/g, ':\n');
}
