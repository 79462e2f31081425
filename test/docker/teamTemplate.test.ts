// A team's templates and config proven on the real engine: the team-a template set (its own
// Dockerfile shape, .dockerignore and compose) with a registry mirror, built with no network,
// healthy on the team's health path, HTTP 200 on 127.0.0.1, the team's UID (not root), no .env.
import * as assert from 'node:assert/strict';
import { appendFileSync, cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { detect } from '../../src/core/detect/detect';
import { planApp } from '../../src/core/plan/planApp';
import { loadTeamSetup } from '../../src/core/team/setup';
import type { DockerClient } from '../../src/docker/client';
import { diskFileView } from '../../src/workspace/diskFileView';
import { diskTeamReader, teamPath } from '../../src/workspace/diskTeamReader';
import { readGrammar } from '../../src/workspace/grammarFiles';
import { assertRecommendedRuntime, buildImage, copyFixture, execIn, runImage, writePlan } from './prove';
import { removeRunArtifacts, requireEngine } from './support';

const repo = join(__dirname, '..', '..', '..');
const teamA = join(repo, 'test', 'fixtures', 'templates', 'team-a');
const MIRROR = 'registry.acme.test/library';
/** The team-a config asks for Python 3.12: the mirror serves the engine's own python images under its name. */
const MIRRORED = ['3.12', '3.12-slim'];

describe('a team template on the real engine', function () {
  this.timeout(300_000);
  let engine: DockerClient;
  const workspaces: string[] = [];

  before(async () => {
    engine = await requireEngine();
    for (const tag of MIRRORED) await engine.docker.getImage(`python:${tag}`).tag({ repo: `${MIRROR}/python`, tag });
  });
  after(async () => {
    for (const w of workspaces) rmSync(w, { recursive: true, force: true });
    if (!engine) return;
    await removeRunArtifacts(engine);
    for (const tag of MIRRORED) await engine.docker.getImage(`${MIRROR}/python:${tag}`).remove().catch(() => undefined);
  });

  it('team-a with a registry mirror: builds offline, healthy on /health, HTTP 200, UID 4242, no .env', async () => {
    const workspace = copyFixture(join(repo, 'test', 'fixtures', 'containerize', 'flask-factory'));
    workspaces.push(workspace);
    // The team's folder in the repository, its config (team-a's, plus the mirror) inside it.
    cpSync(teamA, join(workspace, '.dockwright'), { recursive: true });
    appendFileSync(join(workspace, '.dockwright', 'config.yaml'), `registryMirror: ${MIRROR}\n`);
    writeFileSync(join(workspace, '.env'), 'SECRET_KEY=never-in-the-image\n');

    const result = await detect(diskFileView(workspace), { root: workspace, loadGrammar: () => readGrammar(join(repo, 'dist')) });
    const [app] = result.apps;
    const { setup, errors } = await loadTeamSetup(diskTeamReader, teamPath(workspace));
    assert.deepEqual(errors, []);
    assert.equal(setup.templates.dockerfile.origin, `${teamPath(workspace)}/.dockwright/Dockerfile.mustache`);
    writePlan(workspace, planApp({ app, setup, folder: { name: basename(workspace), hasEnvFile: true } }));
    const dockerfile = readFileSync(join(workspace, 'Dockerfile'), 'utf8');
    assert.match(dockerfile, /^FROM registry\.acme\.test\/library\/python:\$\{PYTHON_VERSION\} AS deps$/m, 'the team\'s shape and the mirror');
    assert.match(dockerfile, /^ARG PYTHON_VERSION=3\.12$/m);

    const image = await buildImage(workspace, 'team-a');
    const labels = (await engine.docker.getImage(image).inspect()).Config.Labels ?? {};
    assert.equal(labels['org.opencontainers.image.vendor'], 'Acme');
    const running = await runImage(engine, image, app.port);
    const response = await assertRecommendedRuntime(running, '/health');
    assert.deepEqual(JSON.parse(response.body), { status: 'ok' });
    assert.equal((await execIn(running.container, ['id', '-u'])).output.trim(), '4242');
    assert.equal((await running.container.inspect()).Config.Healthcheck?.Test?.join(' ').includes('127.0.0.1:5000/health'), true);
  });
});
