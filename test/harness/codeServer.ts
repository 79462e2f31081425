// Real VS Code for the tests, offline: code-server 4.100.3 (VS Code 1.100.3) from the rig that
// `scripts/provision.sh --only vscode` installs. Every file it writes stays in the run's temp
// folder, it listens on 127.0.0.1 only, and stop() ends its whole process group.
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { createRequire } from 'node:module';
import * as net from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { log, ProductError, RigError } from './harnessRun';

export const RIG_DIR = process.env.DOCKWRIGHT_VSCODE_DIR || '/opt/dockwright/vscode';
export const CHROMIUM = process.env.DOCKWRIGHT_CHROMIUM || '/usr/bin/chromium';
const PROVISION_COMMAND = 'sudo bash scripts/provision.sh --only vscode';
const ENTRY = path.join(RIG_DIR, 'node_modules/code-server/out/node/entry.js');
const STOP_GRACE_MS = 5000;

/** Loads a package installed in the rig (playwright-core), not in the project. */
export function requireFromRig<T>(name: string): T {
  return createRequire(path.join(RIG_DIR, 'package.json'))(name) as T;
}

/** Fails early, saying which command installs what is missing. */
export function checkRig(): void {
  const missing = [
    [ENTRY, 'code-server'],
    [path.join(RIG_DIR, 'node_modules/playwright-core/package.json'), 'playwright-core'],
    [CHROMIUM, 'chromium'],
  ].filter(([file]) => !fs.existsSync(file)).map(([file, what]) => `${what} (${file})`);
  if (missing.length) {
    throw new RigError(`the VS Code test rig is incomplete in ${RIG_DIR}: missing ${missing.join(', ')}.\n` +
      `  Install it with: ${PROVISION_COMMAND}\n  (or point DOCKWRIGHT_VSCODE_DIR at an installed rig)`);
  }
}

/** The node the rig's native modules were built with (ABI must match); recorded in .rig-stamp. */
function rigNode(): string {
  try {
    const nodebin = /nodebin=(\S+)/.exec(fs.readFileSync(path.join(RIG_DIR, '.rig-stamp'), 'utf8'))?.[1];
    if (nodebin && fs.existsSync(nodebin)) return nodebin;
  } catch {
    // No stamp: an older rig; this node is the best guess.
  }
  return process.execPath;
}

// A quiet, offline, deterministic workbench: anything that would reach the network (gallery,
// type acquisition, schema downloads, experiments) is off.
const SETTINGS = {
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.settings.enableNaturalLanguageSearch': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'npm.fetchOnlinePackageInfo': false,
  'json.schemaDownload.enable': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'chat.commandCenter.enabled': false,
  'window.restoreWindows': 'none',
};

/** Private directories, environment and flags shared by `--install-extension` and the server. */
export interface CodeServerProfile {
  readonly tmp: string;
  readonly extensionsDir: string;
  readonly logFile: string;
  readonly env: NodeJS.ProcessEnv;
  readonly args: string[];
}

export function createProfile(tmp: string): CodeServerProfile {
  const dir = (...parts: string[]) => {
    const full = path.join(tmp, ...parts);
    fs.mkdirSync(full, { recursive: true, mode: 0o700 });
    return full;
  };
  const userData = dir('user-data');
  fs.writeFileSync(path.join(dir('user-data', 'User'), 'settings.json'), JSON.stringify(SETTINGS, null, 2));
  // Without --config (and private XDG dirs) code-server writes ~/.config/code-server, even for --version.
  const config = path.join(tmp, 'code-server.yaml');
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  const extensionsDir = dir('extensions');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: dir('xdg', 'config'),
    XDG_DATA_HOME: dir('xdg', 'data'),
    XDG_CACHE_HOME: dir('xdg', 'cache'),
    XDG_STATE_HOME: dir('xdg', 'state'),
    XDG_RUNTIME_DIR: dir('xdg', 'runtime'),
    // The extension host inherits it: e.g. the TypeScript extension's /tmp/vscode-typescript*.
    TMPDIR: dir('tmp'),
    // An empty serviceUrl disables the marketplace (code-server defaults to open-vsx.org).
    EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: '' }),
    VSCODE_TELEMETRY_OPTOUT: '1',
    // Otherwise the server runs the user's login shell (`$SHELL -ilc`) to read its environment,
    // and ~/.bashrc writes under ~ (e.g. `pyenv rehash`); the tests get this process's env instead.
    VSCODE_CLI: '1',
  };
  // Inherited from a surrounding code-server or VS Code terminal, these would change its behavior.
  for (const key of ['PASSWORD', 'HASHED_PASSWORD', 'PORT', 'VSCODE_PROXY_URI', 'CODE_SERVER_PARENT_PID',
    'VSCODE_IPC_HOOK_CLI', 'ELECTRON_RUN_AS_NODE']) delete env[key];
  const args = [ENTRY, '--config', config, '--user-data-dir', userData, '--extensions-dir', extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust'];
  return { tmp, extensionsDir, logFile: path.join(tmp, 'code-server.log'), env, args };
}

