#!/usr/bin/env bash
# shellcheck disable=SC2317  # customize() bodies run indirectly, via build_image
# Local stand-ins for the Docker Hub base images that generated Dockerfiles and compose files
# name, built offline from Debian's mirror (no registry):
#   python:3.13-slim (+ 3.12/3.11/3.10/3-slim)   Debian bookworm, Python 3.11, web stack preinstalled
#   python:3.13 (+ 3.12, 3.11, 3)                the same plus compilers and headers ("full")
#   redis:7-alpine (+ 7, alpine)                 Debian redis-server 7.0
#   postgres:16-alpine (+ 16, 15-alpine, 15)     Debian postgresql-15, small official-style entrypoint
# Each rootfs comes from `debootstrap --variant=minbase` and is cached as a tarball under
# ${DOCKWRIGHT_CACHE:-/var/cache/dockwright}/images, then loaded with `docker import`. An image is
# imported only when a tag is missing or was made by an older definition (the import message
# holds a hash of it). Tags this script did not make (e.g. a real pulled image) are left alone.
# Usage: base-images.sh            (root when something has to be built)
#        base-images.sh --check    (lists what is missing, changes nothing; exit 1 if anything is)
# Knobs: DOCKWRIGHT_IMAGES="python python_full redis postgres" (the default: all),
#        DOCKWRIGHT_DEBIAN_MIRROR (default http://deb.debian.org/debian), DOCKWRIGHT_CACHE.
# These are Debian images, not Alpine: no apk; /bin/sh is dash; bash is present.
STEP=base-images
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=scripts/provision/lib.sh
source "$HERE/lib.sh"

