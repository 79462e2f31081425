/**
 * A private OpenSSH server for one test run, in front of the real engine: the "remote" Docker host
 * is this machine, reached as ssh://<user>@127.0.0.1:<port>. Everything lives in a temp folder:
 * host key, client keys, authorized_keys, known_hosts, sshd_config, pid file. sshd runs as a
 * child (`sshd -D -e`) that stop() ends by PID, with the per-connection processes it forked.
 * Needs /usr/sbin/sshd (scripts/provision.sh --only sshd) and a user who may run docker.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

const SSHD = '/usr/sbin/sshd';

export interface SshEngine {
  url: string;
  port: number;
  dir: string;
  /** For dockerode (HOME with .ssh/id_ed25519, config and known_hosts) and the docker CLI (an ssh wrapper first in PATH). */
  env: NodeJS.ProcessEnv;
  /** Same host, but a HOME whose key the server does not accept. */
  wrongKeyEnv: NodeJS.ProcessEnv;
  /** Same host, but a HOME whose known_hosts holds a different key for it. */
  changedHostKeyEnv: NodeJS.ProcessEnv;
  /** What sshd logged (-e), for failures. */
  log(): string;
  pid(): number | undefined;
  /** Ends sshd and every session it forked, like the host going away. */
  stop(): Promise<void>;
  /** Starts sshd again on the same port and keys. */
  start(): Promise<void>;
  /** stop() and remove the temp folder. */
  dispose(): Promise<void>;
}

export interface SshEngineOptions {
  /** sshd's ForceCommand, e.g. to take docker off the PATH of the session. */
  forceCommand?: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function keygen(file: string, comment: string): string {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
  return readFileSync(`${file}.pub`, 'utf8').trim();
}

/** A HOME with one key, an ssh config naming it and a known_hosts line for the server. */
function makeHome(dir: string, name: string, port: number, knownHostKey: string): { home: string; publicKey: string } {
  const home = join(dir, name);
  const ssh = join(home, '.ssh');
  mkdirSync(ssh, { recursive: true, mode: 0o700 });
  const publicKey = keygen(join(ssh, 'id_ed25519'), `dockwright-test-${name}`);
  const [type, blob] = knownHostKey.split(/\s+/);
  writeFileSync(join(ssh, 'known_hosts'), `[127.0.0.1]:${port} ${type} ${blob}\n`);
  writeFileSync(join(ssh, 'config'), [
    'Host 127.0.0.1',
    `  IdentityFile ${join(ssh, 'id_ed25519')}`,
    '  IdentitiesOnly yes',
    `  UserKnownHostsFile ${join(ssh, 'known_hosts')}`,
    '  StrictHostKeyChecking yes',
    '  BatchMode yes',
    '  ConnectTimeout 5',
    '',
  ].join('\n'));
  // The `ssh` binary reads the passwd entry's home, not $HOME: the docker CLI gets a wrapper first in PATH.
  const bin = join(home, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -F ${join(ssh, 'config')} "$@"\n`);
  chmodSync(join(bin, 'ssh'), 0o755);
  return { home, publicKey };
}

function envFor(home: string, url: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, DOCKER_HOST: url, PATH: `${join(home, 'bin')}:${process.env.PATH ?? ''}` };
  delete env.SSH_AUTH_SOCK;
  delete env.DOCKER_CONTEXT;
  return env;
}

/** The PIDs of `root`'s descendants, from /proc (children before their parents' siblings). */
function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const [child, ppid] of parent) if (ppid === pid) {
      out.push(child);
      walk(child);
    }
  };
  walk(root);
  return out;
}

async function waitForBanner(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.setTimeout(1000);
      socket.once('data', (d) => { socket.destroy(); resolve(d.toString().startsWith('SSH-')); });
      socket.once('error', () => resolve(false));
      socket.once('timeout', () => { socket.destroy(); resolve(false); });
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`sshd did not answer on 127.0.0.1:${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startSshEngine(options: SshEngineOptions = {}): Promise<SshEngine> {
  if (!existsSync(SSHD)) throw new Error(`${SSHD} is missing: run \`sudo bash scripts/provision.sh --only sshd\``);
  // sshd's privilege separation directory; /run is emptied at boot.
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const dir = mkdtempSync(join(tmpdir(), 'dockwright-sshd-'));
  const port = await freePort();
  const user = userInfo().username;
  const url = `ssh://${user}@127.0.0.1:${port}`;
  const hostKey = keygen(join(dir, 'host_ed25519'), 'dockwright-test-host');
  const good = makeHome(dir, 'home', port, hostKey);
  const wrong = makeHome(dir, 'wrong-key', port, hostKey);
  const otherHostKey = keygen(join(dir, 'other_host_ed25519'), 'dockwright-test-other-host');
  const changed = makeHome(dir, 'changed-host-key', port, otherHostKey);
  writeFileSync(join(dir, 'authorized_keys'), `${good.publicKey}\n${changed.publicKey}\n`);
  const config = join(dir, 'sshd_config');
  writeFileSync(config, [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${join(dir, 'host_ed25519')}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'UsePAM no',
    'StrictModes no',
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin prohibit-password',
    'AllowTcpForwarding yes',
    'LogLevel VERBOSE',
    // bash sources ~/.bashrc for every sshd session; where that runs `pyenv init` (these machines'
    // root), `pyenv rehash` waits 60 s on the lock a session killed mid-rehash (the dropped-sshd
    // test kills them) leaves behind, and every later session hangs that long.
    'SetEnv PYENV_REHASH_TIMEOUT=0',
    ...(options.forceCommand ? [`ForceCommand ${options.forceCommand}`] : []),
    '',
  ].join('\n'));

  let child: ChildProcess | undefined;
  let log = '';
  const start = async () => {
    const started = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    started.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
    child = started;
    const exited = new Promise<never>((_, reject) => started.once('exit', (code) => reject(new Error(`sshd exited (${code}): ${log}`))));
    await Promise.race([waitForBanner(port, 10_000), exited]);
    exited.catch(() => undefined);
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running?.pid || running.exitCode !== null) return;
    const gone = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    for (const pid of descendants(running.pid).reverse()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    running.kill('SIGTERM');
    await gone;
  };
  await start();
  return {
    url, port, dir,
    env: envFor(good.home, url),
    wrongKeyEnv: envFor(wrong.home, url),
    changedHostKeyEnv: envFor(changed.home, url),
    log: () => log,
    pid: () => child?.pid,
    stop, start,
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
