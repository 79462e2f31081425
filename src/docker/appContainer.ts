/**
 * The container of a Build & Run: replaces the app's previous one, starts the new one with its
 * port on 127.0.0.1, waits until it is ready and reads its last log lines when it is not.
 */
import * as http from 'node:http';
import * as net from 'node:net';
import { APP_LABEL, type RunPlan } from '../core/build/appLaunch';
import type { DockerClient } from './client';
import { demultiplex } from './logDemux';

export interface StartedContainer {
  id: string;
  hostPort: number;
}

export type Readiness =
  /** The image's HEALTHCHECK passed. */
  | { status: 'healthy' }
  /** No HEALTHCHECK: the published port answered HTTP (any status). */
  | { status: 'answering' }
  | { status: 'exited'; exitCode: number }
  /** The HEALTHCHECK failed its retries; `detail` is the last probe's output. */
  | { status: 'unhealthy'; detail: string }
  | { status: 'timeout' }
  | { status: 'cancelled' };

const POLL_MS = 500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Removes every container of the app, running or not, so the new one can take its name and port. */
export async function removeAppContainers(client: DockerClient, app: string): Promise<number> {
  const filters = JSON.stringify({ label: [`${APP_LABEL}=${app}`] });
  const found = await client.request('list the app\'s containers', (abortSignal) =>
    client.docker.listContainers({ all: true, filters, abortSignal }));
  for (const info of found) {
    await client.request('remove the previous container', (abortSignal) =>
      client.docker.getContainer(info.Id).remove({ force: true, abortSignal }));
  }
  return found.length;
}

/** Whether nothing listens on 127.0.0.1:port, so the app can keep its own port number on the host. */
function isLocalPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export async function startContainer(client: DockerClient, run: RunPlan): Promise<StartedContainer> {
  const key = `${run.containerPort}/tcp`;
  // A preferred port that is taken is left to Docker to choose; a chosen one is used or the start fails.
  const hostPort = run.hostPortChosen || (await isLocalPortFree(run.hostPort)) ? String(run.hostPort) : '';
  const container = await client.request('create the container', (abortSignal) => client.docker.createContainer({
    name: run.containerName,
    Image: run.image,
    Labels: run.labels,
    ExposedPorts: { [key]: {} },
    HostConfig: { PortBindings: { [key]: [{ HostIp: run.hostIp, HostPort: hostPort }] } },
    abortSignal,
  }));
  await client.request('start the container', (abortSignal) => container.start({ abortSignal }));
  const info = await client.request('inspect the container', (abortSignal) => container.inspect({ abortSignal }));
  const bound = info.NetworkSettings.Ports[key]?.find((b) => b.HostIp === run.hostIp);
  return { id: container.id, hostPort: Number(bound?.HostPort ?? run.hostPort) };
}

/** Whether anything answers HTTP on 127.0.0.1:port; any status counts, the app is up. */
function answersHttp(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/', timeout: 2000 }, (response) => {
      response.resume();
      resolve(true);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

/**
 * Polls the container until its HEALTHCHECK says healthy (or, without one, until its port answers
 * HTTP), it stops, the check gives up, the time is up, or the person cancels.
 */
export async function waitUntilReady(
  client: DockerClient,
  started: StartedContainer,
  options: { timeoutMs: number; signal: AbortSignal },
): Promise<Readiness> {
  const container = client.docker.getContainer(started.id);
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (options.signal.aborted) return { status: 'cancelled' };
    const state = (await client.request('inspect the container', (abortSignal) => container.inspect({ abortSignal }))).State;
    if (!state.Running) return { status: 'exited', exitCode: state.ExitCode };
    const health = state.Health;
    if (health?.Status === 'healthy') return { status: 'healthy' };
    if (health?.Status === 'unhealthy') {
      const last = health.Log?.[health.Log.length - 1];
      return { status: 'unhealthy', detail: last ? `exit ${last.ExitCode}: ${last.Output.trim()}` : 'no probe output' };
    }
    if (!health && (await answersHttp(started.hostPort))) return { status: 'answering' };
    if (Date.now() > deadline) return { status: 'timeout' };
    await sleep(POLL_MS);
  }
}

/** The last lines the container printed, stdout and stderr together (lines printed at the same moment may swap). */
export async function lastLogLines(client: DockerClient, id: string, lines: number): Promise<string[]> {
  const raw = await client.request('read the container logs', (abortSignal) =>
    client.docker.getContainer(id).logs({ stdout: true, stderr: true, tail: lines, follow: false, abortSignal }));
  return demultiplex(raw).split(/\r?\n/).filter((l) => l.trim()).slice(-lines);
}
