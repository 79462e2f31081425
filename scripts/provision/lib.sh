# shellcheck shell=bash
# Helpers shared by the scripts in this folder; sourced, never run. The caller sets STEP first.
set -euo pipefail
set -E  # let the ERR trap see failures inside functions
trap 'printf "[%s] failed at line %s: %s\n" "$STEP" "$LINENO" "$BASH_COMMAND" >&2' ERR

# dockerd, debootstrap and chroot live in sbin, which a non-root PATH (or a sparse CI one) lacks.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
# Debian's CLI (20.10, matches the engine). The preinstalled /usr/local/bin/docker 28.x comes
# first in PATH but has no buildx, so BuildKit builds fail with it.
# shellcheck disable=SC2034  # used by the scripts that source this file
DOCKER=/usr/bin/docker
APT=(apt-get -o DPkg::Lock::Timeout=600 -y -q --no-install-recommends)

log() { printf '[%s] %s\n' "$STEP" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
is_root() { [[ $EUID == 0 ]]; }

# Prints those of the given Debian packages that are not installed.
missing_packages() {
  local status p
  status=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "$@" 2>/dev/null || true)
  for p in "$@"; do
    grep -qx "$p installed" <<<"$status" || printf '%s\n' "$p"
  done
}

# Installs from the local package lists first and refreshes them only if that fails. A broken
# third-party source makes `apt-get update` exit non-zero although Debian's lists were refreshed.
apt_install() {
  is_root || die "installing $* needs root"
  log "apt: installing $*"
  if ! DEBIAN_FRONTEND=noninteractive "${APT[@]}" install "$@"; then
    apt-get -o DPkg::Lock::Timeout=600 -q update || log "apt-get update reported errors; trying anyway"
    DEBIAN_FRONTEND=noninteractive "${APT[@]}" install "$@"
  fi
}
