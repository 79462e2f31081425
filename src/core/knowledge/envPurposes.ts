/**
 * What an environment variable an app reads is for, and whether its value is a secret, from its
 * name, its declared type and its default. Conventions, not guesses about one project: the parts
 * of a database connection (`POSTGRES_SERVER`, `DB_USER`), connection URLs, keys and passwords.
 */
export type EnvPurpose =
  | 'database-url' | 'database-host' | 'database-port' | 'database-user' | 'database-password' | 'database-name'
  | 'redis-url' | 'broker-url' | 'secret' | 'config';

const DATABASE = '(?:POSTGRES(?:QL)?|PG|MYSQL|MARIADB|MONGO(?:DB)?|DB|DATABASE|SQL)';
const DATABASE_PARTS: [RegExp, EnvPurpose][] = [
  [new RegExp(`(?:^|_)${DATABASE}_(?:SERVER|HOST|HOSTNAME)$`), 'database-host'],
  [new RegExp(`(?:^|_)${DATABASE}_PORT$`), 'database-port'],
  [new RegExp(`(?:^|_)${DATABASE}_(?:USER|USERNAME)$`), 'database-user'],
  [new RegExp(`(?:^|_)${DATABASE}_(?:PASSWORD|PASS|PASSWD)$`), 'database-password'],
  [new RegExp(`(?:^|_)${DATABASE}_(?:DB|NAME|DATABASE|DBNAME)$`), 'database-name'],
];
const DATABASE_URL = new RegExp(`(?:^|_)(?:${DATABASE}|SQLALCHEMY_DATABASE)_(?:URL|URI|DSN)$`);
const BROKER_URL = /BROKER(?:_URL|_URI)?$/;
const REDIS_URL = /REDIS\w*_(?:URL|URI|DSN)$|^REDIS_URL$/;
const URL_KINDS: [RegExp, EnvPurpose][] = [
  [/^(?:postgres(?:ql)?|mysql|mariadb|sqlite|mongodb|oracle|mssql)(?:\+\w+)?:\/\//i, 'database-url'],
  [/^(?:amqps?|sqs):\/\//i, 'broker-url'],
  [/^rediss?:\/\//i, 'redis-url'],
];

/** Words that make a name a secret... */
const SECRET_NAME = /(?:^|_)(?:SECRET|PASSWORD|PASSWD|PASS|TOKEN|(?:API|SECRET|PRIVATE|ACCESS)_?KEY|KEY|PRIVATE|CREDENTIALS?|DSN|SALT|SIGNATURE)(?:_|$)/;
/** ...unless the name says it holds a setting about the secret rather than the secret itself, or a public key (`GPG_KEY`). */
const NOT_SECRET = /(?:^|_)(?:PUBLIC|GPG|FINGERPRINT|USE|ENABLED?|DISABLED?|EXPIRE|EXPIRES|EXPIRATION|EXPIRY|MINUTES|HOURS|SECONDS|DAYS|TTL|LIFETIME|PREFIX|ALGORITHM|LENGTH|TYPE|NAME|URL|HEADER|FILE|PATH|ROUNDS)(?:_|$)/;
/** Types whose values are not secrets whatever the name says (`..._USE_ID_TOKEN: bool`). */
const PLAIN_TYPES = /^(?:bool|int|float|timedelta|Optional\[(?:bool|int|float)\]|(?:bool|int|float)\s*\|\s*None)$/;

export interface EnvClassification {
  purpose: EnvPurpose;
  secret: boolean;
}

/**
 * `annotation` is the declared type of a settings field (`SecretStr`, `PostgresDsn`), `fallback`
 * a literal default (`redis://localhost:6379` says what the variable holds).
 */
export function classifyEnv(name: string, annotation: string | null = null, fallback: string | null = null): EnvClassification {
  const upper = name.toUpperCase();
  const type = annotation?.trim() ?? '';
  const fromType: EnvPurpose | null = /\b(?:Postgres|MySQL|MariaDB|CockroachDB|Mongo)Dsn\b/.test(type) ? 'database-url'
    : /\bRedisDsn\b/.test(type) ? 'redis-url' : /\bAmqpDsn\b/.test(type) ? 'broker-url' : null;
  const fromValue = URL_KINDS.find(([pattern]) => pattern.test(fallback ?? ''))?.[1] ?? null;
  const part = DATABASE_PARTS.find(([pattern]) => pattern.test(upper))?.[1] ?? null;
  const purpose: EnvPurpose = fromType ?? (DATABASE_URL.test(upper) ? 'database-url' : null) ?? part
    ?? (BROKER_URL.test(upper) ? 'broker-url' : null) ?? (REDIS_URL.test(upper) ? 'redis-url' : null) ?? fromValue
    ?? (isSecretName(upper, type) ? 'secret' : 'config');
  // A database URL carries its password; a plain redis or broker URL usually does not.
  const secret = purpose === 'database-url' || purpose === 'database-password' || /\bSecret(?:Str|Bytes)\b/.test(type)
    || isSecretName(upper, type);
  return { purpose, secret };
}

/** A URL that carries a user and a password (`postgresql://app:secret@db/app`). */
export const URL_WITH_PASSWORD = /^[a-z][\w+.-]*:\/\/[^:/@\s]+:[^@\s]+@/i;

/** Values that switch or count, never a secret whatever the name says (`GOOGLE_USE_ID_TOKEN=true`). */
const PLAIN_VALUE = /^(["']?)(?:true|false|yes|no|\d+)\1$/i;

/**
 * Whether a variable holds a secret, by its name, its declared type (`bool` is no secret) and,
 * where it is written down (ENV, ARG), its value.
 */
export function isSecretName(name: string, type = '', value: string | null = null): boolean {
  const upper = name.toUpperCase();
  if (PLAIN_TYPES.test(type) || (value !== null && PLAIN_VALUE.test(value))) return false;
  if (/(?:^|_)DSN$/.test(upper)) return true;
  return SECRET_NAME.test(upper) && !NOT_SECRET.test(upper);
}