CACHE=${DOCKWRIGHT_CACHE:-/var/cache/dockwright}/images
SUITE=bookworm
MIRROR=${DOCKWRIGHT_DEBIAN_MIRROR:-http://deb.debian.org/debian}
MARK=dockwright-provision
STD_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
read -ra IMAGES <<<"${DOCKWRIGHT_IMAGES:-python python_full redis postgres}"

# ---------------------------------------------------------------- image definitions
# Each def_* sets NAME, TAGS, PKGS, CHANGES and may define customize() (run with $1 = rootfs).

def_python() {
  NAME=python
  TAGS=(python:3.13-slim python:3.12-slim python:3.11-slim python:3.10-slim python:3-slim)
  PKGS=(python3 python3-pip python3-venv python-is-python3 adduser curl ca-certificates netbase tzdata
    python3-fastapi uvicorn python3-flask gunicorn python3-psycopg2 python3-redis celery
    python3-sqlalchemy python3-dotenv python3-requests)
  # PIP_NO_BUILD_ISOLATION=0 means --no-build-isolation (pip reads it as build_isolation=false):
  # offline, pip cannot fetch setuptools/wheel into an isolated build environment, so local
  # packages (`pip install ./pkg`, `./vendor/pkg` in requirements) build with the preinstalled ones.
  CHANGES=("ENV PATH=$STD_PATH" 'ENV LANG=C.UTF-8' 'ENV PIP_NO_INDEX=1' 'ENV PIP_NO_BUILD_ISOLATION=0'
    'ENV PIP_DISABLE_PIP_VERSION_CHECK=1' 'CMD ["python3"]')
  customize() {
    # Let `pip install` write to the system site-packages, as it does in the official image.
    rm -f "$1"/usr/lib/python3*/EXTERNALLY-MANAGED
    # Multi-stage Dockerfiles copy what pip installed (`--prefix=/install`, `--user`); offline
    # pip installs nothing new, so make sure the directories exist.
    mkdir -p "$1/install" "$1/root/.local"
    # `python -m venv /opt/venv` + `pip install` needs an index; let new venvs see the
    # preinstalled packages instead (as if --system-site-packages had been given).
    local pyver venv_py pip_scheme v
    pyver=$(cd "$1/usr/lib" && echo python3.*)
    venv_py="$1/usr/lib/$pyver/venv/__init__.py"
    sed -i "s/'--system-site-packages', default=False,/'--system-site-packages', default=True,/" "$venv_py"
    grep -q "'--system-site-packages', default=True," "$venv_py"
    # Such a venv finds uvicorn "already satisfied" and gets no bin/uvicorn, so a runtime stage
    # with the venv first in PATH would run /usr/bin/uvicorn, whose python does not see the venv.
    # Give new venvs the console scripts of the system packages, bound to the venv's python.
    cat >>"$venv_py" <<'EOF'

# dockwright: console scripts of the preinstalled packages, as pip would write them.
# (create() clears system_site_packages until the end, so this wraps create, not post_setup.)
def _dockwright_create(self, env_dir, _create=EnvBuilder.create):
    _create(self, env_dir)
    if not self.system_site_packages or self.upgrade:
        return
    from importlib import metadata
    bin_path = os.path.join(os.path.abspath(env_dir), 'bin')
    for dist in metadata.distributions(path=['/usr/lib/python3/dist-packages']):
        if dist.metadata['Name'] in ('pip', 'wheel'):
            continue
        for ep in dist.entry_points.select(group='console_scripts'):
            script = os.path.join(bin_path, ep.name)
            if not ep.attr or os.path.lexists(script):
                continue
            with open(script, 'w') as f:
                f.write(f'#!{bin_path}/python\n'
                        f'import re\nimport sys\nfrom {ep.module} import {ep.attr.split(".")[0]}\n'
                        "if __name__ == '__main__':\n"
                        "    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n"
                        f'    sys.exit({ep.attr}())\n')
            os.chmod(script, 0o755)


EnvBuilder.create = _dockwright_create
EOF
    # Give /usr/local the official image's layout, so that builders' packages can be copied as
    # `COPY --from=builder /usr/local/lib/python3.13/site-packages ...` or installed with
    # `pip install --prefix=/install` + `COPY --from=builder /install /usr/local`:
    # pip installs into Debian's dist-packages (on sys.path), now a link to site-packages; the
    # other tags' version directories lead there too (Python is 3.11 for every tag); and an
    # explicit --prefix gets the upstream layout (Debian's adds local/ and dist-packages).
    # (A COPY fails on a link below its destination, so site-packages itself is a directory.)
    rm -rf "$1/usr/local/lib/$pyver/dist-packages"
    mkdir -p "$1/usr/local/lib/$pyver/site-packages"
    ln -s site-packages "$1/usr/local/lib/$pyver/dist-packages"
    for v in python3.10 python3.12 python3.13; do
      mkdir -p "$1/usr/local/lib/$v"
      ln -s "../$pyver/site-packages" "$1/usr/local/lib/$v/site-packages"
    done
    pip_scheme="$1/usr/lib/python3/dist-packages/pip/_internal/locations/_sysconfig.py"
    sed -i 's/if prefix is not None and scheme_name == "osx_framework_library":/if prefix is not None and scheme_name in ("osx_framework_library", "posix_local"):/' \
      "$pip_scheme"
    grep -q 'scheme_name in ("osx_framework_library", "posix_local"):' "$pip_scheme"
    chroot "$1" env PYTHONDONTWRITEBYTECODE=1 python3 - <<'EOF'
# Make offline `pip install` of the preinstalled names succeed.
import re, subprocess, sys
from importlib import metadata
from pathlib import Path

def pip_check():
    done = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True, text=True)
    return done.returncode, done.stdout

def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()

REQ = re.compile(r"^(Requires-Dist:\s*)?([A-Za-z0-9][A-Za-z0-9._-]*)(\s*\[[^\]]*\])?\s*\(?[^;()]*\)?\s*(;.*)?$")

def relax(dist, dep):
    # Debian ships versions past some pins in neighbours' metadata (fastapi 0.92 wants
    # starlette<0.26, Debian has 0.26.1): keep the requirement, drop its version part.
    base = Path(dist._path)  # the .dist-info / .egg-info directory
    for f in (base / "METADATA", base / "requires.txt"):
        if not f.exists():
            continue
        lines = []
        for line in f.read_text().splitlines():
            m = REQ.match(line)
            if m and canonical(m[2]) == canonical(dep):
                line = (m[1] or "") + m[2] + (m[3] or "") + (" " + m[4] if m[4] else "")
            lines.append(line)
        f.write_text("\n".join(lines) + "\n")

for problem in pip_check()[1].splitlines():
    m = re.match(r"(\S+) \S+ has requirement ([A-Za-z0-9._-]+)", problem)
    if m:
        print("relaxing:", problem)
        relax(metadata.distribution(m[1]), m[2])

# `uvicorn[standard]` is the usual line in FastAPI requirements; its extras (httptools,
# uvloop, ...) are missing or too old in Debian, so the extra is declared empty.
uvicorn = Path(metadata.distribution("uvicorn")._path) / "requires.txt"
kept, skip = [], False
for line in uvicorn.read_text().splitlines():
    if line.startswith("["):
        skip = line.startswith("[standard")
    if not skip:
        kept.append(line)
uvicorn.write_text("\n".join(kept) + "\n")

# psycopg2-binary is the usual spelling in requirements; Debian's psycopg2 is the same module.
version = metadata.version("psycopg2")
alias = Path("/usr/lib/python3/dist-packages") / f"psycopg2_binary-{version}.dist-info"
alias.mkdir(exist_ok=True)
(alias / "METADATA").write_text(
    f"Metadata-Version: 2.1\nName: psycopg2-binary\nVersion: {version}\n"
    "Summary: alias for Debian's python3-psycopg2\n")
(alias / "INSTALLER").write_text("dockwright\n")
(alias / "RECORD").write_text("")

failed, report = pip_check()
if failed:
    sys.exit("pip check still fails:\n" + report)
EOF
  }
}

