/**
 * Base images and their tags: what `python:3.13-slim` is made of and when to pick which variant,
 * plus the service images compose files use. Sizes are the rough uncompressed figures people see
 * in `docker images`.
 */
export interface ImageKnowledge {
  text: string;
  /** Images that are databases: their data belongs in a volume. */
  dataPath?: string;
  /** Where a store that may run in memory only (Redis) keeps what it persists, when a volume is given. */
  persistPath?: string;
}

export const IMAGES: Record<string, ImageKnowledge> = {
  python: { text: 'The official Python image: Debian (or Alpine) with CPython installed and `pip` ready.' },
  postgres: { text: 'The official PostgreSQL server.', dataPath: '/var/lib/postgresql/data' },
  mysql: { text: 'The official MySQL server.', dataPath: '/var/lib/mysql' },
  mariadb: { text: 'The official MariaDB server.', dataPath: '/var/lib/mysql' },
  mongo: { text: 'The official MongoDB server.', dataPath: '/data/db' },
  redis: { text: 'The official Redis server: a cache or a message broker (Celery), data kept in memory.', persistPath: '/data' },
  valkey: { text: 'Valkey, the open-source fork of Redis: the same protocol and uses.', persistPath: '/data' },
  rabbitmq: { text: 'The official RabbitMQ broker.' },
  nginx: { text: 'The nginx web server, often a reverse proxy in front of the app.' },
  debian: { text: 'Plain Debian: no Python, you install it yourself.' },
  ubuntu: { text: 'Plain Ubuntu: no Python, you install it yourself.' },
  alpine: { text: 'Alpine Linux, about 8 MB, with musl instead of glibc.' },
  scratch: { text: 'The empty image: nothing at all, for a single static binary. A Python app cannot run on it.' },
  'gcr.io/distroless/python3': { text: 'Distroless Python: the interpreter and its libraries without a shell or package manager.' },
};

/** What a tag of the python image means, part by part. */
export function pythonTagParts(tag: string | null): string[] {
  if (!tag || tag === 'latest') {
    return ['No tag means `latest`: the newest Python on full Debian, which moves to a new version without warning and weighs about 1 GB.'];
  }
  const parts: string[] = [];
  const version = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(tag);
  if (version) {
    parts.push(version[3] ? `Python ${version[0]} exactly: rebuilds get this very release.`
      : version[2] ? `Python ${version[0]}, with the latest patch release of it at build time.`
        : `Python ${version[0]}, whichever minor version is newest at build time: a rebuild can jump to a new one.`);
  }
  if (/slim/.test(tag)) {
    parts.push('`slim`: Debian without compilers, headers and documentation, about 150 MB. The usual choice to run an app; '
      + 'packages with C code that ship no wheel need a builder stage on the full image.');
  } else if (/alpine/.test(tag)) {
    parts.push('`alpine`: about 50 MB, but built on musl: many packages have no wheel for it and compile from source, slowly, '
      + 'or behave differently. Prefer slim for Python.');
  } else if (/windowsservercore|nanoserver/.test(tag)) {
    parts.push('A Windows image: it needs a Windows host.');
  } else {
    parts.push('The full image: Debian with compilers, headers and tools, about 1 GB. Good for a builder stage; '
      + 'as the final image it ships a compiler to production.');
  }
  const release = /(bookworm|bullseye|trixie|buster)/.exec(tag);
  if (release) parts.push(`\`${release[1]}\` pins the Debian release underneath, so a rebuild keeps the same system libraries.`);
  return parts;
}

/** The general meaning of a tag for images other than python. */
export function tagParts(repository: string, tag: string | null, digest: string | null): string[] {
  if (repository === 'python') return pythonTagParts(tag);
  const parts: string[] = [];
  if (digest) parts.push('The `@sha256:` digest pins the exact image bytes: nothing changes until you change it.');
  if (!tag || tag === 'latest') parts.push('`latest` (or no tag) is whatever was newest when pulled, so two builds can differ.');
  else if (/alpine/.test(tag)) parts.push(`\`${tag}\`: the Alpine-based variant, the smallest.`);
  else parts.push(`\`${tag}\` pins the version you get.`);
  return parts;
}

/** Database images whose data must live in a volume: the image name pattern and its data path. */
export function databaseOf(repository: string): { name: string; dataPath: string } | null {
  const name = repository.split('/').pop() ?? repository;
  for (const [key, knowledge] of Object.entries(IMAGES)) {
    if (knowledge.dataPath && (name === key || name.startsWith(`${key}-`) || name.endsWith(`-${key}`))) return { name: key, dataPath: knowledge.dataPath };
  }
  return /^(postgresql|mongodb)$/.test(name) ? databaseOf(name === 'postgresql' ? 'postgres' : 'mongo') : null;
}

/** A service that holds data people would not expose: a database, or a store like Redis. */
export function dataStoreOf(repository: string): { name: string; dataPath: string } | null {
  const database = databaseOf(repository);
  if (database) return database;
  const name = repository.split('/').pop() ?? repository;
  const known = IMAGES[name];
  return known?.persistPath ? { name, dataPath: known.persistPath } : null;
}

/** Whether the knowledge base knows the image (an official image people pull, not a project's own build). */
export function isKnownImage(repository: string): boolean {
  return repository in IMAGES || databaseOf(repository) !== null;
}

/**
 * Web front ends for a database (pgAdmin, Adminer, phpMyAdmin, mongo-express, Redis Commander,
 * RedisInsight): they connect when someone uses them, not at start, so they need not wait for it.
 */
const DATABASE_ADMIN_UIS = /^(?:pgadmin4?|adminer|phpmyadmin|mongo-express|redis-commander|redisinsight|cloudbeaver)$/;

export function isDatabaseAdminUi(repository: string): boolean {
  return DATABASE_ADMIN_UIS.test(repository.split('/').pop() ?? repository);
}
