#!/usr/bin/env bash
# A running Docker engine from Debian's own packages, offline and without systemd:
#   - installs docker.io (engine + CLI 20.10) and docker-compose (1.29, v1) when missing;
#   - starts dockerd when `docker info` fails (log: /var/log/dockerd-dockwright.log) and waits
#     until it answers. An engine that already answers is only reported.
# Usage: docker-engine.sh            (root when something has to be done)
#        docker-engine.sh --check    (lists what is missing, changes nothing; exit 1 if anything is)
# Stop an engine started here with: kill "$(cat /var/run/docker.pid)" (SIGTERM; SIGKILL leaves a
# defunct containerd where PID 1 does not reap children).
STEP=docker-engine
# shellcheck source=scripts/provision/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

LOG=/var/log/dockerd-dockwright.log
LOCK=/var/lock/dockwright-docker-engine.lock
PIDFILE=/var/run/docker.pid
READY_TIMEOUT_S=${DOCKWRIGHT_DOCKERD_TIMEOUT_S:-60}

engine_ready() { [[ -x $DOCKER ]] && "$DOCKER" info >/dev/null 2>&1; }

# Packages to install. A docker-ce install also provides /usr/bin/docker and dockerd, and
# docker.io would conflict with it, so files are checked rather than package names.
wanted_packages() {
  if ! command -v dockerd >/dev/null || [[ ! -x $DOCKER ]]; then echo docker.io; fi
  if [[ ! -x /usr/bin/docker-compose ]]; then echo docker-compose; fi
}

dockerd_running() {
  local pid
  [[ -s $PIDFILE ]] || return 1
  pid=$(<"$PIDFILE")
  [[ -r /proc/$pid/comm && $(</proc/"$pid"/comm) == dockerd ]]
}

check() {
  local missing=() p
  for p in $(wanted_packages); do missing+=("Debian package $p"); done
  if ! engine_ready; then
    if dockerd_running; then
      missing+=("access to the running Docker engine ($DOCKER info fails; is $(id -un) in the docker group?)")
    else
      missing+=("a running dockerd")
    fi
  fi
  ((${#missing[@]} == 0)) || printf -- '- %s\n' "${missing[@]}"
  ((${#missing[@]} == 0))
}

start_dockerd() {
  if dockerd_running; then
    log "dockerd already running (pid $(<"$PIDFILE")), waiting for it"
    return
  fi
  # A pid file left by a dead dockerd makes the next one refuse to start.
  rm -f "$PIDFILE"
  log "starting dockerd, log: $LOG"
  printf '\n==== %s dockerd started by %s ====\n' "$(date -Is)" "$0" >>"$LOG"
  # setsid: its own session, so the daemon outlives the shell that started it. 9>&-: otherwise
  # dockerd and its containerd inherit the lock and hold it for good, and the next run that
  # needs it waits forever. Default options on purpose: builds and compose need the default
  # bridge network (never --bridge=none).
  setsid -f dockerd >>"$LOG" 2>&1 </dev/null 9>&-
}

wait_ready() {
  local started=$SECONDS deadline=$((SECONDS + READY_TIMEOUT_S)) why=''
  until engine_ready; do
    if ((SECONDS >= deadline)); then
      why="not ready after ${READY_TIMEOUT_S}s"
    elif ((SECONDS - started >= 3)) && ! dockerd_running; then
      why="exited during startup"
    fi
    if [[ -n $why ]]; then
      log "dockerd $why; last log lines:"
      tail -n 30 "$LOG" >&2 || true
      return 1
    fi
    sleep 0.5
  done
}

main() {
  local pkgs
  if engine_ready && [[ -z $(wanted_packages) ]]; then
    log "engine ready (server $("$DOCKER" version --format '{{.Server.Version}}'))"
    return
  fi
  is_root || die "needs root: sudo bash $0"
  exec 9>"$LOCK"
  flock 9  # one installer/starter at a time
  mapfile -t pkgs < <(wanted_packages)
  if ((${#pkgs[@]})); then apt_install "${pkgs[@]}"; fi
  if ! engine_ready; then
    start_dockerd
    wait_ready
  fi
  log "engine ready (server $("$DOCKER" version --format '{{.Server.Version}}'))"
}

if [[ ${1:-} == --check ]]; then
  if check; then exit 0; else exit 1; fi
fi
main