/** Installs a .vsix the way a user does: `code-server --install-extension <vsix>`. */
export async function installExtension(profile: CodeServerProfile, vsix: string): Promise<string> {
  try {
    const { stdout, stderr } = await promisify(execFile)(rigNode(), [...profile.args, '--install-extension', vsix],
      { cwd: profile.tmp, env: profile.env, timeout: 120_000 });
    return `${stdout}${stderr}`.trim();
  } catch (e) {
    const failure = e as { stdout?: string; stderr?: string; message: string };
    throw new ProductError(`code-server --install-extension ${vsix} failed: ${failure.message}\n` +
      `${failure.stdout ?? ''}${failure.stderr ?? ''}`);
  }
}

export interface CodeServer {
  readonly url: string;
  /** host:port, which must be the authority of every vscode-remote URI the workbench gets. */
  readonly authority: string;
  readonly pid: number;
  readonly logFile: string;
  /** Settles when the server exits, for whatever reason. */
  readonly exited: Promise<string>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: 2000 }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(0));
  });
}

export async function startCodeServer(profile: CodeServerProfile, startTimeoutMs = 60_000): Promise<CodeServer> {
  const port = await freePort();
  const out = fs.openSync(profile.logFile, 'a');
  // A process-group leader, so stop() reaches the extension host and pty host too.
  const child = spawn(rigNode(), [...profile.args, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-getting-started-override', '--disable-proxy', '--ignore-last-opened'],
  { cwd: profile.tmp, env: profile.env, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const pid = child.pid;
  if (pid === undefined) throw new RigError(`could not start ${rigNode()} for code-server`);
  let exitedWith: string | undefined;
  const exited = new Promise<string>((resolve) => child.on('exit', (code, signal) => {
    exitedWith = `code ${code}, signal ${signal}`;
    resolve(exitedWith);
  }));

  const signalGroup = (signal: NodeJS.Signals | 0) => {
    try {
      process.kill(-pid, signal);
      return true;
    } catch {
      return false;
    }
  };
  // Last resort when this process exits without stop(): synchronous, so it still runs in 'exit'.
  const killOnExit = () => void signalGroup('SIGKILL');
  process.on('exit', killOnExit);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (!signalGroup('SIGTERM')) return;
    for (let waited = 0; waited < STOP_GRACE_MS && signalGroup(0); waited += 100) await sleep(100);
    if (signalGroup('SIGKILL')) log(`code-server group ${pid} outlived SIGTERM by ${STOP_GRACE_MS} ms: killed`);
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + startTimeoutMs;
  while ((await httpStatus(`${url}/healthz`)) !== 200) {
    if (exitedWith || Date.now() > deadline) {
      await stop();
      const tail = fs.readFileSync(profile.logFile, 'utf8').slice(-3000);
      throw new RigError(`code-server ${exitedWith ? `exited (${exitedWith})` : `did not answer ${url}/healthz`}; ` +
        `log ${profile.logFile}:\n${tail}`);
    }
    await sleep(150);
  }
  return { url, authority: `127.0.0.1:${port}`, pid, logFile: profile.logFile, exited, stop };
}

/** A vscode-remote URI for a path on this machine, as the workbench payload wants it. */
export function remoteUri(server: CodeServer, absolutePath: string): string {
  return `vscode-remote://${server.authority}${path.resolve(absolutePath).split('/').map(encodeURIComponent).join('/')}`;
}

/** The workbench for a folder, with payload entries such as extensionDevelopmentPath. */
export function workbenchUrl(server: CodeServer, folder: string, payload: [string, string][] = []): string {
  const query = new URLSearchParams({ folder: path.resolve(folder) });
  if (payload.length) query.set('payload', JSON.stringify(payload));
  return `${server.url}/?${query.toString()}`;
}
