#!/usr/bin/env bash
# Provision this machine for Dockwright's tests (Debian 12, offline apart from the npm registry
# and the Debian mirror), in this order:
#   docker  scripts/provision/docker-engine.sh  Docker engine + docker-compose from Debian
#   images  scripts/provision/base-images.sh    local stand-ins for python/redis/postgres images
#   vscode  scripts/provision/vscode.sh         code-server (real VS Code) + playwright-core
#   debs    scripts/provision/debs.sh           .deb files the docker tests serve to builds on 127.0.0.1
#   sshd    scripts/provision/sshd.sh           OpenSSH server binary for the remote-engine (ssh://) tests
#                                               (never started as a service: tests run their own)
# Idempotent: a warm run takes a few seconds. Needs root only when something is missing.
# Usage: sudo bash scripts/provision.sh [--only docker|images|vscode|debs|sshd]
#        (as non-root it only checks, and prints the command to run when something is missing)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
STEPS=(docker images vscode debs sshd)

usage() { echo "usage: $0 [--only docker|images|vscode|debs|sshd]" >&2; exit 2; }

if [[ ${1:-} == --only=* ]]; then set -- --only "${1#--only=}"; fi
case $# in
  0) ;;
  2) [[ $1 == --only ]] || usage; STEPS=("$2") ;;
  *) usage ;;
esac

script_for() {
  case $1 in
    docker) echo "$HERE/provision/docker-engine.sh" ;;
    images) echo "$HERE/provision/base-images.sh" ;;
    vscode) echo "$HERE/provision/vscode.sh" ;;
    debs) echo "$HERE/provision/debs.sh" ;;
    sshd) echo "$HERE/provision/sshd.sh" ;;
    *) usage ;;
  esac
}
for step in "${STEPS[@]}"; do script_for "$step" >/dev/null; done

now_ms() { echo $((${EPOCHREALTIME/./} / 1000)); }
secs() { printf '%d.%02ds' $(($1 / 1000)) $(($1 % 1000 / 10)); }

# Not root: change nothing. Succeed if everything is in place, else say what to run.
if [[ $EUID != 0 ]]; then
  report=''
  for step in "${STEPS[@]}"; do
    if ! out=$(bash "$(script_for "$step")" --check); then
      report+="  $step:"$'\n'"    ${out//$'\n'/$'\n'    }"$'\n'
    fi
  done
  if [[ -z $report ]]; then
    echo "provision: ${STEPS[*]}: everything is in place (checked without root)"
    exit 0
  fi
  # sudo resets the environment, so pass the DOCKWRIGHT_* knobs on explicitly.
  cmd=(sudo)
  while IFS='=' read -r name value; do
    cmd+=("$name=$value")
  done < <(env | grep '^DOCKWRIGHT_[A-Z_]*=' || true)
  cmd+=(bash "$0" "$@")
  {
    echo
    echo "##########################################################################"
    echo "# provision: this machine is missing:"
    printf '%s' "$report" | sed 's/^/# /'
    echo "#"
    echo "# Installing it needs root. Run:"
    echo "#"
    printf -v line '%q ' "${cmd[@]}"
    echo "#     ${line% }"
    echo "#"
    echo "##########################################################################"
  } >&2
  exit 1
fi

summary=()
total_start=$(now_ms)
failed=''
for step in "${STEPS[@]}"; do
  echo "==> provision: $step"
  start=$(now_ms)
  if bash "$(script_for "$step")"; then status=ok; else status="FAILED (exit $?)"; failed=$step; fi
  summary+=("$(printf '%-7s %9s  %s' "$step" "$(secs $(($(now_ms) - start)))" "$status")")
  [[ -z $failed ]] || break
done
echo "==> provision summary"
printf '  %s\n' "${summary[@]}"
printf '  %-7s %9s\n' total "$(secs $(($(now_ms) - total_start)))"
if [[ -n $failed ]]; then
  echo "provision: step '$failed' failed" >&2
  exit 1
fi
