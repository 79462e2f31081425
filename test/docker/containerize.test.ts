import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { generate, type AppFacts } from '../../src/core/generate';
import type { DockerClient } from '../../src/docker/client';
import { assertRecommendedRuntime, buildImage, copyFixture, runImage, writePlan } from './prove';
import { removeRunArtifacts, requireEngine } from './support';

const fixtures = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'containerize');

const fastapiNative: AppFacts = {
  root: '.', framework: 'fastapi', module: 'app.main', variable: 'app', factory: false, entry: 'app.main:app',
  sourceRoot: null, server: 'uvicorn', port: 8000, pythonVersion: null, packageManager: 'pip',
  dependencyFiles: ['requirements.txt'], dependencies: ['fastapi', 'uvicorn'], services: [], worker: null,
  localDependencies: ['vendor/fastmath'],
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
});
