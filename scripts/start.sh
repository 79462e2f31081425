#!/usr/bin/env bash
# `npm start`: build Dockwright, install it into your VS Code and open the example app.
# Without a `code` command it falls back to code-server (VS Code in the browser) on 127.0.0.1,
# installed by `sudo bash scripts/provision.sh --only vscode` when missing.
#   PORT=8080 npm start         the code-server port (fallback only)
#   EXAMPLE=examples/... npm start   another folder to open
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

example=$(realpath "${EXAMPLE:-examples/fastapi-todo}")
[[ -x node_modules/.bin/vsce ]] || npm ci
npm run -s package
vsix=$PWD/dockwright-$(node -p "require('./package.json').version").vsix

if ! docker info >/dev/null 2>&1 && ! /usr/bin/docker info >/dev/null 2>&1; then
  echo "start: no running Docker engine; Dockwright will show how to fix that. To install one: sudo bash scripts/provision.sh --only docker" >&2
fi

if command -v code >/dev/null 2>&1; then
  code --install-extension "$vsix" --force
  exec code "$example"
fi

vscode_dir=${DOCKWRIGHT_VSCODE_DIR:-/opt/dockwright/vscode}
entry=$vscode_dir/node_modules/code-server/out/node/entry.js
if [[ ! -f $entry ]]; then
  echo "start: no \`code\` command; installing code-server into $vscode_dir" >&2
  if [[ $EUID == 0 ]]; then bash scripts/provision.sh --only vscode
  else sudo bash scripts/provision.sh --only vscode; fi
fi
# code-server's native modules were built for the node recorded in the stamp.
node_bin=$(sed -n 's/.*nodebin=\(\S*\).*/\1/p' "$vscode_dir/.rig-stamp" 2>/dev/null || true)
node_bin=${node_bin:-node}

# A profile of its own, so your ~/.config and ~/.local stay untouched.
state=$PWD/.cache/code-server
mkdir -p "$state/user-data/User" "$state/extensions" "$state/xdg"
settings=$state/user-data/User/settings.json
[[ -f $settings ]] || printf '{\n  "workbench.startupEditor": "none",\n  "telemetry.telemetryLevel": "off"\n}\n' >"$settings"
printf 'auth: none\ncert: false\n' >"$state/config.yaml"
cs=(env XDG_CONFIG_HOME="$state/xdg" XDG_DATA_HOME="$state/xdg" EXTENSIONS_GALLERY='{"serviceUrl":""}'
  "$node_bin" "$entry" --config "$state/config.yaml" --user-data-dir "$state/user-data"
  --extensions-dir "$state/extensions" --disable-telemetry --disable-update-check)
"${cs[@]}" --install-extension "$vsix" --force

port=${PORT:-8080}
url="http://127.0.0.1:$port/?folder=$example"
echo "start: Dockwright is installed in code-server. Open $url (Ctrl+C stops it)."
if command -v xdg-open >/dev/null 2>&1 && [[ -n ${DISPLAY:-}${WAYLAND_DISPLAY:-} ]]; then
  (sleep 2 && xdg-open "$url" >/dev/null 2>&1) &
fi
exec "${cs[@]}" --bind-addr "127.0.0.1:$port" --auth none "$example"
