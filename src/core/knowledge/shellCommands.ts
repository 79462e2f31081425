/**
 * Commands met inside RUN and CMD of Python images, and their flags: what they do, and what they
 * mean for the image (size, cache, security). Keyed by program, or `program subcommand`.
 */
import { REFERENCE } from './references';

export interface CommandKnowledge {
  text: string;
  example: string;
  flags?: Record<string, string>;
  reference?: string;
}

const SERVER_HOST = 'The address to listen on. Inside a container it must be `0.0.0.0` (every interface): '
  + '`127.0.0.1` is the container\'s own loopback, which a published port never reaches.';
const RELOAD = 'Restarts the server when a file changes. That is for development with mounted code; an image\'s code never changes, '
  + 'and the file watcher costs CPU.';

export const COMMANDS: Record<string, CommandKnowledge> = {
  'pip install': {
    text: 'Installs Python packages into the current environment.',
    example: 'RUN pip install --no-cache-dir -r requirements.txt',
    reference: REFERENCE.pipInstall,
    flags: {
      '--no-cache-dir': 'pip normally keeps every downloaded package in `~/.cache/pip` to speed up the next install. '
        + 'An image never has a next install, so the cache would only make the layer bigger; this flag skips it.',
      '-r': 'Installs every package listed in a requirements file.',
      '--requirement': 'Installs every package listed in a requirements file.',
      '--user': 'Installs into the home folder of the current user (`~/.local`). In an image a virtualenv is easier to copy between stages.',
      '--prefix': 'Installs under another folder (e.g. `/install`), so a later stage can copy exactly the installed packages.',
      '--target': 'Installs into one folder that is not a normal environment; the runtime stage must then put it on the Python path.',
      '--upgrade': 'Upgrades packages that are already installed.',
      '-U': 'Upgrades packages that are already installed.',
      '--no-deps': 'Installs only the named packages, not what they depend on.',
      '--require-hashes': 'Refuses any package whose hash is not pinned in the requirements: the exact files, every time.',
      '-e': 'An editable install links to the source folder instead of copying it; useful while developing, not in an image.',
      '--editable': 'An editable install links to the source folder instead of copying it; useful while developing, not in an image.',
      '--no-compile': 'Skips writing .pyc files at install time.',
    },
  },
  pip: { text: 'Python\'s package installer.', reference: REFERENCE.pipInstall, example: 'RUN pip install --no-cache-dir -r requirements.txt' },
  venv: {
    text: 'Creates a virtualenv: one folder with its own `python` and `site-packages`. In a multi-stage build it is the single folder '
      + 'the runtime stage copies from the builder; putting its `bin` first in PATH makes it the active Python.',
    example: 'RUN python -m venv /opt/venv\nENV PATH="/opt/venv/bin:$PATH"',
  },
  'apt-get update': {
    text: 'Downloads the lists of Debian packages. Keep it in the same RUN as `apt-get install`: a cached update layer from long ago '
      + 'would otherwise be paired with a new install and fail or install stale versions.',
    example: 'RUN apt-get update \\\n    && apt-get install -y --no-install-recommends libpq5 \\\n    && rm -rf /var/lib/apt/lists/*',
    reference: REFERENCE.aptGet,
  },
  'apt-get install': {
    text: 'Installs Debian packages (system libraries, compilers, tools).',
    example: 'RUN apt-get update \\\n    && apt-get install -y --no-install-recommends libpq5 \\\n    && rm -rf /var/lib/apt/lists/*',
    reference: REFERENCE.aptGet,
    flags: {
      '-y': 'Answers "yes" to every question: a build cannot type an answer.',
      '--yes': 'Answers "yes" to every question: a build cannot type an answer.',
      '--no-install-recommends': 'Installs what the packages need and not what Debian merely recommends; often half the download.',
    },
  },
  'apt-get upgrade': {
    text: 'Upgrades the packages of the base image. A newer base image tag does the same, and keeps builds reproducible.',
    example: 'FROM python:3.13-slim-bookworm',
    reference: REFERENCE.aptGet,
  },
  'apt-get clean': { text: 'Deletes downloaded .deb files. Debian-based images already do this after every install.', reference: REFERENCE.aptGet, example: 'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*' },
  'apt-get': { text: 'Debian\'s package manager, made for scripts (unlike `apt`).', reference: REFERENCE.aptGet, example: 'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*' },
  rm: {
    text: 'Deletes files. `rm -rf /var/lib/apt/lists/*` deletes the package lists `apt-get update` downloaded (tens of MB); '
      + 'it must run in the same RUN as the install, because a later layer cannot shrink an earlier one.',
    example: 'RUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*',
  },
  useradd: {
    text: 'Creates a user account, so the app need not run as root.',
    example: 'RUN useradd --create-home --uid 10001 app\nUSER app',
    flags: {
      '--create-home': 'Gives the user a home folder (some tools write caches there).',
      '-m': 'Gives the user a home folder (some tools write caches there).',
      '--system': 'A system account: no password aging, a UID from the system range.',
      '-r': 'A system account: no password aging, a UID from the system range.',
      '--uid': 'Fixes the user ID, so files and volumes have a predictable owner.',
      '-u': 'Fixes the user ID, so files and volumes have a predictable owner.',
      '--gid': 'The group the user belongs to.',
      '-g': 'The group the user belongs to.',
      '--no-log-init': 'Skips the login records; with a large UID they would add a huge sparse file to the layer.',
      '-l': 'Skips the login records; with a large UID they would add a huge sparse file to the layer.',
      '--no-create-home': 'No home folder: the app writes nowhere but where you allow it.',
      '--shell': 'The login shell; `/usr/sbin/nologin` for an account that never logs in.',
    },
  },
  groupadd: { text: 'Creates a group.', flags: { '--gid': 'Fixes the group ID.', '-g': 'Fixes the group ID.', '--system': 'A system group.', '-r': 'A system group.' }, example: 'RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app app' },
  adduser: { text: 'Creates a user (the Alpine and BusyBox way): `-D` without password, `-S` system user, `-u` to fix the ID.', example: 'RUN addgroup -S app && adduser -S -G app app' },
  addgroup: { text: 'Creates a group (the Alpine and BusyBox way): `-S` system group, `-g` to fix the ID.', example: 'RUN addgroup -S app && adduser -S -G app app' },
  chown: {
    text: 'Changes who owns files. In its own RUN it stores every file it touches a second time; `COPY --chown` sets the owner while copying.',
    example: 'COPY --chown=app:app . .',
  },
  'apk add': {
    text: 'Installs Alpine packages.',
    example: 'RUN apk add --no-cache libpq',
    flags: { '--no-cache': 'Fetches the package index, installs and keeps no cache: Alpine\'s update, install and clean-up in one.' },
  },
  'uv sync': {
    text: 'Installs the project\'s locked dependencies with uv, a fast installer.',
    example: 'RUN uv sync --frozen --no-dev --no-install-project',
    flags: {
      '--frozen': 'Installs exactly what uv.lock says and never updates the lock.',
      '--locked': 'Fails if uv.lock is out of date with pyproject.toml.',
      '--no-dev': 'Leaves out the development dependencies.',
      '--no-install-project': 'Installs only the dependencies, not the project itself, so this layer depends on the lock file alone.',
    },
  },
  'uv pip': { text: 'uv\'s pip-compatible interface: `uv pip install -r requirements.txt --system` installs into the image\'s Python.', example: 'RUN uv pip install --system -r requirements.txt' },
  'poetry install': {
    text: 'Installs the dependencies locked in poetry.lock.',
    example: 'RUN poetry install --only main --no-root --no-interaction',
    flags: {
      '--only': '`--only main` installs the runtime dependencies, not the development groups.',
      '--without': 'Leaves out the named dependency groups, e.g. `--without dev`.',
      '--no-root': 'Installs the dependencies but not the project itself (its code is copied later).',
      '--no-interaction': 'Never asks a question.',
    },
  },
  'pipenv install': {
    text: 'Installs the dependencies of Pipfile.lock.',
    example: 'RUN pipenv install --deploy --system',
    flags: { '--deploy': 'Fails if Pipfile.lock is out of date.', '--system': 'Installs into the image\'s Python instead of a new virtualenv.' },
  },
  curl: {
    text: 'Fetches a URL. Slim and Alpine Python images do not include it; install it or use Python\'s urllib.',
    example: 'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
    flags: { '-f': 'Fails (non-zero exit) on an HTTP error status.', '--fail': 'Fails (non-zero exit) on an HTTP error status.', '-s': 'No progress output.', '-L': 'Follows redirects.' },
  },
  wget: { text: 'Fetches a URL. Not in slim Python images; Alpine has a small BusyBox version.', example: 'HEALTHCHECK CMD wget -qO- http://127.0.0.1:8000/health || exit 1' },
  uvicorn: {
    text: 'An ASGI server: it runs FastAPI (and Starlette) apps, given as `module:variable`.',
    example: 'CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]',
    reference: REFERENCE.uvicorn,
    flags: {
      '--host': SERVER_HOST,
      '--port': 'The port inside the container; `EXPOSE` and the container side of `-p` / `ports:` must name the same one.',
      '--workers': 'Number of worker processes; each is a full copy of the app.',
      '--reload': RELOAD,
      '--factory': 'The target is a function that returns the app (`module:create_app`), not the app itself.',
      '--proxy-headers': 'Trusts X-Forwarded-* headers from a reverse proxy in front of the app.',
      '--forwarded-allow-ips': 'Which proxies may set X-Forwarded-* headers.',
      '--root-path': 'The path prefix the app is served under behind a proxy.',
      '--log-level': 'How much the server logs.',
    },
  },
  gunicorn: {
    text: 'A WSGI server with worker processes: the usual way to serve Flask in production. FastAPI runs on it with `-k uvicorn.workers.UvicornWorker`.',
    example: 'CMD ["gunicorn", "--bind", "0.0.0.0:8000", "--workers", "2", "app:app"]',
    reference: REFERENCE.gunicorn,
    flags: {
      '--bind': `HOST:PORT to listen on. ${SERVER_HOST}`,
      '-b': `HOST:PORT to listen on. ${SERVER_HOST}`,
      '--workers': 'Number of worker processes (often 2 × CPU cores + 1).',
      '-w': 'Number of worker processes (often 2 × CPU cores + 1).',
      '-k': 'The worker class, e.g. `uvicorn.workers.UvicornWorker` for ASGI apps.',
      '--worker-class': 'The worker class, e.g. `uvicorn.workers.UvicornWorker` for ASGI apps.',
      '--access-logfile': '`-` writes the access log to stdout, where `docker logs` finds it.',
      '--timeout': 'Seconds a worker may stay silent before it is killed and restarted.',
      '--reload': RELOAD,
      '-c': 'A configuration file; it can set the bind address too.',
    },
  },
  hypercorn: {
    text: 'An ASGI server (HTTP/2 and HTTP/3 capable) for FastAPI or Quart apps.',
    example: 'CMD ["hypercorn", "--bind", "0.0.0.0:8000", "app.main:app"]',
    reference: REFERENCE.hypercorn,
    flags: { '--bind': `HOST:PORT to listen on. ${SERVER_HOST}`, '-b': `HOST:PORT to listen on. ${SERVER_HOST}`, '--workers': 'Number of worker processes.', '--reload': RELOAD },
  },
  'flask run': {
    text: 'Flask\'s development server: single process, not hardened, meant for your laptop. In an image serve the app with gunicorn.',
    example: 'CMD ["gunicorn", "--bind", "0.0.0.0:5000", "app:app"]',
    reference: REFERENCE.flaskRun,
    flags: { '--host': SERVER_HOST, '-h': SERVER_HOST, '--port': 'The port (5000 unless given).', '-p': 'The port (5000 unless given).', '--debug': 'Debug mode: reloader and an interactive debugger that can run code — never where others can reach it.', '--reload': RELOAD },
  },
  'fastapi run': {
    text: 'The FastAPI command line serving the app with uvicorn for production; it listens on 0.0.0.0:8000 unless told otherwise. Needs `fastapi[standard]`.',
    example: 'CMD ["fastapi", "run", "app/main.py", "--port", "8000"]',
    reference: REFERENCE.fastapiCli,
    flags: { '--host': SERVER_HOST, '--port': 'The port (8000 unless given).', '--workers': 'Number of worker processes.' },
  },
  'fastapi dev': {
    text: 'The FastAPI development server: reloads on changes and listens on 127.0.0.1 only. Use `fastapi run` in an image.',
    example: 'CMD ["fastapi", "run", "app/main.py", "--port", "8000"]',
    reference: REFERENCE.fastapiCli,
  },
  python: {
    text: 'Runs a Python script or module (`-m`). `-u` makes stdout and stderr unbuffered, like PYTHONUNBUFFERED=1.',
    example: 'CMD ["python", "-u", "main.py"]',
    flags: { '-u': 'Unbuffered output: prints reach `docker logs` at once.', '-m': 'Runs a module by its import name.', '-c': 'Runs the code given as text.' },
  },
};

/** Knowledge for a command: `program subcommand` first, then the program alone. */
export function commandKnowledge(program: string, subcommand: string | null): CommandKnowledge | undefined {
  return (subcommand ? COMMANDS[`${program} ${subcommand}`] : undefined) ?? COMMANDS[program];
}

/** The name a flag is looked up by: `--host=x` → `--host`. */
export function flagName(word: string): string {
  return word.startsWith('--') ? word.split('=')[0] : word.slice(0, 2);
}
