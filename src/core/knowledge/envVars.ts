/** Environment variables Python Dockerfiles set with ENV or ARG, and why. */
export const ENV_VARS: Record<string, string> = {
  PYTHONUNBUFFERED: 'With `1`, Python writes print() output and logs at once instead of in blocks, '
    + 'so they show up in `docker logs` as they happen (and are not lost if the container dies).',
  PYTHONDONTWRITEBYTECODE: 'With `1`, Python does not write `.pyc` files next to the code at run time; '
    + 'the container\'s filesystem is throwaway, so they would only be rewritten on every start.',
  PYTHONPATH: 'Extra folders Python imports from, e.g. `/app/src` for a src layout.',
  PATH: 'Where the shell looks for programs. Putting a virtualenv\'s `bin` first (`/opt/venv/bin:$PATH`) makes its python, pip and servers the ones that run.',
  VIRTUAL_ENV: 'Tells tools which virtualenv is active; PATH is what actually selects it.',
  PIP_NO_CACHE_DIR: 'Like `pip install --no-cache-dir` for every pip call: no download cache in the layers.',
  PIP_DISABLE_PIP_VERSION_CHECK: 'Stops pip from checking online for a newer pip on every call.',
  PIP_ROOT_USER_ACTION: '`ignore` silences pip\'s warning about installing as root (fine inside an image).',
  DEBIAN_FRONTEND: '`noninteractive` stops apt from asking questions. Set it on the RUN line (or as ARG): as ENV it stays in the running container too.',
  UV_COMPILE_BYTECODE: 'uv compiles .pyc files at install time, so the app starts faster.',
  UV_LINK_MODE: '`copy` makes uv copy files instead of linking them from its cache (a cache mount is not there after the build).',
  UV_PROJECT_ENVIRONMENT: 'The virtualenv `uv sync` installs into.',
  POETRY_VIRTUALENVS_CREATE: '`false` makes Poetry install into the current environment instead of a virtualenv of its own.',
  FLASK_APP: 'The app `flask` commands load (`module:app`).',
  FLASK_DEBUG: 'Turns on Flask\'s debugger and reloader: never in an image others can reach.',
  FLASK_RUN_HOST: 'The host `flask run` binds; `0.0.0.0` inside a container.',
  FLASK_RUN_PORT: 'The port `flask run` listens on.',
  PORT: 'A common convention for the port to listen on; gunicorn binds 0.0.0.0:$PORT when no --bind is given.',
  WEB_CONCURRENCY: 'The number of workers gunicorn and uvicorn start when no --workers is given.',
  LANG: 'The locale; `C.UTF-8` makes Python and tools default to UTF-8.',
  TZ: 'The time zone of the container.',
};
