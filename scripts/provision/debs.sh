#!/usr/bin/env bash
# A local apt repository for the docker tests that prove runtime system packages: the rig's python
# images have empty apt sources, so a generated `apt-get install libyaml-0-2` can only succeed when
# a test serves these packages on 127.0.0.1 to its build. Downloaded once from Debian's mirror into
# ${DOCKWRIGHT_DEBS:-/opt/dockwright/debs} with a Packages index (a flat repository: `deb [trusted=yes]
# http://127.0.0.1:PORT ./`). Nothing here is ever named in a generated file.
# Usage: debs.sh            (root when something has to be downloaded)
#        debs.sh --check    (lists what is missing, changes nothing; exit 1 if anything is)
STEP=debs
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=scripts/provision/lib.sh
source "$HERE/lib.sh"

DIR=${DOCKWRIGHT_DEBS:-/opt/dockwright/debs}
PACKAGES=(libyaml-0-2 libyaml-dev)

missing() {
  local p
  for p in "${PACKAGES[@]}"; do compgen -G "$DIR/${p}_*.deb" >/dev/null || echo "$p"; done
  [[ -s $DIR/Packages ]] || echo "Packages index"
}

if [[ ${1:-} == --check ]]; then
  out=$(missing)
  [[ -z $out ]] && exit 0
  echo "local apt repository in $DIR lacks: ${out//$'\n'/, }"
  exit 1
fi

if [[ -z $(missing) ]]; then
  log "up to date: ${PACKAGES[*]} in $DIR"
  exit 0
fi
is_root || die "downloading into $DIR needs root"
[[ -z $(missing_packages dpkg-dev) ]] || apt_install dpkg-dev
mkdir -p "$DIR"
# apt-get download runs as _apt when it can; a folder it may write to avoids the sandbox warning.
chmod 755 "$DIR"
(cd "$DIR" && { apt-get -q download "${PACKAGES[@]}" || { apt-get -o DPkg::Lock::Timeout=600 -q update && apt-get -q download "${PACKAGES[@]}"; }; })
(cd "$DIR" && dpkg-scanpackages --multiversion . /dev/null > Packages 2>/dev/null)
log "ready: $(ls "$DIR"/*.deb | wc -l) packages in $DIR"
