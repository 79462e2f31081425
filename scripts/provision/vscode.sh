#!/usr/bin/env bash
# A real VS Code for the extension tests, offline: code-server 4.100.3 (the VS Code 1.100.3 server,
# web workbench and built-in extensions; runs on node 20) plus playwright-core, which drives
# Debian's headless Chromium. (@vscode/test-electron and @vscode/test-web download VS Code from
# the update server, which is unreachable here.)
#   - apt: chromium (the browser), ripgrep (stands in for @vscode/ripgrep's GitHub download),
#     libkrb5-dev (krb5.h for the `kerberos` module), python3 make g++ (node-gyp), fonts.
#   - npm: both packages into ${DOCKWRIGHT_VSCODE_DIR:-/opt/dockwright/vscode}, never globally.
# A stamp file records what was installed; a second run only checks (~0.1 s).
# Layout for the test harness: $DIR/node_modules/code-server/out/node/entry.js (run it with the
# node recorded in $DIR/.rig-stamp: the native modules are built for its ABI) and
# $DIR/node_modules/playwright-core; the browser is /usr/bin/chromium.
# Usage: vscode.sh            (root when apt packages are missing)
#        vscode.sh --check    (lists what is missing, changes nothing; exit 1 if anything is)
STEP=vscode
# shellcheck source=scripts/provision/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DIR=${DOCKWRIGHT_VSCODE_DIR:-/opt/dockwright/vscode}
CODE_SERVER_VERSION=4.100.3     # bundles VS Code 1.100.3; its postinstall refuses node != 20
CODE_VERSION=1.100.3
PLAYWRIGHT_CORE_VERSION=1.64.1
# code-server 4.100.3's lib/vscode depends on @vscode/ripgrep 1.15.11, whose postinstall fetches
# ripgrep-v13.0.0-10-<target>.tar.gz from GitHub unless $TMPDIR/vscode-ripgrep-cache-1.15.11/
# already holds it (lib/download.js: "Using cached download"). Debian's rg is the same 13.0.0.
RIPGREP_NPM_VERSION=1.15.11
RIPGREP_ASSET_VERSION=v13.0.0-10
APT_PACKAGES=(chromium ripgrep libkrb5-dev python3 make g++ fonts-dejavu-core)
LOCK=/var/lock/dockwright-vscode.lock
STAMP=$DIR/.rig-stamp
CS=$DIR/node_modules/code-server
VSC=$CS/lib/vscode

NODE=$(command -v node) || die "node not found on PATH"
NODE=$(readlink -f "$NODE")
NODE_VERSION=$("$NODE" -p process.version)
# node-gyp must build against local headers: fetching them from nodejs.org fails offline.
NODEDIR=$(dirname "$(dirname "$NODE")")
STAMP_WANT="code-server=$CODE_SERVER_VERSION playwright-core=$PLAYWRIGHT_CORE_VERSION node=$NODE_VERSION nodebin=$NODE"

installed_ok() {
  [[ -f $STAMP && $(<"$STAMP") == "$STAMP_WANT" ]] || return 1
  [[ -f $CS/out/node/entry.js && -x $VSC/node_modules/@vscode/ripgrep/bin/rg ]] || return 1
  [[ -f $VSC/node_modules/node-pty/build/Release/pty.node ]] || return 1
  [[ -f $VSC/node_modules/@vscode/spdlog/build/Release/spdlog.node ]] || return 1
  [[ -d $VSC/extensions/node_modules/typescript ]] || return 1
  [[ -f $DIR/node_modules/playwright-core/package.json ]] || return 1
}

# Problems that no install here can fix.
check_node() {
  [[ $NODE_VERSION == v20.* ]] || die "code-server $CODE_SERVER_VERSION needs node 20, found $NODE_VERSION at $NODE"
  [[ -f $NODEDIR/include/node/node.h ]] || die "no node headers in $NODEDIR/include/node (node-gyp would try to download them)"
}

