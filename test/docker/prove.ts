/**
 * Proves generated files on the real engine: write them into a copy of a fixture, build with the
 * docker CLI (no network), run with the port published on 127.0.0.1, wait until healthy.
 */
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import type { GenerationPlan } from '../../src/core/generate';
import { compareWithExisting, contentFor } from '../../src/core/generate/writePlan';
import { runBuild } from '../../src/docker/buildRunner';
import type { DockerClient } from '../../src/docker/client';
import { demultiplex } from '../../src/docker/logDemux';
import { RUN_LABEL, dockerPath, publishedPort, runId, waitForHttp } from './support';

export function copyFixture(fixture: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dockwright-fixture-'));
  cpSync(fixture, dir, { recursive: true });
  return dir;
}

/** Writes every planned file as init does: new ones created, existing env files merged. */
export function writePlan(workspace: string, plan: Pick<GenerationPlan, 'files'> & Partial<Pick<GenerationPlan, 'extraFiles'>>): void {
  const read = (path: string) => (existsSync(join(workspace, path)) ? readFileSync(join(workspace, path), 'utf8') : null);
  for (const change of compareWithExisting(plan, read)) {
    const content = contentFor(change, change.choices.includes('merge') ? 'merge' : change.choices.includes('replace') ? 'replace' : change.choices[0]);
    if (content !== null) writeFileSync(join(workspace, change.file.path), content);
  }
}

export async function buildImage(context: string, name: string): Promise<string> {
  const tag = `dockwright-test/${name}:${runId}`;
  const build = await runBuild({ context, tags: [tag], labels: { [RUN_LABEL]: runId }, network: 'none' }, { dockerPath });
  assert.equal(build.exitCode, 0, `build failed: ${build.command}\n${build.output.slice(-3000)}`);
  return tag;
}

export async function waitHealthy(container: Docker.Container, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = (await container.inspect()).State;
    const health = state.Health?.Status;
    if (health === 'healthy') return health;
    if (!state.Running) throw new Error(`container stopped (exit ${state.ExitCode}) before it became healthy`);
    if (health === 'unhealthy' || Date.now() > deadline) {
      const log = state.Health?.Log?.map((l) => `${l.ExitCode}: ${l.Output}`).join('\n');
      throw new Error(`container is ${health ?? 'without a healthcheck'}:\n${log ?? ''}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

export interface RunningApp {
  container: Docker.Container;
  port: number;
}

export async function runImage(engine: DockerClient, image: string, containerPort: number): Promise<RunningApp> {
  const key = `${containerPort}/tcp`;
  const container = await engine.docker.createContainer({
    Image: image,
    Labels: { [RUN_LABEL]: runId },
    ExposedPorts: { [key]: {} },
    HostConfig: { PortBindings: { [key]: [{ HostIp: '127.0.0.1', HostPort: '' }] } },
  });
  await container.start();
  return { container, port: await publishedPort(container, key) };
}

/** Runs a command in the container and returns its output and exit code. */
export async function execIn(container: Docker.Container, cmd: string[]): Promise<{ code: number; output: string }> {
  const exec = await container.exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const info = await exec.inspect();
  return { code: info.ExitCode ?? -1, output: demultiplex(Buffer.concat(chunks)) };
}

/**
 * Installers the final image must not hold beyond its base: pip, setuptools or wheel in the venv,
 * uv, Poetry, Pipenv or PDM anywhere on PATH, and the throwaway venv they were run from.
 */
const INSTALLERS_IN_IMAGE = 'ls -d /opt/venv/bin/pip* /opt/venv/lib/python*/site-packages/pip /opt/venv/lib/python*/site-packages/setuptools '
  + '/opt/venv/lib/python*/site-packages/wheel /opt/tools 2>/dev/null; for t in uv poetry pipenv pdm; do command -v $t; done; true';

/** The checks every generated image must pass once running. */
export async function assertRecommendedRuntime(app: RunningApp, path: string): Promise<{ status: number; body: string }> {
  assert.equal(await waitHealthy(app.container), 'healthy');
  const response = await waitForHttp(app.container, app.port, path);
  assert.equal(response.status, 200, response.body);
  const uid = await execIn(app.container, ['id', '-u']);
  assert.notEqual(uid.output.trim(), '0', 'the app runs as root');
  const env = await execIn(app.container, ['sh', '-c', 'find / -xdev -name .env -not -path "/proc/*" 2>/dev/null']);
  assert.equal(env.output.trim(), '', `.env is inside the image: ${env.output}`);
  const installers = await execIn(app.container, ['sh', '-c', INSTALLERS_IN_IMAGE]);
  assert.equal(installers.output.trim(), '', `an installer is inside the image: ${installers.output}`);
  return response;
}