# The full image, as the official python:3.13 (buildpack-deps) carries compilers and dev headers:
# builder stages compile C extensions here; the slim image has no gcc and cannot install one.
def_python_full() {
  def_python
  NAME=python_full
  TAGS=(python:3.13 python:3.12 python:3.11 python:3)
  PKGS+=(build-essential gcc python3-dev libpq-dev git)
}

def_redis() {
  NAME=redis
  TAGS=(redis:7-alpine redis:7 redis:alpine)
  PKGS=(redis-server)
  CHANGES=('WORKDIR /data' 'EXPOSE 6379' 'ENTRYPOINT ["docker-entrypoint.sh"]' 'CMD ["redis-server"]')
  customize() {
    mkdir -p "$1/data"
    # The official image builds Redis with protected mode off; do the same for every start
    # (appended, so a config file or --version stays the first argument).
    cat >"$1/usr/local/bin/redis-server" <<'EOF'
#!/bin/sh
for arg in "$@"; do
  [ "$arg" = --protected-mode ] && exec /usr/bin/redis-server "$@"
done
exec /usr/bin/redis-server "$@" --protected-mode no
EOF
    cat >"$1/usr/local/bin/docker-entrypoint.sh" <<'EOF'
#!/bin/sh
set -e
# `docker run redis:7-alpine --appendonly yes` means redis-server --appendonly yes
if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
  set -- redis-server "$@"
fi
if [ "$1" = redis-server ] && [ "$(id -u)" = 0 ]; then
  find . \! -user redis -exec chown redis '{}' +
  exec setpriv --reuid=redis --regid=redis --init-groups "$0" "$@"
fi
exec "$@"
EOF
    chmod 755 "$1/usr/local/bin/redis-server" "$1/usr/local/bin/docker-entrypoint.sh"
  }
}

def_postgres() {
  NAME=postgres
  TAGS=(postgres:16-alpine postgres:16 postgres:15-alpine postgres:15)
  PKGS=(postgresql-15)
  CHANGES=("ENV PATH=/usr/lib/postgresql/15/bin:$STD_PATH" 'ENV LANG=C.UTF-8'
    'ENV PGDATA=/var/lib/postgresql/data' 'EXPOSE 5432'
    'ENTRYPOINT ["docker-entrypoint.sh"]' 'CMD ["postgres"]')
  customize() {
    # The package created a "main" cluster; the entrypoint makes its own in $PGDATA instead.
    rm -rf "$1"/var/lib/postgresql/15/main "$1"/etc/postgresql/15/main
    sed -ri "s/^#?(listen_addresses)\s*=\s*\S+.*/\1 = '*'/" \
      "$1"/usr/share/postgresql/15/postgresql.conf.sample
    mkdir -p "$1/docker-entrypoint-initdb.d"
    cat >"$1/usr/local/bin/docker-entrypoint.sh" <<'EOF'
#!/bin/bash
# A small subset of the official postgres entrypoint: POSTGRES_USER, POSTGRES_PASSWORD,
# POSTGRES_DB, POSTGRES_HOST_AUTH_METHOD, POSTGRES_INITDB_ARGS, /docker-entrypoint-initdb.d.
set -Eeo pipefail  # no -u: initdb.d scripts are sourced, as in the official image
if [ "${1:0:1}" = '-' ]; then set -- postgres "$@"; fi
if [ "$1" != postgres ]; then exec "$@"; fi

if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown -R postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  chmod 2775 /var/run/postgresql
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  POSTGRES_USER=${POSTGRES_USER:-postgres}
  POSTGRES_DB=${POSTGRES_DB:-$POSTGRES_USER}
  auth=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}
  if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$auth" != trust ]; then
    echo 'Error: database is uninitialized and superuser password is not specified.' >&2
    echo '       Set POSTGRES_PASSWORD, or POSTGRES_HOST_AUTH_METHOD=trust.' >&2
    exit 1
  fi
  # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is a list of words
  initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "${POSTGRES_PASSWORD:-}") \
    -D "$PGDATA" ${POSTGRES_INITDB_ARGS:-}
  printf '\nhost all all all %s\n' "$auth" >>"$PGDATA/pg_hba.conf"
  # The setup server listens on a private socket only, so healthchecks (pg_isready) fail
  # until the real server is up.
  PGHOST=$(mktemp -d)
  export PGHOST
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -c unix_socket_directories=$PGHOST" -w start
  psql=(psql -v ON_ERROR_STOP=1 --no-password --no-psqlrc --username "$POSTGRES_USER")
  if [ "$POSTGRES_DB" != postgres ]; then
    "${psql[@]}" --dbname postgres --set db="$POSTGRES_DB" <<<'CREATE DATABASE :"db";'
  fi
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      # shellcheck source=/dev/null
      *.sh) echo "running $f"; . "$f" ;;
      *.sql) echo "running $f"; "${psql[@]}" --dbname "$POSTGRES_DB" -f "$f" ;;
      *.sql.gz) echo "running $f"; gunzip -c "$f" | "${psql[@]}" --dbname "$POSTGRES_DB" ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop
  rm -rf "$PGHOST"
  unset PGHOST
  echo 'PostgreSQL init process complete; ready for start up.'
