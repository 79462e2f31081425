/**
 * The environment the generated setup gives an app, from the variables detection found it reading:
 * each one gets the value that makes the container start, under the name the app spells.
 *   - A database, Redis or broker the compose file runs: the URL (or its host, port, user, password
 *     and database) pointing at that service by its compose name, never at localhost.
 *   - A required secret or a signing key: a random value in the local .env (never in a tracked
 *     file), which compose interpolates with `${NAME:?...}` so a missing one stops `up` by name.
 *   - A required setting with an example in the project's own example env file: that value.
 *   - A required setting with none: `${NAME:?...}` too, and an empty line in .env to fill in.
 * Optional variables are left to the app's defaults and only documented in .env.example.
 */
import type { EnvVar, ReleaseStep, Service } from '../detect/types';
import type { AppFacts } from './facts';

/** Where the app's database lives when no database service runs: a SQLite file in a volume. */
export const SQLITE_DIR = 'data';

/** The values of a database service the app connects with (the service's own environment sets them). */
export interface DatabaseLogin {
  service: Service;
  scheme: string;
  port: number;
  user: string;
  database: string;
  /** The variable holding the password, set in .env and read by both the service and the app. */
  passwordVariable: string;
}

export const DATABASE_LOGINS: Partial<Record<Service, DatabaseLogin>> = {
  postgres: { service: 'postgres', scheme: 'postgresql', port: 5432, user: 'app', database: 'app', passwordVariable: 'POSTGRES_PASSWORD' },
  mysql: { service: 'mysql', scheme: 'mysql', port: 3306, user: 'app', database: 'app', passwordVariable: 'MYSQL_PASSWORD' },
};

/** Names whose value the app itself signs or encrypts with: any random string works. */
const OWN_SECRET = /(?:^|_)(?:SECRET_KEY|SECRET|SIGNING_KEY|SESSION_KEY|JWT_SECRET(?:_KEY)?|ENCRYPTION_KEY)$/;

export type EnvValueKind = 'service' | 'random' | 'example' | 'missing';

export interface EnvSetting {
  name: string;
  /** The value compose gives the app, as YAML will hold it (may interpolate `${...}`). */
  value: string;
  kind: EnvValueKind;
  /** Says what the value is, for .env.example. */
  note: string;
}

/** One line of the local .env: a variable compose interpolates. */
export interface LocalVariable {
  name: string;
  /** 'random': a fresh random secret; 'empty': for the person to fill in. */
  value: 'random' | 'empty';
  note: string;
}

export interface AppEnvironment {
  /** The app's (and its release step's and workers') `environment:` in compose. */
  settings: EnvSetting[];
  /** What the local .env must define for compose to start, services' passwords first. */
  local: LocalVariable[];
  /** Every variable the app reads, for .env.example. */
  documented: { variable: EnvVar; setting: EnvSetting | null }[];
  /** The writable folder (relative to the app's root) that holds the SQLite database, when the app gets one. */
  sqliteFolder: string | null;
}

export type EnvFacts = Pick<AppFacts, 'services' | 'dependencies' | 'framework' | 'entry' | 'workers'> & {
  env: EnvVar[];
  release?: ReleaseStep | null;
};

/** A value compose takes from the local .env, stopping `up` with the variable's name when it is missing. */
export const fromEnvFile = (name: string) => `\${${name}:?${name} is not set: add it to .env (see .env.example)}`;

const SQLALCHEMY = ['sqlalchemy', 'flask-sqlalchemy', 'sqlmodel'];
const hasSqlAlchemy = (deps: readonly string[]) => deps.some((d) => SQLALCHEMY.includes(d));

/** The SQLAlchemy dialect+driver a URL needs for the driver the app installs. */
function postgresScheme(deps: readonly string[]): string {
  if (!hasSqlAlchemy(deps)) return 'postgresql';
  // Named, not left to SQLAlchemy's default driver: 2.1 changed it from psycopg2 to psycopg 3.
  if (deps.some((d) => d === 'psycopg2' || d === 'psycopg2-binary')) return 'postgresql+psycopg2';
  if (deps.includes('psycopg') || deps.includes('psycopg-binary')) return 'postgresql+psycopg';
  if (deps.includes('asyncpg')) return 'postgresql+asyncpg';
  return 'postgresql';
}

