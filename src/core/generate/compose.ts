/**
 * compose.yaml's derived values: the backing services (images, healthchecks, volumes) as data, and
 * every value the template writes already in YAML syntax, quoted where YAML needs it. The file is
 * valid for Compose v2 and docker-compose 1.29: no top-level `name:`, no `develop:`, healthchecks
 * without `start_interval`.
 */
import { Document, isSeq } from 'yaml';
import { celeryWorker, type AppFacts, type Service } from './facts';
import { devServerCommand } from './serverCommand';

interface ServiceSpec {
  image: string;
  environment: Record<string, string>;
  healthcheck: { test: string[]; interval: string; timeout: string; retries: number; startPeriod: string };
  volume?: { name: string; target: string };
  /** What the app gets to reach it: always the service name, never localhost. */
  appEnvironment: Record<string, string>;
}

const SERVICES: Record<Service, ServiceSpec> = {
  postgres: {
    image: 'postgres:16-alpine',
    environment: { POSTGRES_USER: 'app', POSTGRES_PASSWORD: '${POSTGRES_PASSWORD:-app}', POSTGRES_DB: 'app' },
    healthcheck: { test: ['CMD-SHELL', 'pg_isready -U app -d app'], interval: '5s', timeout: '3s', retries: 10, startPeriod: '10s' },
    volume: { name: 'postgres-data', target: '/var/lib/postgresql/data' },
    appEnvironment: { DATABASE_URL: 'postgresql://app:${POSTGRES_PASSWORD:-app}@postgres:5432/app' },
  },
  redis: {
    image: 'redis:7-alpine',
    environment: {},
    healthcheck: { test: ['CMD', 'redis-cli', 'ping'], interval: '5s', timeout: '3s', retries: 10, startPeriod: '5s' },
    volume: { name: 'redis-data', target: '/data' },
    appEnvironment: { REDIS_URL: 'redis://redis:6379/0' },
  },
  mysql: {
    image: 'mysql:8.4',
    environment: { MYSQL_DATABASE: 'app', MYSQL_USER: 'app', MYSQL_PASSWORD: '${MYSQL_PASSWORD:-app}', MYSQL_ROOT_PASSWORD: '${MYSQL_ROOT_PASSWORD:-root}' },
    healthcheck: { test: ['CMD', 'mysqladmin', 'ping', '-h', '127.0.0.1'], interval: '5s', timeout: '3s', retries: 20, startPeriod: '20s' },
    volume: { name: 'mysql-data', target: '/var/lib/mysql' },
    appEnvironment: { DATABASE_URL: 'mysql://app:${MYSQL_PASSWORD:-app}@mysql:3306/app' },
  },
  mongodb: {
    image: 'mongo:7',
    environment: {},
    healthcheck: { test: ['CMD', 'mongosh', '--quiet', '--eval', 'db.adminCommand("ping").ok'], interval: '5s', timeout: '5s', retries: 10, startPeriod: '10s' },
    volume: { name: 'mongo-data', target: '/data/db' },
    appEnvironment: { MONGODB_URL: 'mongodb://mongodb:27017/app' },
  },
  rabbitmq: {
    image: 'rabbitmq:4-alpine',
    // The guest user may only connect from localhost, so the app gets a user of its own.
    environment: { RABBITMQ_DEFAULT_USER: 'app', RABBITMQ_DEFAULT_PASS: '${RABBITMQ_PASSWORD:-app}' },
    healthcheck: { test: ['CMD', 'rabbitmq-diagnostics', '-q', 'ping'], interval: '10s', timeout: '5s', retries: 10, startPeriod: '20s' },
    volume: { name: 'rabbitmq-data', target: '/var/lib/rabbitmq' },
    appEnvironment: { AMQP_URL: 'amqp://app:${RABBITMQ_PASSWORD:-app}@rabbitmq:5672//' },
  },
};

/** A value as YAML writes it in a block mapping: plain when it can be, quoted when it must. */
export function yamlScalar(value: string | number): string {
  return new Document(value).toString({ lineWidth: 0 }).trimEnd();
}

/** A list of plain values in flow style, as commands, ports and tests read best. */
export function yamlFlowList(values: string[]): string {
  const doc = new Document(values);
  if (isSeq(doc.contents)) doc.contents.flow = true;
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false }).trimEnd();
}

const entries = (env: Record<string, string>) => Object.entries(env).map(([name, value]) => ({ name, value: yamlScalar(value) }));

export interface ComposeService {
  name: Service;
  image: string;
  environment: { name: string; value: string }[];
  hasEnvironment: boolean;
  healthcheck: { test: string; interval: string; timeout: string; retries: number; startPeriod: string };
  volume: { name: string; target: string } | null;
}

export interface ComposeView {
  image: string;
  ports: string;
  devCommand: string;
  environment: { name: string; value: string }[];
  hasEnvironment: boolean;
  dependsOn: Service[];
  hasDependsOn: boolean;
  worker: { command: string } | null;
  services: ComposeService[];
  volumes: string[];
  hasVolumes: boolean;
}

export function composeView(app: AppFacts, name: string, imagePrefix: string): ComposeView {
  const environment: Record<string, string> = {};
  for (const s of app.services) Object.assign(environment, SERVICES[s].appEnvironment);
  const worker = celeryWorker(app);
  if (worker && app.services.includes('redis')) {
    environment.CELERY_BROKER_URL = 'redis://redis:6379/0';
    environment.CELERY_RESULT_BACKEND = 'redis://redis:6379/1';
  }
  const services = app.services.map((s): ComposeService => {
    const spec = SERVICES[s];
    return {
      name: s,
      image: `${imagePrefix}${spec.image}`,
      environment: entries(spec.environment),
      hasEnvironment: Object.keys(spec.environment).length > 0,
      healthcheck: { ...spec.healthcheck, test: yamlFlowList(spec.healthcheck.test) },
      volume: spec.volume ?? null,
    };
  });
  const volumes = services.flatMap((s) => (s.volume ? [s.volume.name] : []));
  return {
    image: `${name}:dev`,
    // Published on 127.0.0.1 only: reachable from this machine, not from the network.
    // APP_PORT picks another host port when this one is taken.
    ports: yamlFlowList([`127.0.0.1:\${APP_PORT:-${app.port}}:${app.port}`]),
    devCommand: yamlFlowList(devServerCommand(app)),
    environment: entries(environment),
    hasEnvironment: Object.keys(environment).length > 0,
    dependsOn: app.services,
    hasDependsOn: app.services.length > 0,
    worker: worker?.module ? { command: yamlFlowList(['celery', '-A', worker.module, 'worker', '--loglevel=INFO']) } : null,
    services,
    volumes,
    hasVolumes: volumes.length > 0,
  };
}
