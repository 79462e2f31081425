/**
 * compose.yaml's derived values: the backing services (images, healthchecks, volumes) as data, and
 * every value the template writes already in YAML syntax, quoted where YAML needs it. The file is
 * valid for Compose v2 and docker-compose 1.29: no top-level `name:`, no `develop:`, healthchecks
 * without `start_interval`.
 */
import { Document, isSeq } from 'yaml';
import { fromEnvFile, type AppEnvironment } from './environment';
import { celeryWorker, type AppFacts, type Service } from './facts';
import { devServerCommand } from './serverCommand';
import { workerCommand, workerServiceNames } from './workers';
import { RELEASE_MARK, releaseRunsOnce, sharedVolumes } from './writable';

interface ServiceSpec {
  image: string;
  environment: Record<string, string>;
  healthcheck: { test: string[]; interval: string; timeout: string; retries: number; startPeriod: string };
  volume?: { name: string; target: string };
}


const SERVICES: Record<Service, ServiceSpec> = {
  postgres: {
    image: 'postgres:16-alpine',
    environment: { POSTGRES_USER: 'app', POSTGRES_PASSWORD: fromEnvFile('POSTGRES_PASSWORD'), POSTGRES_DB: 'app' },
    healthcheck: { test: ['CMD-SHELL', 'pg_isready -U app -d app'], interval: '5s', timeout: '3s', retries: 10, startPeriod: '10s' },
    volume: { name: 'postgres-data', target: '/var/lib/postgresql/data' },
  },
  redis: {
    image: 'redis:7-alpine',
    environment: {},
    healthcheck: { test: ['CMD', 'redis-cli', 'ping'], interval: '5s', timeout: '3s', retries: 10, startPeriod: '5s' },
    volume: { name: 'redis-data', target: '/data' },
  },
  mysql: {
    image: 'mysql:8.4',
    // The root password is random too; the app uses its own user.
    environment: { MYSQL_DATABASE: 'app', MYSQL_USER: 'app', MYSQL_PASSWORD: fromEnvFile('MYSQL_PASSWORD'), MYSQL_RANDOM_ROOT_PASSWORD: 'yes' },
    healthcheck: { test: ['CMD', 'mysqladmin', 'ping', '-h', '127.0.0.1'], interval: '5s', timeout: '3s', retries: 20, startPeriod: '20s' },
    volume: { name: 'mysql-data', target: '/var/lib/mysql' },
  },
  mongodb: {
    image: 'mongo:7',
    environment: {},
    healthcheck: { test: ['CMD', 'mongosh', '--quiet', '--eval', 'db.adminCommand("ping").ok'], interval: '5s', timeout: '5s', retries: 10, startPeriod: '10s' },
    volume: { name: 'mongo-data', target: '/data/db' },
  },
  rabbitmq: {
    image: 'rabbitmq:4-alpine',
    // The guest user may only connect from localhost, so the app gets a user of its own.
    environment: { RABBITMQ_DEFAULT_USER: 'app', RABBITMQ_DEFAULT_PASS: fromEnvFile('RABBITMQ_PASSWORD') },
    healthcheck: { test: ['CMD', 'rabbitmq-diagnostics', '-q', 'ping'], interval: '10s', timeout: '5s', retries: 10, startPeriod: '20s' },
    volume: { name: 'rabbitmq-data', target: '/var/lib/rabbitmq' },
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

/** A process beside the web server, on the same image: the release step or a worker. */
export interface ComposeProcess {
  name: string;
  /** The command as a YAML flow list. */
  command: string;
  /** What it does, for the comment above it. */
  note: string;
}

export interface ComposeView {
  image: string;
  ports: string;
  devCommand: string;
  environment: { name: string; value: string }[];
  hasEnvironment: boolean;
  dependsOn: Service[];
  hasDependsOn: boolean;
  /** The first Celery worker (kept for templates written before `workers`). */
  worker: { command: string } | null;
  /** The one-off step that runs before the app starts (migrations, database setup). */
  release: ComposeProcess | null;
  /** Each worker detection found, as its own service. */
  workers: ComposeProcess[];
  hasWorkers: boolean;
  /** The volumes the app's processes share (writable folders), as a YAML flow list. */
  appVolumes: string;
  hasAppVolumes: boolean;
  services: ComposeService[];
  volumes: string[];
  hasVolumes: boolean;
}

/** A command as compose runs it: the words, or a shell when it uses one. */
export function commandList(command: string): string {
  return /[|&;<>()$`\\"'*?~]/.test(command) ? yamlFlowList(['sh', '-c', command]) : yamlFlowList(command.trim().split(/\s+/));
}

/**
 * The release step: a migration runs on every `up` (it does nothing when the schema is current); a
 * step that creates the database from scratch runs only the first time, remembered in a volume.
 */
function releaseProcess(app: AppFacts): ComposeProcess {
  const release = app.release as NonNullable<AppFacts['release']>;
  const from = `${release.command} (from ${release.file}:${release.line})`;
  if (!releaseRunsOnce(app)) return { name: 'release', command: commandList(release.command), note: from };
  const mark = `/app/${RELEASE_MARK}/done`;
  return {
    name: 'release',
    command: yamlFlowList(['sh', '-c', `test -e ${mark} || { ${release.command} && touch ${mark}; }`]),
    note: `${from}, once: it creates the database, so later runs skip it until docker compose down -v`,
  };
}

export function composeView(app: AppFacts, name: string, imagePrefix: string, env: AppEnvironment): ComposeView {
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
  const shared = sharedVolumes(app, env);
  const volumes = [...services.flatMap((s) => (s.volume ? [s.volume.name] : [])), ...shared.map((v) => v.name)];
  const environment = env.settings.map(({ name: key, value }) => ({ name: key, value: yamlScalar(value) }));
  const celery = celeryWorker(app);
  const names = workerServiceNames(app.workers);
  const workers = app.workers.flatMap((w, i) => {
    const command = workerCommand(w);
    return command ? [{ name: names[i], command: commandList(command), note: `${w.kind} worker${w.module ? ` (${w.module})` : ''}` }] : [];
  });
  return {
    image: `${name}:dev`,
    // Published on 127.0.0.1 only: reachable from this machine, not from the network.
    // APP_PORT picks another host port when this one is taken.
    ports: yamlFlowList([`127.0.0.1:\${APP_PORT:-${app.port}}:${app.port}`]),
    devCommand: yamlFlowList(devServerCommand(app)),
    environment,
    hasEnvironment: environment.length > 0,
    dependsOn: app.services,
    hasDependsOn: app.services.length > 0,
    worker: celery?.module ? { command: yamlFlowList(['celery', '-A', celery.module, 'worker', '--loglevel=INFO']) } : null,
    release: app.release ? releaseProcess(app) : null,
    workers,
    hasWorkers: workers.length > 0,
    appVolumes: yamlFlowList(shared.map((v) => `${v.name}:${v.target}`)),
    hasAppVolumes: shared.length > 0,
    services,
    volumes,
    hasVolumes: volumes.length > 0,
  };
}
