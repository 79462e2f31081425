#!/usr/bin/env bash
# The OpenSSH server binary for the docker tests of remote engines (ssh://): each test run starts
# its own private sshd on 127.0.0.1 with a generated config and keys, so the system service is
# never enabled or started here. Installs Debian's openssh-server when /usr/sbin/sshd is missing,
# with service starts blocked during the install (a policy-rc.d that says no), and stops nothing.
# Usage: sshd.sh            (root when something has to be installed)
#        sshd.sh --check    (lists what is missing, changes nothing; exit 1 if anything is)
STEP=sshd
# shellcheck source=scripts/provision/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SSHD=/usr/sbin/sshd
POLICY=/usr/sbin/policy-rc.d

missing() {
  [[ -x $SSHD ]] || echo "Debian package openssh-server ($SSHD)"
  command -v ssh >/dev/null || echo "Debian package openssh-client (ssh)"
  command -v ssh-keygen >/dev/null || echo "Debian package openssh-client (ssh-keygen)"
}

if [[ ${1:-} == --check ]]; then
  out=$(missing)
  [[ -z $out ]] && exit 0
  printf -- '- %s\n' "${out//$'\n'/$'\n'- }"
  exit 1
fi

if [[ -z $(missing) ]]; then
  log "ready: $("$SSHD" -V 2>&1 | head -n 1 || true)"
  exit 0
fi
is_root || die "installing openssh-server needs root: sudo bash $0"

# Without systemd, the package's postinst would start a system sshd on port 22 through
# invoke-rc.d; exit 101 from policy-rc.d forbids that. A policy that is already there stays.
own_policy=''
if [[ ! -e $POLICY ]]; then
  printf '#!/bin/sh\n# dockwright provision (sshd.sh): no service starts during this install\nexit 101\n' >"$POLICY"
  chmod 755 "$POLICY"
  own_policy=1
fi
cleanup() { if [[ -n $own_policy ]]; then rm -f "$POLICY"; fi; }
trap cleanup EXIT
apt_install openssh-server openssh-client
[[ -x $SSHD ]] || die "openssh-server installed but $SSHD is missing"
log "ready: $("$SSHD" -V 2>&1 | head -n 1 || true) (system service not started; tests run their own)"
