/**
 * For the dashboard's integration tests: a panel driven as the webview drives it, labelled tiny
 * containers removed at the end, and stand-ins for a daemon that goes away (a unix socket proxy
 * to the real engine, stopped and started), hangs (accepts, never answers) or is missing.
 * The real dockerd is never stopped: other suites use it.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type Docker from 'dockerode';
import { DockerClient } from '../../../src/docker/client';
import { resolveEndpoint } from '../../../src/docker/endpoint';
import { CompareService } from '../../../src/dashboard/compareService';
import { DashboardPanel } from '../../../src/dashboard/dashboardPanel';
import { EngineMonitor } from '../../../src/extension/engineMonitor';
import * as settings from '../../../src/extension/settings';
import type { HostMessage } from '../../../src/shared/protocol';

export const RUN_LABEL = 'dockwright.test.run';
export const runId = `${process.pid}-${Date.now().toString(36)}`;
export const engine = () => new DockerClient(30_000);

class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, fallback?: T): T {
    return (this.values.has(key) ? this.values.get(key) : fallback) as T;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

export interface OpenedPanel {
  panel: DashboardPanel;
  monitor: EngineMonitor;
  messages: { at: number; message: HostMessage }[];
  close(): void;
}

/** Opens the dashboard (a real webview) and records what the host sends it. */
export async function openPanel(): Promise<OpenedPanel> {
  const extension = vscode.extensions.all.find((e) => e.id.toLowerCase() === 'dockwright.dockwright');
  if (!extension) throw new Error('the dockwright extension is not loaded');
  const monitor = new EngineMonitor();
  const panel = DashboardPanel.show(extension.extensionUri, { monitor, settings }, new CompareService(new MemoryMemento(), settings));
  const messages: OpenedPanel['messages'] = [];
  panel.onDidPost((message) => messages.push({ at: Date.now(), message }));
  return {
    panel, monitor, messages,
    close: () => {
      panel.dispose();
      monitor.dispose();
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(20)) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** A python:3.12-slim container running `script`, labelled with this run; SIGTERM ends it at once. */
export async function tinyContainer(client: DockerClient, name: string, script: string, labels: Record<string, string> = {}): Promise<Docker.Container> {
  const program = `import signal, sys, time\nsignal.signal(signal.SIGTERM, lambda *a: sys.exit(0))\n${script}`;
  return client.docker.createContainer({
    name, Image: 'python:3.12-slim', Cmd: ['python', '-u', '-c', program],
    Labels: { [RUN_LABEL]: runId, ...labels }, HostConfig: { AutoRemove: false },
  });
}

export async function removeRunContainers(client: DockerClient): Promise<void> {
  const filters = JSON.stringify({ label: [`${RUN_LABEL}=${runId}`] });
  const found = await client.docker.listContainers({ all: true, filters });
  await Promise.all(found.map((c) => client.docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
}

export function socketDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-sock-'));
  fs.chmodSync(dir, 0o755);
  return dir;
}

/** The real engine's unix socket, or undefined when it is not reached through one. */
export function engineSocket(): string | undefined {
  const options = resolveEndpoint().options as { socketPath?: string };
  return options.socketPath;
}

/** A unix socket that forwards every connection to the real engine; stop() makes the "daemon" go away. */
export class SocketProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();

  constructor(readonly socketPath: string, private readonly upstream: string) {}

  start(): Promise<void> {
    const server = net.createServer((client) => {
      const up = net.connect(this.upstream);
      this.sockets.add(client).add(up);
      const end = () => {
        client.destroy();
        up.destroy();
        this.sockets.delete(client);
        this.sockets.delete(up);
      };
      client.on('error', end).on('close', end);
      up.on('error', end).on('close', end);
      client.pipe(up);
      up.pipe(client);
    });
    this.server = server;
    fs.rmSync(this.socketPath, { force: true });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.socketPath, () => resolve());
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(this.socketPath, { force: true });
  }
}

/** A socket that accepts connections and never answers: a hung daemon. */
export async function hungSocket(socketPath: string): Promise<{ stop(): Promise<void> }> {
  const held = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    held.add(socket);
    socket.on('error', () => undefined);
    socket.resume();
  });
  await new Promise<void>((resolve) => server.listen(socketPath, () => resolve()));
  return {
    stop: async () => {
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(socketPath, { force: true });
    },
  };
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('dockwright').update(key, value, vscode.ConfigurationTarget.Global);
}
