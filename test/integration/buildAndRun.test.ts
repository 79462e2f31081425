// "Dockwright: Build & Run" in the real extension host against the real engine, as journey 1
// goes on: containerize a fixture app, build it with the docker CLI, run it, wait until its
// HEALTHCHECK passes, answer HTTP on 127.0.0.1; then the failures a person meets. Everything the
// runs create carries this run's label and is removed in `after`, whatever happened.
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { APP_LABEL } from '../../src/core/build/appLaunch';
import type { BuildAndRunOptions, BuildAndRunResult } from '../../src/extension/buildAndRun';
import type { ContainerizeResult } from '../../src/extension/containerize';
import { COMMANDS, SETTINGS } from '../../src/shared/ids';
import { RUN_LABEL, client, httpGet as get, removeRunArtifacts, runId } from '../docker/support';

const fixtures = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'containerize');
const labels = { [RUN_LABEL]: runId };

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function buildAndRun(folder: string, options: BuildAndRunOptions = {}): Thenable<BuildAndRunResult> {
  return vscode.commands.executeCommand<BuildAndRunResult>(COMMANDS.buildAndRun, vscode.Uri.file(folder), { labels, ...options });
}

function expectStatus<S extends BuildAndRunResult['status']>(result: BuildAndRunResult, status: S): Extract<BuildAndRunResult, { status: S }> {
  assert.equal(result.status, status, JSON.stringify(result, null, 2));
  return result as Extract<BuildAndRunResult, { status: S }>;
}