function mysqlScheme(deps: readonly string[]): string {
  if (!hasSqlAlchemy(deps) || deps.includes('mysqlclient')) return 'mysql';
  if (deps.includes('pymysql')) return 'mysql+pymysql';
  if (deps.includes('aiomysql')) return 'mysql+aiomysql';
  return 'mysql';
}

/** The database service the app's database variables point at, if compose runs one. */
export function databaseLogin(app: Pick<AppFacts, 'services' | 'dependencies'>): DatabaseLogin | null {
  const service = app.services.find((s) => DATABASE_LOGINS[s]);
  if (!service) return null;
  const login = DATABASE_LOGINS[service] as DatabaseLogin;
  return { ...login, scheme: service === 'postgres' ? postgresScheme(app.dependencies) : mysqlScheme(app.dependencies) };
}

/** Whether the app opens its database through a URL SQLAlchemy reads (`databases` too), so a sqlite:// URL works. */
const usesSqlAlchemy = (deps: readonly string[]) => hasSqlAlchemy(deps) || deps.includes('databases');

/**
 * The environment for one app. `examples` are the values of the project's own example env files
 * (.env.example and the like), used for required settings that are not secrets.
 */
export function appEnvironment(app: EnvFacts, examples: Readonly<Record<string, string>> = {}): AppEnvironment {
  const db = databaseLogin(app);
  const passwordRef = db ? fromEnvFile(db.passwordVariable) : '';
  const local = new Map<string, LocalVariable>();
  if (db) local.set(db.passwordVariable, { name: db.passwordVariable, value: 'random', note: `password of the ${db.service} service's user` });
  const broker = app.services.includes('rabbitmq') ? `amqp://app:${fromEnvFile('RABBITMQ_PASSWORD')}@rabbitmq:5672//`
    : app.services.includes('redis') ? 'redis://redis:6379/0' : null;
  if (app.services.includes('rabbitmq')) local.set('RABBITMQ_PASSWORD', { name: 'RABBITMQ_PASSWORD', value: 'random', note: "password of the rabbitmq service's user" });
  // Without a database service, a database the app must have (or migrates) is a SQLite file in a volume,
  // so the release step and the app see the same one.
  const sqliteWanted = !db && usesSqlAlchemy(app.dependencies)
    && app.env.some((v) => v.purpose === 'database-url' && (v.required || app.release));
  const sqliteFolder = sqliteWanted ? SQLITE_DIR : null;

  const settings: EnvSetting[] = [];
  const documented: AppEnvironment['documented'] = [];
  const set = (variable: EnvVar, value: string, kind: EnvValueKind, note: string) => {
    const setting = { name: variable.name, value, kind, note };
    settings.push(setting);
    documented.push({ variable, setting });
  };
  for (const variable of app.env) {
    const service = serviceValue(variable, db, passwordRef, broker, app.services, sqliteFolder);
    if (service) set(variable, service.value, 'service', service.note);
    else if (variable.secret && variable.purpose === 'secret' && (variable.required || OWN_SECRET.test(variable.name))) {
      local.set(variable.name, { name: variable.name, value: 'random', note: 'random secret, generated for this machine' });
      set(variable, fromEnvFile(variable.name), 'random', 'a random secret in .env');
    } else if (variable.required && !variable.secret && examples[variable.name] !== undefined) {
      set(variable, examples[variable.name], 'example', "the project's example value");
    } else if (variable.required) {
      local.set(variable.name, { name: variable.name, value: 'empty', note: 'required: fill in' });
      set(variable, fromEnvFile(variable.name), 'missing', 'required; no default');
    } else documented.push({ variable, setting: null });
  }
  // A service the app reaches under no variable detection saw gets the conventional name.
  const reaches = (host: string) => settings.some((s) => s.kind === 'service' && new RegExp(`[@/]${host}[:/]|^${host}$`).test(s.value));
  const conventional = (service: Service, name: string, value: string) => {
    if (app.services.includes(service) && !reaches(service) && !settings.some((s) => s.name === name)) {
      settings.push({ name, value, kind: 'service', note: `URL of the ${service} service` });
    }
  };
  if (db) conventional(db.service, 'DATABASE_URL', `${db.scheme}://${db.user}:${passwordRef}@${db.service}:${db.port}/${db.database}`);
  conventional('mongodb', 'MONGODB_URL', 'mongodb://mongodb:27017/app');
  conventional('redis', 'REDIS_URL', 'redis://redis:6379/0');
  if (broker) conventional('rabbitmq', 'AMQP_URL', broker);
  // Celery reads its broker from CELERY_BROKER_URL when the app's config names none.
  if (broker && app.workers.some((w) => w.kind === 'celery' || w.kind === 'celery-beat')) {
    if (!settings.some((s) => s.name === 'CELERY_BROKER_URL')) settings.push({ name: 'CELERY_BROKER_URL', value: broker, kind: 'service', note: "the workers' broker" });
    if (app.services.includes('redis') && !settings.some((s) => s.name === 'CELERY_RESULT_BACKEND')) {
      settings.push({ name: 'CELERY_RESULT_BACKEND', value: 'redis://redis:6379/1', kind: 'service', note: 'where task results are kept' });
    }
  }
  // `rq worker` takes its Redis from RQ_REDIS_URL.
  if (app.services.includes('redis') && app.workers.some((w) => w.kind === 'rq') && !settings.some((s) => s.name === 'RQ_REDIS_URL')) {
    settings.push({ name: 'RQ_REDIS_URL', value: 'redis://redis:6379/0', kind: 'service', note: 'the queue rq worker reads' });
  }
  // `flask db upgrade`, and manage.py scripts built on Flask's CLI (FlaskGroup), find the app through FLASK_APP.
  if (app.framework === 'flask' && app.release && !/--app\b/.test(app.release.command) && !app.env.some((v) => v.name === 'FLASK_APP')) {
    settings.push({ name: 'FLASK_APP', value: app.entry, kind: 'service', note: 'the app the flask command loads' });
  }
  return { settings, local: [...local.values()], documented, sqliteFolder };
}

