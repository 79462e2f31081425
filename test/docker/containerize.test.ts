import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { generate, type AppFacts } from '../../src/core/generate';
import type { DockerClient } from '../../src/docker/client';
import { createServer } from 'node:net';
import { compose, findCompose } from './compose';
import { assertRecommendedRuntime, buildImage, copyFixture, runImage, waitHealthy, writePlan } from './prove';
import { removeRunArtifacts, requireEngine, runId, waitForHttp } from './support';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const fixtures = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'containerize');

const fastapi: AppFacts = {
  root: '.', framework: 'fastapi', module: 'app.main', variable: 'app', factory: false, entry: 'app.main:app',
  sourceRoot: null, server: 'uvicorn', port: 8000, pythonVersion: null, packageManager: 'pip',
  dependencyFiles: ['requirements.txt'], dependencies: ['fastapi', 'uvicorn'], services: [], worker: null,
};
const fastapiNative: AppFacts = { ...fastapi, localDependencies: ['vendor/fastmath'] };
const flaskFactory: AppFacts = {
  ...fastapi, framework: 'flask', module: 'shop', variable: 'create_app', factory: true, entry: 'shop:create_app()',
  server: 'gunicorn', port: 5000, dependencies: ['flask', 'gunicorn'],
};
const srcLayout: AppFacts = {
  ...fastapi, module: 'inventory.main', variable: 'api', entry: 'inventory.main:api', sourceRoot: 'src',
  dependencyFiles: ['pyproject.toml'], pythonVersion: '3.11',
};
const monorepoApi: AppFacts = { ...fastapi, root: 'services/api', module: 'api.app', entry: 'api.app:app', port: 8080 };
const withServices: AppFacts = {
  ...fastapi, dependencies: ['fastapi', 'psycopg2-binary', 'redis', 'uvicorn'], services: ['postgres', 'redis'],
};

describe('generated Dockerfiles on the real engine', function () {
  this.timeout(300_000);
  let engine: DockerClient;
  const workspaces: string[] = [];

  before(async () => (engine = await requireEngine()));
  after(async () => {
    for (const w of workspaces) rmSync(w, { recursive: true, force: true });
    if (engine) await removeRunArtifacts(engine);
  });

  it('FastAPI with a compiled local package (multi-stage): healthy, HTTP 200, not root, no .env', async () => {
    const workspace = copyFixture(join(fixtures, 'fastapi-native'));
    workspaces.push(workspace);
    writePlan(workspace, generate(fastapiNative));
    const image = await buildImage(workspace, 'fastapi-native');
    const app = await runImage(engine, image, 8000);
    const response = await assertRecommendedRuntime(app, '/add?a=2&b=40');
    const body = JSON.parse(response.body) as { sum: number; module: string };
    assert.equal(body.sum, 42);
    // The compiled module came from the builder's virtualenv: the runtime stage has no compiler.
    assert.match(body.module, /^\/opt\/venv\/.*fastmath.*\.so$/);
  });

  const simple: [string, string, AppFacts, { multiStage?: boolean }, string, unknown][] = [
    ['Flask factory with gunicorn (single-stage)', 'flask-factory', flaskFactory, { multiStage: false }, '/health', { status: 'ok' }],
    ['a src-layout package installed from pyproject.toml', 'src-layout', srcLayout, {}, '/items/pear', { name: 'pear', count: 5 }],
    ['one app of a monorepo, built from its own folder', 'monorepo', monorepoApi, {}, '/ping', { pong: true, service: 'api' }],
  ];
  for (const [title, fixture, facts, options, path, expected] of simple) {
    it(`${title}: healthy, HTTP 200, not root, no .env`, async () => {
      const workspace = copyFixture(join(fixtures, fixture));
      workspaces.push(workspace);
      writePlan(workspace, generate(facts, options));
      const image = await buildImage(join(workspace, facts.root), fixture);
      const app = await runImage(engine, image, facts.port);
      const response = await assertRecommendedRuntime(app, path);
      assert.deepEqual(JSON.parse(response.body), expected);
    });
  }

  it('compose: app + Postgres + Redis all healthy, a route that uses both answers, down -v removes it all', async function () {
    const cli = findCompose();
    if (!cli) throw new Error('docker-compose is missing: run `sudo bash scripts/provision.sh --only docker`');
    const workspace = copyFixture(join(fixtures, 'fastapi-services'));
    workspaces.push(workspace);
    const project = `dwtest${runId.replace(/[^a-z0-9]/g, '')}`;
    writePlan(workspace, generate(withServices, { name: project }));
    const port = await freePort();
    const env = { APP_PORT: String(port) };
    const config = compose(cli, workspace, project, ['config', '--quiet'], env);
    assert.equal(config.status, 0, `compose ${cli.version} rejects the file:\n${config.output}`);
    try {
      const up = compose(cli, workspace, project, ['up', '--detach', '--build'], env);
      assert.equal(up.status, 0, up.output.slice(-3000));
      const containers = await engine.docker.listContainers({
        all: true, filters: JSON.stringify({ label: [`com.docker.compose.project=${project}`] }),
      });
      assert.deepEqual(containers.map((c) => c.Labels['com.docker.compose.service']).sort(), ['app', 'postgres', 'redis']);
      for (const info of containers) assert.equal(await waitHealthy(engine.docker.getContainer(info.Id), 90_000), 'healthy');
      const app = engine.docker.getContainer(containers.find((c) => c.Labels['com.docker.compose.service'] === 'app')!.Id);
      const first = JSON.parse((await waitForHttp(app, port, '/visits')).body);
      const second = JSON.parse((await waitForHttp(app, port, '/visits')).body);
      assert.deepEqual({ ...first, visits: 0 }, { visits: 0, database: 'app', user: 'app' });
      assert.equal(second.visits, first.visits + 1, 'Redis counts the visits');
    } finally {
      const down = compose(cli, workspace, project, ['down', '--volumes', '--remove-orphans'], env);
      await engine.docker.getImage(`${project}:dev`).remove({ force: true }).catch(() => undefined);
      assert.equal(down.status, 0, down.output);
    }
    const left = await engine.docker.listContainers({ all: true, filters: JSON.stringify({ label: [`com.docker.compose.project=${project}`] }) });
    assert.equal(left.length, 0);
    const volumes = await engine.docker.listVolumes({ filters: JSON.stringify({ label: [`com.docker.compose.project=${project}`] }) });
    assert.equal(volumes.Volumes?.length ?? 0, 0, 'down -v removed the named volumes');
  });
});
