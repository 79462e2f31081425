/**
 * Shared by the docker suites: a label per test run, so everything a run creates can be found
 * and removed at the end (even after a failure), and HTTP helpers that only talk to 127.0.0.1.
 */
import * as http from 'node:http';
import type Docker from 'dockerode';
import { DockerClient } from '../../src/docker/client';

export const RUN_LABEL = 'dockwright.test.run';
export const runId = `${process.pid}-${Date.now().toString(36)}`;

/** The docker CLI for builds: DOCKWRIGHT_DOCKER, else `docker` from PATH (scripts/test.sh picks one with BuildKit). */
export const dockerPath = process.env.DOCKWRIGHT_DOCKER || 'docker';

export function client(): DockerClient {
  return new DockerClient(30_000);
}

/** Fails loudly when the engine is missing: the docker suite never skips. */
export async function requireEngine(): Promise<DockerClient> {
  const c = client();
  try {
    await c.ping();
  } catch (err) {
    throw new Error(`The docker suite needs a running Docker engine: ${(err as Error).message} ` +
      'Run `sudo bash scripts/provision.sh --only docker` to install and start one.');
  }
  await removeStaleRuns(c);
  return c;
}

/** Removes every container and image whose run label matches `owned` (this run's by default). */
export async function removeRunArtifacts(
  c: DockerClient,
  owned: (run: string) => boolean = (run) => run === runId,
): Promise<{ containers: number; images: number }> {
  const filters = JSON.stringify({ label: [RUN_LABEL] });
  const containers = (await c.docker.listContainers({ all: true, filters })).filter((i) => owned(i.Labels[RUN_LABEL]));
  await Promise.all(containers.map((info) => c.docker.getContainer(info.Id).remove({ force: true })));
  const images = (await c.docker.listImages({ filters })).filter((i) => owned(i.Labels?.[RUN_LABEL] ?? ''));
  for (const image of images) await c.docker.getImage(image.Id).remove({ force: true });
  return { containers: containers.length, images: images.length };
}

/** Whether a run's process still exists (so its leftovers are not yet stale). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Leftovers of earlier runs that were killed before their cleanup ran (their process is gone). */
export function removeStaleRuns(c: DockerClient) {
  return removeRunArtifacts(c, (run) => run !== runId && !processAlive(Number(run.split('-')[0])));
}

/** The host port Docker picked for a container port published on 127.0.0.1. */
export async function publishedPort(container: Docker.Container, containerPort: string): Promise<number> {
  const info = await container.inspect();
  const binding = info.NetworkSettings.Ports[containerPort]?.[0];
  if (!binding || binding.HostIp !== '127.0.0.1') {
    throw new Error(`${containerPort} is not published on 127.0.0.1: ${JSON.stringify(info.NetworkSettings.Ports)}`);
  }
  return Number(binding.HostPort);
}

export function httpGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, timeout: 2000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

/** Polls until the app answers (or the container stops), for at most `timeoutMs`. */
export async function waitForHttp(container: Docker.Container, port: number, path: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      return await httpGet(port, path);
    } catch (err) {
      lastError = err;
    }
    const state = (await container.inspect()).State;
    if (!state.Running) throw new Error(`container exited (${state.ExitCode}) before answering ${path}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no HTTP answer on 127.0.0.1:${port}${path} within ${timeoutMs} ms: ${String(lastError)}`);
}
