/**
 * Compose file keys, keyed by where they sit: `services`, `service.ports`, `healthcheck.test`,
 * `depends_on.condition`, top-level `volumes`. Examples are in YAML.
 */
import { REFERENCE } from './references';

export interface ComposeKeyKnowledge {
  text: string;
  example: string;
  reference: string;
}

const svc = (key: string, text: string, example: string): ComposeKeyKnowledge => ({ text, example, reference: REFERENCE.composeService(key) });

export const COMPOSE_KEYS: Record<string, ComposeKeyKnowledge> = {
  services: {
    text: 'The containers of the application, one entry per service. Compose puts them on one private network where each is reachable by its service name.',
    example: 'services:\n  app:\n    build: .\n  db:\n    image: postgres:16-alpine',
    reference: REFERENCE.composeFile,
  },
  volumes: {
    text: 'Named volumes: storage Docker manages outside any container. Data in them survives `docker compose down` (but not `down -v`).',
    example: 'volumes:\n  pgdata:',
    reference: REFERENCE.composeVolumes,
  },
  networks: { text: 'Networks beyond the default one Compose creates for the project.', example: 'networks:\n  backend:', reference: REFERENCE.composeNetworking },
  name: { text: 'The project name, which prefixes container, network and volume names.', example: 'name: shop', reference: REFERENCE.composeFile },
  secrets: { text: 'Secrets given to services as files under /run/secrets, never as environment variables in `docker inspect`.', example: 'secrets:\n  db_password:\n    file: ./db_password.txt', reference: REFERENCE.composeFile },
  'service.build': svc('build', 'Builds the service\'s image from a Dockerfile instead of pulling one. `build: .` uses the Dockerfile in this folder.', 'build:\n  context: .\n  target: runtime'),
  'build.context': svc('build', 'The folder sent to the builder: COPY paths are relative to it and its .dockerignore applies.', 'context: .'),
  'build.dockerfile': svc('build', 'The Dockerfile to use when it is not called Dockerfile.', 'dockerfile: Dockerfile.prod'),
  'build.target': svc('build', 'Builds up to the named stage of a multi-stage Dockerfile (e.g. a `dev` stage).', 'target: runtime'),
  'build.args': svc('build', 'Values for the Dockerfile\'s ARGs.', 'args:\n  PYTHON_VERSION: "3.13"'),
  'service.image': svc('image', 'The image to run; with `build:` too, it is the name the built image gets.', 'image: postgres:16-alpine'),
  'service.ports': svc('ports', 'Publishes container ports on your machine, as `HOST:CONTAINER`. The container side must be the port the app listens on; '
    + '`127.0.0.1:8000:8000` publishes to this machine only. Services reach each other without any `ports:`.', 'ports:\n  - "127.0.0.1:8000:8000"'),
  'service.expose': svc('expose', 'Documents ports for other services without publishing them on the host.', 'expose:\n  - "8000"'),
  'service.environment': svc('environment', 'Environment variables for the container. Connection strings name other services by service name, never localhost: '
    + 'inside a container localhost is the container itself.', 'environment:\n  DATABASE_URL: postgresql://app:secret@db:5432/app'),
  'service.env_file': svc('env_file', 'Reads environment variables from a file (such as .env) when the container starts, so secrets stay out of the image and out of the compose file.', 'env_file:\n  - .env'),
  'service.depends_on': svc('depends_on', 'Starts the listed services first. With `condition: service_healthy` Compose also waits until their healthcheck passes; '
    + 'without a condition it only waits for the container to exist, not for the database to accept connections.', 'depends_on:\n  db:\n    condition: service_healthy'),
  'depends_on.condition': svc('depends_on', '`service_started` (the default) waits for the container to start, `service_healthy` for its healthcheck to pass, '
    + '`service_completed_successfully` for a one-off job (a migration) to exit with 0.', 'condition: service_healthy'),
  'depends_on.restart': svc('depends_on', 'Restarts this service when the dependency is updated by `docker compose up`.', 'restart: true'),
  'service.healthcheck': svc('healthcheck', 'How Docker checks the service works (replaces the image\'s HEALTHCHECK). Other services can wait for it with `condition: service_healthy`.',
    'healthcheck:\n  test: ["CMD-SHELL", "pg_isready -U app"]\n  interval: 5s\n  retries: 10'),
  'healthcheck.test': svc('healthcheck', 'The check: `["CMD", "prog", "arg"]` runs a program, `["CMD-SHELL", "a command line"]` runs it through the shell, `["NONE"]` disables the check.',
    'test: ["CMD", "redis-cli", "ping"]'),
  'healthcheck.interval': svc('healthcheck', 'Time between checks (default 30s).', 'interval: 5s'),
  'healthcheck.timeout': svc('healthcheck', 'How long one check may take (default 30s).', 'timeout: 3s'),
  'healthcheck.retries': svc('healthcheck', 'Failed checks in a row before the service counts as unhealthy (default 3).', 'retries: 10'),
  'healthcheck.start_period': svc('healthcheck', 'Start-up time during which failed checks do not count.', 'start_period: 10s'),
  'healthcheck.start_interval': svc('healthcheck', 'Time between checks during the start period (Docker Engine 25+).', 'start_interval: 1s'),
  'service.volumes': svc('volumes', 'Storage mounted into the container. `name:/path` uses a named volume (data that must survive, like a database); '
    + '`./folder:/path` bind-mounts a folder of your machine (code during development).', 'volumes:\n  - pgdata:/var/lib/postgresql/data'),
  'service.restart': svc('restart', 'What Docker does when the container stops: `no` (default), `always`, `on-failure`, or `unless-stopped` (restart, except after you stopped it).', 'restart: unless-stopped'),
  'service.profiles': svc('profiles', 'The service only starts when one of its profiles is asked for (`docker compose --profile dev up`): handy for dev-only or tool services.', 'profiles: [dev]'),
  'service.command': svc('command', 'Replaces the image\'s CMD for this service, e.g. to run a Celery worker from the app\'s image.', 'command: ["celery", "-A", "app.worker", "worker"]'),
  'service.entrypoint': svc('entrypoint', 'Replaces the image\'s ENTRYPOINT.', 'entrypoint: ["/app/entrypoint.sh"]'),
  'service.container_name': svc('container_name', 'A fixed container name instead of the generated one; the service can then not be scaled.', 'container_name: shop-db'),
  'service.working_dir': svc('working_dir', 'Replaces the image\'s WORKDIR.', 'working_dir: /app'),
  'service.user': svc('user', 'Runs the container as this user instead of the image\'s USER.', 'user: "10001:10001"'),
  'service.networks': svc('networks', 'The networks the service joins.', 'networks: [backend]'),
  'service.secrets': svc('secrets', 'Secrets mounted as files under /run/secrets.', 'secrets: [db_password]'),
  'service.read_only': svc('read_only', 'Mounts the container\'s filesystem read-only: the app can write only to volumes and tmpfs.', 'read_only: true'),
  'service.deploy': svc('deploy', 'Resources and replicas (limits such as memory are honored by `docker compose up`).', 'deploy:\n  resources:\n    limits:\n      memory: 512M'),
  'service.develop': svc('develop', 'Watch rules for `docker compose watch`: sync or rebuild on file changes.', 'develop:\n  watch:\n    - action: sync\n      path: ./app\n      target: /app/app'),
};

/** The knowledge for the key at `path` (keys from the document root), e.g. ['services', 'app', 'ports']. */
export function composeKeyKnowledge(path: readonly string[]): ComposeKeyKnowledge | undefined {
  if (path.length === 1) return COMPOSE_KEYS[path[0]];
  if (path[0] !== 'services' || path.length < 3) return undefined;
  const [, , key, , nested] = path;
  if (path.length === 3) return COMPOSE_KEYS[`service.${key}`];
  if (key === 'build' && path.length === 4) return COMPOSE_KEYS[`build.${path[3]}`];
  if (key === 'healthcheck' && path.length === 4) return COMPOSE_KEYS[`healthcheck.${path[3]}`];
  if (key === 'depends_on' && path.length === 5) return COMPOSE_KEYS[`depends_on.${nested}`];
  return undefined;
}