function serviceValue(
  variable: EnvVar, db: DatabaseLogin | null, passwordRef: string, broker: string | null, services: readonly Service[], sqliteFolder: string | null,
): { value: string; note: string } | null {
  const at = db ? `the ${db.service} service` : '';
  switch (variable.purpose) {
    case 'database-url':
      if (db) return { value: `${db.scheme}://${db.user}:${passwordRef}@${db.service}:${db.port}/${db.database}`, note: `URL of ${at}` };
      if (services.includes('mongodb')) return { value: 'mongodb://mongodb:27017/app', note: 'URL of the mongodb service' };
      if (sqliteFolder) return { value: `sqlite:////app/${sqliteFolder}/app.db`, note: `a SQLite file in the ${sqliteFolder} volume` };
      return null;
    case 'database-host': return db ? { value: db.service, note: `host of ${at}` } : null;
    case 'database-port': return db ? { value: String(db.port), note: `port of ${at}` } : null;
    case 'database-user': return db ? { value: db.user, note: `user of ${at}` } : null;
    case 'database-password': return db ? { value: passwordRef, note: `password of ${at}, from .env` } : null;
    case 'database-name': return db ? { value: db.database, note: `database of ${at}` } : null;
    case 'redis-url': return services.includes('redis') ? { value: 'redis://redis:6379/0', note: 'URL of the redis service' } : null;
    case 'broker-url': return broker ? { value: broker, note: 'URL of the broker service' } : null;
    default: return null;
  }
}