fi
exec "$@"
EOF
    chmod 755 "$1/usr/local/bin/docker-entrypoint.sh"
  }
}

# ---------------------------------------------------------------- common steps

# For every image: make the apt sources empty (so `apt-get update` succeeds offline and
# `apt-get install` of a preinstalled package is a no-op) and drop docs and package caches.
finish_rootfs() {
  printf '# offline image built by %s: no package sources\n' "$MARK" >"$1/etc/apt/sources.list"
  rm -rf "$1"/etc/apt/sources.list.d/* "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin \
    "$1"/var/cache/apt/archives/*.deb "$1"/usr/share/doc/* "$1"/usr/share/man/* \
    "$1"/usr/share/info/* "$1"/var/log/*.log "$1"/root/.cache
}

# Unmount anything left under a rootfs (an interrupted debootstrap leaves /proc mounted)
# before deleting it.
remove_rootfs() {
  local dir=$1 mnt
  [[ -e $dir ]] || return 0
  while read -r mnt; do
    umount -l "$mnt" || true
  done < <(awk -v d="$dir/" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r)
  rm -rf --one-file-system "$dir"
}

# Sets NAME, TAGS, PKGS, CHANGES and customize() for image $1, and KEY: a hash of everything
# that shapes the rootfs, so editing a definition rebuilds the image.
load_def() {
  unset -f customize
  customize() { :; }
  "def_$1"
  KEY=$({ printf '%s\n' "$SUITE" "$MIRROR" "${PKGS[@]}" "${CHANGES[@]}"
    declare -f customize finish_rootfs; } | sha256sum | cut -c1-12)
}

# TAG_INFO[tag]="image id|comment" for every tag that exists, from a single `docker image
# inspect` (one call per tag made the up-to-date check take most of a second). Errors other than
# a missing tag stop the script: read as "missing", they would re-import every image.
declare -A TAG_INFO=()
load_tag_info() {
  local img tags=() line id names comment tag
  TAG_INFO=()
  for img in "${IMAGES[@]}"; do
    load_def "$img"
    tags+=("${TAGS[@]}")
  done
  # (The 20.10 CLI's `join` rejects .RepoTags, hence the range.)
  while read -r line; do
    case $line in
      sha256:*)
        IFS='|' read -r id names comment <<<"$line"
        for tag in ${names//,/ }; do TAG_INFO[$tag]="$id|$comment"; done ;;
      # When none of the tags exists, the CLI prints an empty line besides the errors.
      "" | "Error: No such image: "*) ;;
      *) die "docker image inspect: $line" ;;
    esac
  done < <("$DOCKER" image inspect --format '{{.Id}}|{{range .RepoTags}}{{.}},{{end}}|{{.Comment}}' \
    "${tags[@]}" 2>&1 || true)
}

# Prints "ours" (made from this definition), "stale" (an older one), "foreign" or "missing".
tag_state() {
  local info=${TAG_INFO[$1]:-}
  if [[ -z $info ]]; then echo missing; return; fi
  case ${info#*|} in
    "$MARK $KEY") echo ours ;;
    "$MARK "*) echo stale ;;
    *) echo foreign ;;
  esac
}

build_tarball() {
  local tarball=$1 rootfs="$CACHE/build/$NAME"
  if ! command -v debootstrap >/dev/null; then apt_install debootstrap; fi
  remove_rootfs "$rootfs"
  mkdir -p "$CACHE/debs" "$CACHE/build"
  log "$NAME: debootstrap ($SUITE, ${PKGS[*]}), log: $CACHE/build/$NAME.log"
  trap 'remove_rootfs "'"$rootfs"'"' EXIT
  # --cache-dir: the .debs are shared by all images and kept for rebuilds.
  debootstrap --variant=minbase --cache-dir="$CACHE/debs" \
    --include="$(IFS=,; echo "${PKGS[*]}")" "$SUITE" "$rootfs" "$MIRROR" >"$CACHE/build/$NAME.log" 2>&1 \
    || { tail -n 30 "$CACHE/build/$NAME.log" >&2; return 1; }
  customize "$rootfs" >&2
  finish_rootfs "$rootfs"
  rm -f "$CACHE/$NAME"-*.tar
  tar --numeric-owner -C "$rootfs" -cf "$tarball.part" .
  mv "$tarball.part" "$tarball"
  remove_rootfs "$rootfs"
  trap - EXIT
  log "$NAME: cached $(du -h "$tarball" | cut -f1) at $tarball"
}

build_image() {
  load_def "$1"
  local tag id='' old tarball change changes=() todo=() olds=()
  for tag in "${TAGS[@]}"; do
    case $(tag_state "$tag") in
      ours) id=${TAG_INFO[$tag]%%|*} ;;
      foreign) log "$tag exists and was not made by this script; leaving it" ;;
      stale) todo+=("$tag"); olds+=("${TAG_INFO[$tag]%%|*}") ;;
      missing) todo+=("$tag") ;;
    esac
  done
  if ((${#todo[@]} == 0)); then
    log "$NAME: up to date"
    return
  fi
  if [[ -z $id ]]; then
    tarball="$CACHE/$NAME-$KEY.tar"
    # Not `[[ ]] || build_tarball`: set -e does not apply inside a function called that way.
    if [[ ! -s $tarball ]]; then build_tarball "$tarball"; fi
    for change in "${CHANGES[@]}"; do changes+=(--change "$change"); done
    log "$NAME: importing $tarball"
    id=$("$DOCKER" import "${changes[@]}" --message "$MARK $KEY" "$tarball")
  fi
  for tag in "${todo[@]}"; do "$DOCKER" tag "$id" "$tag"; done
  log "$NAME: ${id:7:12} tagged ${todo[*]}"
  # Drop the image this one replaces, unless a tag, container or child image still uses it.
  for old in $(printf '%s\n' "${olds[@]}" | sort -u); do
    [[ $old == "$id" ]] || "$DOCKER" rmi "$old" >/dev/null 2>&1 || true
  done
}

# Lists the tags that are missing or stale; returns 1 if there are any.
list_missing() {
  local img tag missing=()
  load_tag_info
  for img in "${IMAGES[@]}"; do
    load_def "$img"
    for tag in "${TAGS[@]}"; do
      case $(tag_state "$tag") in
        missing) missing+=("image $tag") ;;
        stale) missing+=("image $tag (made from an older definition)") ;;
      esac
    done
  done
  ((${#missing[@]} == 0)) || printf -- '- %s\n' "${missing[@]}"
  ((${#missing[@]} == 0))
}

main() {
  local img
  if ! "$DOCKER" info >/dev/null 2>&1; then bash "$HERE/docker-engine.sh"; fi
  if list_missing >/dev/null; then
    log "up to date: ${IMAGES[*]}"
    return
  fi
  is_root || die "building images needs root: sudo bash $0"
  mkdir -p "$CACHE"
  exec 9>"$CACHE/.lock"
  flock 9
  load_tag_info  # again: another run may have imported images while this one waited
  for img in "${IMAGES[@]}"; do build_image "$img"; done
}

if [[ ${1:-} == --check ]]; then
  if ! "$DOCKER" info >/dev/null 2>&1; then
    echo "- access to the Docker engine (to look at the base images)"
    exit 1
  fi
  if list_missing; then exit 0; else exit 1; fi
fi
main