check() {
  local missing=() p
  check_node
  for p in $(missing_packages "${APT_PACKAGES[@]}"); do missing+=("Debian package $p"); done
  installed_ok || missing+=("code-server $CODE_SERVER_VERSION + playwright-core $PLAYWRIGHT_CORE_VERSION in $DIR")
  ((${#missing[@]} == 0)) || printf -- '- %s\n' "${missing[@]}"
  ((${#missing[@]} == 0))
}

rg_target() {
  case $(uname -m) in
    x86_64) echo x86_64-unknown-linux-musl ;;
    aarch64) echo aarch64-unknown-linux-musl ;;
    *) die "unsupported architecture $(uname -m)" ;;
  esac
}

npm_install() {
  local tmp=$DIR/tmp rg_cache rg_tgz stage
  mkdir -p "$DIR"
  rm -f "$STAMP"
  # allowScripts entries must be bare names: ~/.npmrc may set omit-lockfile-registry-resolved,
  # and then pinned `pkg@version` entries never match.
  cat >"$DIR/package.json" <<EOF
{
  "name": "dockwright-vscode-test-rig",
  "private": true,
  "version": "0.0.0",
  "description": "Real VS Code for Dockwright's extension tests; written by scripts/provision/vscode.sh",
  "dependencies": {
    "code-server": "$CODE_SERVER_VERSION",
    "playwright-core": "$PLAYWRIGHT_CORE_VERSION"
  },
  "allowScripts": { "code-server": true, "argon2": true }
}
EOF
  # Seed @vscode/ripgrep's download cache in a private TMPDIR with Debian's rg (at the top level
  # of the tarball, as in the release asset).
  rg_cache=$tmp/vscode-ripgrep-cache-$RIPGREP_NPM_VERSION
  rg_tgz=$rg_cache/ripgrep-$RIPGREP_ASSET_VERSION-$(rg_target).tar.gz
  mkdir -p "$rg_cache"
  if [[ ! -s $rg_tgz ]]; then
    stage=$(mktemp -d)
    cp /usr/bin/rg "$stage/rg"
    tar -C "$stage" -czf "$rg_tgz.part" rg
    mv "$rg_tgz.part" "$rg_tgz"
    rm -rf "$stage"
  fi
  log "npm: installing code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_CORE_VERSION into $DIR (log: $DIR/install.log)"
  # - TMPDIR: where @vscode/ripgrep's postinstall looks for the cached tarball.
  # - npm_config_nodedir: node-gyp builds argon2, kerberos, node-pty, spdlog, ... against the
  #   local headers instead of downloading them.
  # - npm_config_unsafe_perm=true: as root, code-server's postinstall.sh exits with "Please pass
  #   --unsafe-perm"; npm 11 dropped that option, the script only checks this variable.
  # - npm_config_yes=true: no prompts from the nested `npm install` runs in lib/vscode{,/extensions}
  #   (the environment beats a `yes=false` in ~/.npmrc).
  # - npm_config_dangerously_allow_all_scripts=true: npm 11's allowScripts policy only warns
  #   today; if it starts blocking, the nested lib/vscode install (no allowScripts of its own)
  #   would silently skip its native builds. The package set is pinned above.
  # - argon2 (node-pre-gyp) and kerberos (prebuild-install) first try github.com for prebuilt
  #   binaries and build from source when that fails; a closed loopback port makes the attempt
  #   fail at once, without a DNS lookup or a timeout. npm warns "Unknown env config"; harmless.
  # - PATH: node-gyp and the postinstalls must use the same node 20 as this install.
  if ! (cd "$DIR" && env \
      PATH="$(dirname "$NODE"):$PATH" \
      TMPDIR="$tmp" \
      npm_config_nodedir="$NODEDIR" \
      npm_config_unsafe_perm=true \
      npm_config_yes=true \
      npm_config_dangerously_allow_all_scripts=true \
      npm_config_argon2_binary_host_mirror=http://127.0.0.1:9/ \
      npm_config_kerberos_binary_host=http://127.0.0.1:9/ \
      npm install --no-audit --no-fund --foreground-scripts >"$DIR/install.log" 2>&1); then
    tail -n 60 "$DIR/install.log" >&2
    die "npm install failed (full log: $DIR/install.log)"
  fi
}

verify() {
  local vtmp ver
  # code-server writes ~/.config/code-server and ~/.local/share/code-server even for --version
  # unless it gets its own config file and XDG dirs.
  vtmp=$(mktemp -d)
  ver=$(XDG_CONFIG_HOME=$vtmp XDG_DATA_HOME=$vtmp "$NODE" "$CS/out/node/entry.js" \
    --config "$vtmp/config.yaml" --version 2>/dev/null | tail -n 1)
  rm -rf "$vtmp"
  [[ $ver == "$CODE_SERVER_VERSION "*"Code $CODE_VERSION"* ]] || die "code-server --version said: $ver"
  "$VSC/node_modules/@vscode/ripgrep/bin/rg" --version >/dev/null || die "the bundled rg does not run"
  (cd "$DIR" && "$NODE" -e "require('playwright-core')") || die "playwright-core does not load"
  printf '%s' "$STAMP_WANT" >"$STAMP"
  installed_ok || { rm -f "$STAMP"; die "files missing after npm install (see $DIR/install.log)"; }
  log "installed: $ver; playwright-core $PLAYWRIGHT_CORE_VERSION; $(/usr/bin/chromium --version 2>/dev/null)"
}

main() {
  local pkgs start=$SECONDS
  check_node
  if [[ -z $(missing_packages "${APT_PACKAGES[@]}") ]] && installed_ok; then
    log "up to date in $DIR ($STAMP_WANT)"
    return
  fi
  exec 9>"$LOCK"
  flock -w 1800 9 || die "another run holds $LOCK"
  mapfile -t pkgs < <(missing_packages "${APT_PACKAGES[@]}")
  if ((${#pkgs[@]})); then apt_install "${pkgs[@]}"; fi
  [[ -x /usr/bin/chromium && -x /usr/bin/rg ]] || die "chromium or rg missing after apt"
  if ! installed_ok; then  # again: another run may have installed it while this one waited
    npm_install
    verify
  fi
  log "done in $((SECONDS - start))s"
}

if [[ ${1:-} == --check ]]; then
  if check; then exit 0; else exit 1; fi
fi
main