describe('Build & Run on the real engine', function () {
  this.timeout(240_000);
  const engine = client();
  const root = mkdtempSync(join(tmpdir(), 'dockwright-buildrun-'));
  const config = () => vscode.workspace.getConfiguration(SETTINGS.section);
  let dockerPathBefore: string | undefined;

  /** A folder named after the app, so every run of the suite has its own image and container names. */
  function appFolder(name: string, files: Record<string, string> = {}): string {
    const folder = join(root, `${name}-${runId}`);
    mkdirSync(folder, { recursive: true });
    for (const [file, text] of Object.entries(files)) writeFileSync(join(folder, file), text);
    return folder;
  }

  before(async () => {
    // The runner puts a BuildKit-capable CLI in DOCKWRIGHT_DOCKER; a person sets it in the settings.
    dockerPathBefore = config().inspect<string>(SETTINGS.dockerPath)?.globalValue;
    if (process.env.DOCKWRIGHT_DOCKER) {
      await config().update(SETTINGS.dockerPath, process.env.DOCKWRIGHT_DOCKER, vscode.ConfigurationTarget.Global);
    }
  });

  after(async () => {
    await removeRunArtifacts(engine);
    rmSync(root, { recursive: true, force: true });
    await config().update(SETTINGS.dockerPath, dockerPathBefore, vscode.ConfigurationTarget.Global);
  });

  it('containerized Flask app: built, healthy, answers HTTP 200 on 127.0.0.1, labelled; a second run replaces it', async () => {
    const folder = appFolder('shop');
    cpSync(join(fixtures, 'flask-factory'), folder, { recursive: true });
    const containerized = await vscode.commands.executeCommand<ContainerizeResult | undefined>(
      COMMANDS.containerize, vscode.Uri.file(folder), { confirm: true });
    assert.deepEqual(containerized?.written, ['Dockerfile', '.dockerignore', 'compose.yaml']);

    const first = expectStatus(await buildAndRun(folder), 'running');
    console.log(`      first run: build ${first.timings.buildMs} ms, start ${first.timings.startMs} ms, ` +
      `healthy after ${first.timings.readyMs} ms`);
    assert.equal(first.health, 'healthy');
    assert.equal(first.image, `dockwright/shop-${runId}:latest`);
    assert.equal(first.url, `http://127.0.0.1:${first.hostPort}/`);
    const response = await get(first.hostPort, '/health');
    assert.equal(response.status, 200, response.body);
    assert.deepEqual(JSON.parse(response.body), { status: 'ok' });

    const info = await engine.docker.getContainer(first.containerId).inspect();
    assert.equal(info.Config.Labels[APP_LABEL], first.app);
    assert.equal(info.Config.Labels[RUN_LABEL], runId);
    const bindings = Object.values(info.NetworkSettings.Ports).flat().filter(Boolean);
    assert.ok(bindings.length > 0 && bindings.every((b) => b?.HostIp === '127.0.0.1'), JSON.stringify(bindings));
    assert.ok(vscode.window.terminals.some((t) => t.name === `Dockwright: build ${first.app}`), 'no build terminal');

    const chosen = await freePort();
    const second = expectStatus(await buildAndRun(folder, { hostPort: chosen }), 'running');
    console.log(`      second run (cached): build ${second.timings.buildMs} ms, healthy after ${second.timings.readyMs} ms`);
    assert.equal(second.hostPort, chosen);
    assert.equal((await get(chosen, '/health')).status, 200);
    await assert.rejects(engine.docker.getContainer(first.containerId).inspect(), /no such container/i,
      'the first container was not replaced');
  });

  it('a build that needs a compiler on a slim image fails at its RUN step, with the pip error and the builder-stage hint', async () => {
    const folder = appFolder('native', {
      Dockerfile: 'FROM python:3.13-slim\nWORKDIR /app\nCOPY vendor ./vendor\n' +
        'RUN pip install --no-cache-dir ./vendor/fastmath\nEXPOSE 8000\n',
    });
    cpSync(join(fixtures, 'fastapi-native', 'vendor'), join(folder, 'vendor'), { recursive: true });
    const result = expectStatus(await buildAndRun(folder), 'build-failed');
    const { step, lines, hint } = result.failure;
    assert.equal(step?.instruction, 'RUN pip install --no-cache-dir ./vendor/fastmath');
    assert.equal(step?.position, '4/4');
    assert.ok(lines.some((l) => /gcc' failed: No such file or directory/.test(l)), lines.join('\n'));
    assert.equal(hint?.id, 'compiler-missing');
    assert.match(hint?.message ?? '', /fastmath .*builder stage on the full python image/);
  });

  it('a missing COPY source names the file; the hint tells excluded from missing', async () => {
    const folder = appFolder('ignored', {
      Dockerfile: 'FROM python:3.13-slim\nCOPY requirements.txt .\nEXPOSE 8000\n',
      'requirements.txt': 'flask\n',
      '.dockerignore': 'requirements*.txt\n',
    });
    const result = expectStatus(await buildAndRun(folder), 'build-failed');
    assert.equal(result.failure.step?.instruction, 'COPY requirements.txt .');
    assert.equal(result.failure.hint?.id, 'copy-source-missing');
    assert.match(result.failure.hint?.message ?? '', /excluded by \.dockerignore \(the line "requirements\*\.txt"\)/);
  });

  it('a container that exits at once: not ready, with its last stdout and stderr lines', async () => {
    const folder = appFolder('crash', {
      Dockerfile: 'FROM python:3.13-slim\nEXPOSE 8000\n' +
        'CMD ["python", "-c", "import sys; print(\'booting\', flush=True); sys.exit(\'DATABASE_URL is not set\')"]\n',
    });
    const result = expectStatus(await buildAndRun(folder), 'not-ready');
    assert.deepEqual(result.readiness, { status: 'exited', exitCode: 1 });
    // Docker copies stdout and stderr separately: lines printed within microseconds may swap.
    assert.deepEqual([...result.logs].sort(), ['DATABASE_URL is not set', 'booting']);
  });

  it('an image without HEALTHCHECK is ready once its port answers HTTP', async () => {
    const folder = appFolder('plain', {
      Dockerfile: 'FROM python:3.13-slim\nWORKDIR /srv\nRUN echo hello > index.html\nEXPOSE 8000\n' +
        'CMD ["python", "-m", "http.server", "8000"]\n',
    });
    const result = expectStatus(await buildAndRun(folder), 'running');
    assert.equal(result.health, 'answering');
    assert.equal((await get(result.hostPort, '/index.html')).body, 'hello\n');
  });

  it('cancelling stops the build at once and leaves nothing behind', async () => {
    const folder = appFolder('slow', { Dockerfile: 'FROM python:3.13-slim\nRUN sleep 120\nEXPOSE 8000\n' });
    const source = new vscode.CancellationTokenSource();
    const started = Date.now();
    const running = buildAndRun(folder, { cancellation: source.token });
    setTimeout(() => source.cancel(), 3000);
    const result = expectStatus(await running, 'cancelled');
    const took = Date.now() - started;
    console.log(`      cancelled after ${took} ms`);
    assert.equal(result.during, 'build');
    assert.ok(took < 20_000, `cancelling took ${took} ms`);
    const filters = JSON.stringify({ label: [`${APP_LABEL}=${result.app}`] });
    assert.deepEqual(await engine.docker.listImages({ filters }), []);
    assert.deepEqual(await engine.docker.listContainers({ all: true, filters }), []);
  });

  it('refuses, saying why, a folder without a Dockerfile and a Dockerfile that EXPOSEs no port', async () => {
    const empty = expectStatus(await buildAndRun(appFolder('empty')), 'refused');
    assert.match(empty.reason, /no Dockerfile in .*Containerize this App/);
    const noPort = expectStatus(await buildAndRun(appFolder('noport', { Dockerfile: 'FROM python:3.13-slim\n' })), 'refused');
    assert.match(noPort.reason, /EXPOSE <port>/);
  });
});
