#!/usr/bin/env bash
# `npm test`: everything a fresh machine needs, then every suite (unit, docker, integration, ui).
# Provisioning is idempotent and takes seconds when the machine is ready. Without root it only
# checks; outside CI a missing engine or VS Code is then reported loudly by scripts/test-all.mjs
# (with the command that provides it), in CI (CI=true) it fails the run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! bash scripts/provision.sh; then
  if [[ ${CI:-} == true ]]; then
    echo "test: provisioning failed (see above)" >&2
    exit 1
  fi
  echo "test: provisioning incomplete; suites that need what is missing will say so" >&2
fi
[[ -x node_modules/.bin/mocha ]] || npm ci
exec node scripts/test-all.mjs "$@"
