/**
 * A Docker engine of the benchmark's own: a second dockerd in its own network namespace, on a private
 * socket, data root and exec root under one temp folder, no bridge and no iptables rules (its
 * containers have no network). The
 * soak restarts it in the middle; the shared engine other runs use is never stopped. It keeps its
 * containers across its own restart (--live-restore), as an engine upgrade in place does.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DockerClient } from '../src/docker/client';
import { processAlive } from '../test/docker/support';
import { log } from '../test/harness/harnessRun';

const PREFIX = 'dw-soak-';
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Why the soak uses the shared engine instead (and skips the restart), or undefined when it can start its own. */
export function privateEngineUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'starting a second dockerd needs root';
  const dockerd = ['/usr/sbin/dockerd', '/usr/bin/dockerd', '/usr/local/bin/dockerd'].find((p) => fs.existsSync(p));
  if (!dockerd) return 'no dockerd binary to start a private engine with';
  return spawnSync('unshare', ['--net', 'true']).status === 0 ? undefined : 'unshare --net (util-linux) cannot make a network namespace here';
}

export class PrivateEngine {
  private process: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  readonly socket: string;
  readonly env: NodeJS.ProcessEnv;
  readonly client: DockerClient;

  private constructor(readonly dir: string) {
    this.socket = path.join(dir, 'docker.sock');
    this.env = { ...process.env, DOCKER_HOST: `unix://${this.socket}`, DOCKER_CONTEXT: '' };
    this.client = new DockerClient(60_000, this.env);
  }

  /** A new engine in a temp folder named after this process (so a later run knows when it is stale). */
  static async start(): Promise<PrivateEngine> {
    const dir = path.join(os.tmpdir(), `${PREFIX}${process.pid}`);
    fs.mkdirSync(dir, { recursive: true });
    const engine = new PrivateEngine(dir);
    await engine.launch();
    return engine;
  }

  /**
   * Engines of earlier runs that ended before their cleanup (their process is gone): their containers
   * outlive the daemon (--live-restore), so each is started once more to remove them, then deleted.
   */
  static async removeStale(): Promise<void> {
    for (const name of fs.readdirSync(os.tmpdir()).filter((n) => new RegExp(`^${PREFIX}\\d+$`).test(n))) {
      if (processAlive(Number(name.slice(PREFIX.length)))) continue;
      const engine = new PrivateEngine(path.join(os.tmpdir(), name));
      log(`removing the engine an earlier soak left in ${engine.dir}`);
      await engine.launch();
      await engine.destroy();
    }
  }

  get pid(): number | undefined {
    return this.process?.pid;
  }

  private async launch(): Promise<void> {
    const out = fs.openSync(path.join(this.dir, 'dockerd.log'), 'a');
    // Its own network namespace: a dockerd with --bridge=none removes the docker0 bridge of the
    // namespace it runs in, which in the host's is the shared engine's default network.
    const child = spawn('unshare', ['--net', 'dockerd',
      '--host', `unix://${this.socket}`, '--data-root', path.join(this.dir, 'data'), '--exec-root', path.join(this.dir, 'exec'),
      '--pidfile', path.join(this.dir, 'dockerd.pid'), '--bridge', 'none', '--iptables=false', '--ip-masq=false',
      '--live-restore', '--cgroup-parent', `dw-soak-${process.pid}`, '--log-level', 'warn',
    ], { stdio: ['ignore', out, out], detached: true });
    fs.closeSync(out);
    this.process = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the private dockerd exited (${child.exitCode}); see ${this.dir}/dockerd.log`);
      if (await this.client.ping().then(() => true, () => false)) break;
      if (Date.now() > deadline) throw new Error(`the private dockerd did not answer within ${READY_TIMEOUT_MS / 1000} s; see ${this.dir}/dockerd.log`);
      await sleep(200);
    }
    log(`private engine (dockerd pid ${child.pid}) answers on ${this.socket}`);
  }

  /** SIGTERM (SIGKILL would leave its containerd behind), and wait until it is gone. */
  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    child.kill('SIGTERM');
    const stopped = await Promise.race([this.exited.then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)]);
    if (!stopped) {
      child.kill('SIGKILL');
      await this.exited;
    }
    this.process = undefined;
  }

  /** Stops it and starts it again on the same socket and data; returns how long the engine was away. */
  async restart(): Promise<number> {
    const started = Date.now();
    await this.stop();
    await this.launch();
    return Date.now() - started;
  }

  /** Copies an image from the shared engine (this one starts empty and has no network to pull with). */
  async loadFrom(shared: DockerClient, image: string): Promise<void> {
    const tar = (await shared.docker.getImage(image).get()) as NodeJS.ReadableStream;
    const answer = (await this.client.docker.loadImage(tar)) as NodeJS.ReadableStream;
    await new Promise<void>((resolve, reject) => {
      answer.on('data', () => undefined);
      answer.on('end', () => resolve());
      answer.on('error', reject);
    });
  }

  /** Removes its containers, stops it, unmounts what it left mounted in its folder and deletes the folder. */
  async destroy(): Promise<void> {
    if (this.process) {
      const all = await this.client.docker.listContainers({ all: true }).catch(() => []);
      for (let i = 0; i < all.length; i += 20) {
        await Promise.all(all.slice(i, i + 20).map((c) => this.client.docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
      }
      await this.stop();
    }
    const mounts = fs.readFileSync('/proc/self/mountinfo', 'utf8').split('\n').map((line) => line.split(' ')[4])
      .filter((point) => point && (point === this.dir || point.startsWith(`${this.dir}/`)));
    for (const point of mounts.sort((a, b) => b.length - a.length)) spawnSync('umount', [point]);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
