import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { detect } from '../../src/core/detect/detect';
import { generate, type AppFacts } from '../../src/core/generate';
import { diskFileView } from '../../src/workspace/diskFileView';
import { readGrammar } from '../../src/workspace/grammarFiles';
import type { DockerClient } from '../../src/docker/client';
import { compose, findCompose } from './compose';
import { freePort } from './localServe';
import { assertRecommendedRuntime, buildImage, copyFixture, execIn, runImage, waitHealthy, writePlan } from './prove';
import { removeRunArtifacts, requireEngine, runId, waitForHttp } from './support';

const repo = join(__dirname, '..', '..', '..');
const fixtures = join(repo, 'test', 'fixtures', 'containerize');

/** Detection on the copied fixture, as `dockwright init` and the extension do it. */
async function detectApp(workspace: string, root = '.'): Promise<AppFacts> {
  const result = await detect(diskFileView(workspace), { root: workspace, loadGrammar: () => readGrammar(join(repo, 'dist')) });
  const app = result.apps.find((a) => a.root === root);
  assert.ok(app, `no app detected in ${root}: ${JSON.stringify(result.apps.map((a) => a.root))}`);
  return app;
}

describe('generated Dockerfiles on the real engine', function () {
  this.timeout(300_000);
  let engine: DockerClient;
  const workspaces: string[] = [];

  before(async () => (engine = await requireEngine()));
  after(async () => {
    for (const w of workspaces) rmSync(w, { recursive: true, force: true });
    if (engine) await removeRunArtifacts(engine);
  });

  it('FastAPI with a compiled local package (multi-stage): detected, generated, healthy, HTTP 200, not root, no .env', async () => {
    const workspace = copyFixture(join(fixtures, 'fastapi-native'));
    workspaces.push(workspace);
    const facts = await detectApp(workspace);
    assert.equal(facts.entry, 'app.main:app');
    assert.deepEqual(facts.localDependencies, ['vendor/fastmath']);
    writePlan(workspace, generate(facts));
    const image = await buildImage(workspace, 'fastapi-native');
    const app = await runImage(engine, image, 8000);
    const response = await assertRecommendedRuntime(app, '/add?a=2&b=40');
    const body = JSON.parse(response.body) as { sum: number; module: string };
    assert.equal(body.sum, 42);
    // The compiled module came from the builder's virtualenv: the runtime stage has no compiler.
    assert.match(body.module, /^\/opt\/venv\/.*fastmath.*\.so$/);
  });

  // The last field: a console script of the project, run in the container, and what it prints.
  const simple: [string, string, string, { multiStage?: boolean }, string, unknown, [string[], string]?][] = [
    ['Flask factory with gunicorn (single-stage)', 'flask-factory', '.', { multiStage: false }, '/health', { status: 'ok' }],
    ['a src-layout package installed from pyproject.toml, its console script included', 'src-layout', '.', {}, '/items/pear', { name: 'pear', count: 5 },
      [['inventory-count', 'pear'], '5']],
    ['the same package in a single stage', 'src-layout', '.', { multiStage: false }, '/items/apple', { name: 'apple', count: 3 },
      [['inventory-count', 'apple'], '3']],
    ['one app of a monorepo, built from its own folder', 'monorepo', 'services/api', {}, '/ping', { pong: true, service: 'api' }],
  ];
  for (const [title, fixture, root, options, path, expected, script] of simple) {
    it(`${title}: detected, generated, healthy, HTTP 200, not root, no .env`, async () => {
      const workspace = copyFixture(join(fixtures, fixture));
      workspaces.push(workspace);
      const facts = await detectApp(workspace, root);
      writePlan(workspace, generate(facts, options));
      const image = await buildImage(join(workspace, facts.root), fixture);
      const app = await runImage(engine, image, facts.port);
      const response = await assertRecommendedRuntime(app, path);
      assert.deepEqual(JSON.parse(response.body), expected);
      if (script) {
        const run = await execIn(app.container, script[0]);
        assert.deepEqual([run.code, run.output.trim()], [0, script[1]], run.output);
      }
    });
  }

  it('compose: app + Postgres + Redis all healthy, a route that uses both answers, down -v removes it all', async function () {
    const cli = findCompose();
    if (!cli) throw new Error('docker-compose is missing: run `sudo bash scripts/provision.sh --only docker`');
    const workspace = copyFixture(join(fixtures, 'fastapi-services'));
    workspaces.push(workspace);
    const project = `dwtest${runId.replace(/[^a-z0-9]/g, '')}`;
    const facts = await detectApp(workspace);
    assert.deepEqual(facts.services, ['postgres', 'redis']);
    writePlan(workspace, generate(facts, { name: project }));
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
