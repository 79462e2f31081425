/**
 * The patterns real projects have, each brought up with compose exactly as `dockwright init` writes
 * it (the CLI itself: Dockerfile, .dockerignore, compose.yaml, .env.example and the local .env with
 * random secrets): the release step done, the app healthy, HTTP 2xx through the port published on
 * 127.0.0.1, not as root, with the environment the app reads.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBuild } from '../../src/docker/buildRunner';
import type Docker from 'dockerode';
import type { DockerClient } from '../../src/docker/client';
import { compose, findCompose, type ComposeCli } from './compose';
import { freePort, serveTree, standInPythonImages } from './localServe';
import { copyFixture, execIn, waitHealthy } from './prove';
import { RUN_LABEL, dockerPath, httpGet, requireEngine, runId, waitForHttp } from './support';

const repo = join(__dirname, '..', '..', '..');
/** The .deb files scripts/provision/debs.sh downloads, served to builds that install runtime libraries. */
const DEBS = process.env.DOCKWRIGHT_DEBS || '/opt/dockwright/debs';

const fixtures = join(repo, 'test', 'fixtures', 'containerize');

/** `dockwright init` on the workspace, as a person runs it. */
function init(workspace: string): string {
  const r = spawnSync(process.execPath, [join(repo, 'dist', 'cli.js'), 'init', workspace], { encoding: 'utf8' });
  assert.equal(r.status, 0, `init failed:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

interface Stack {
  workspace: string;
  project: string;
  port: number;
  env: NodeJS.ProcessEnv;
  containers: Docker.ContainerInfo[];
  app: Docker.Container;
}

function service(stack: Pick<Stack, 'containers'>, name: string): Docker.ContainerInfo {
  const info = stack.containers.find((c) => c.Labels['com.docker.compose.service'] === name);
  assert.ok(info, `no ${name} container among ${stack.containers.map((c) => c.Labels['com.docker.compose.service']).join(', ')}`);
  return info;
}

describe('real-project patterns brought up with compose as init writes them', function () {
  this.timeout(400_000);
  let engine: DockerClient;
  let cli: ComposeCli;
  const stacks: Stack[] = [];

  before(async () => {
    engine = await requireEngine();
    const found = findCompose();
    if (!found) throw new Error('docker-compose is missing: run `sudo bash scripts/provision.sh --only docker`');
    cli = found;
  });

  /** Brings a fixture up as init writes it (or an already initialized and built workspace). */
  async function up(fixture: string, expected: string[], prepared?: string): Promise<Stack> {
    const workspace = prepared ?? copyFixture(join(fixtures, fixture));
    const project = `dw${fixture.replace(/[^a-z0-9]/g, '')}${runId.replace(/[^a-z0-9]/g, '')}`;
    const port = await freePort();
    const env = { APP_PORT: String(port) };
    const stack: Stack = { workspace, project, port, env, containers: [], app: undefined as unknown as Docker.Container };
    stacks.push(stack);
    if (!prepared) init(workspace);
    const result = compose(cli, workspace, project, ['up', '--detach', ...(prepared ? [] : ['--build'])], env);
    assert.equal(result.status, 0, result.output.slice(-4000));
    stack.containers = await engine.docker.listContainers({ all: true, filters: JSON.stringify({ label: [`com.docker.compose.project=${project}`] }) });
    assert.deepEqual(stack.containers.map((c) => c.Labels['com.docker.compose.service']).sort(), [...expected].sort());
    stack.app = engine.docker.getContainer(service(stack, 'app').Id);
    assert.equal(await waitHealthy(stack.app, 90_000), 'healthy');
    const uid = await execIn(stack.app, ['id', '-u']);
    assert.notEqual(uid.output.trim(), '0', 'the app runs as root');
    // The code is the image's, read-only to the app's user.
    const write = await execIn(stack.app, ['sh', '-c', 'touch /app/requirements.txt']);
    assert.notEqual(write.code, 0, 'the app can change its own code');
    const dotenv = await execIn(stack.app, ['sh', '-c', 'find /app /opt -name .env 2>/dev/null']);
    assert.equal(dotenv.output.trim(), '', `.env is inside the image: ${dotenv.output}`);
    return stack;
  }

  /** The image init named after the workspace, built by compose for this stack. */
  async function removeImages(stack: Stack): Promise<void> {
    const built = new Set(stack.containers.map((c) => c.Image).filter((image) => image.endsWith(':dev')));
    for (const image of built) await engine?.docker.getImage(image).remove({ force: true }).catch(() => undefined);
  }

  async function releaseDone(stack: Stack): Promise<void> {
    const release = await engine.docker.getContainer(service(stack, 'release').Id).inspect();
    assert.equal(release.State.Status, 'exited');
    assert.equal(release.State.ExitCode, 0, 'the release step failed');
  }

  after(async () => {
    for (const stack of stacks) {
      compose(cli, stack.workspace, stack.project, ['down', '--volumes', '--remove-orphans'], stack.env);
      await removeImages(stack);
      rmSync(stack.workspace, { recursive: true, force: true });
    }
  });

  it('a settings class that refuses to start without SECRET_KEY, reading DATABASE_URI: release creates the table, the request reads it', async () => {
    const workspace = copyFixture(join(fixtures, 'settings-database-uri'));
    try {
      const out = init(workspace);
      assert.match(out, /\.env holds the secrets/);
      const compose_ = readFileSync(join(workspace, 'compose.yaml'), 'utf8');
      assert.match(compose_, /DATABASE_URI: "postgresql:\/\/app:\$\{POSTGRES_PASSWORD:\?/, 'the name the app reads, pointing at the postgres service');
      assert.doesNotMatch(compose_, /SECRET_KEY: [^"$]/, 'no secret value in a tracked file');
      assert.match(readFileSync(join(workspace, '.env'), 'utf8'), /^SECRET_KEY=[0-9a-f]{64}$/m);
      assert.match(readFileSync(join(workspace, '.gitignore'), 'utf8'), /^\.env$/m);
      // Without the local .env, compose stops before starting anything and names the variable.
      renameSync(join(workspace, '.env'), join(workspace, 'env.saved'));
      const config = compose(cli, workspace, 'dwconfigcheck', ['config', '--quiet']);
      assert.notEqual(config.status, 0);
      assert.match(config.output, /(POSTGRES_PASSWORD|SECRET_KEY) is not set: add it to \.env/);
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }

    const stack = await up('settings-database-uri', ['app', 'release', 'postgres']);
    await releaseDone(stack);
    const response = await waitForHttp(stack.app, stack.port, '/items');
    assert.equal(response.status, 200, response.body);
    assert.deepEqual(JSON.parse(response.body), { items: [{ name: 'pear', count: 5 }], signed: true });
  });

  it('an app reading the database in parts (POSTGRES_SERVER, _USER, _PASSWORD, _DB) with a `flask init-db` release step', async () => {
    const stack = await up('postgres-parts', ['app', 'release', 'postgres']);
    await releaseDone(stack);
    const response = await waitForHttp(stack.app, stack.port, '/notes');
    assert.equal(response.status, 200, response.body);
    assert.deepEqual(JSON.parse(response.body), { notes: ['first note'] });
  });

  it('a Flask app writing its instance folder and SQLite file, initialized by the release step', async () => {
    const stack = await up('flask-instance-sqlite', ['app', 'release']);
    await releaseDone(stack);
    const posted = await fetch(`http://127.0.0.1:${stack.port}/notes`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ body: 'written by the app' }),
    });
    assert.equal(posted.status, 200, await posted.text());
    const response = await httpGet(stack.port, '/notes');
    assert.equal(response.status, 200, response.body);
    const body = JSON.parse(response.body) as { notes: string[]; uid: number };
    assert.deepEqual(body.notes, ['written by the app']);
    assert.notEqual(body.uid, 0);
    const owner = await execIn(stack.app, ['stat', '-c', '%u', '/app/instance/notes.sqlite']);
    assert.equal(owner.output.trim(), String(body.uid), 'the database file belongs to the app user');
  });

  it('a Celery worker service processes a job a request enqueued, through the Redis service', async () => {
    const stack = await up('celery-worker', ['app', 'worker', 'redis']);
    const worker = await engine.docker.getContainer(service(stack, 'worker').Id).inspect();
    assert.equal(worker.State.Running, true, 'the worker is running');
    assert.notEqual(worker.Config.User, '', 'the image sets a user');
    const response = await waitForHttp(stack.app, stack.port, '/add?a=2&b=40', 60_000);
    assert.equal(response.status, 200, response.body);
    assert.deepEqual(JSON.parse(response.body), { sum: 42, worker: true });
  });

  it('a local package linked against a library the slim image lacks (libyaml): headers in the builder, the library in the runtime, served from a local apt repository', async function () {
    if (!existsSync(join(DEBS, 'Packages'))) {
      throw new Error(`no local apt repository at ${DEBS}: run \`sudo bash scripts/provision.sh --only debs\``);
    }
    const repository = await serveTree(DEBS);
    const workspace = copyFixture(join(fixtures, 'fastapi-libyaml'));
    const prefix = `dwapt${runId.replace(/[^a-z0-9]/g, '')}/`;
    const made: string[] = [];
    try {
      // The rig's images have empty apt sources; these stand-ins list the local repository, and the team
      // config's registry mirror makes the generated files build FROM them (as a team's mirror would).
      writeFileSync(join(workspace, '.dockwright.yaml'), `registryMirror: ${prefix.replace(/\/$/, '')}\n`);
      const detected = JSON.parse(spawnSync(process.execPath, [join(repo, 'dist', 'cli.js'), 'detect', '--json', workspace], { encoding: 'utf8' }).stdout) as { apps: { systemPackages: { build: string[]; runtime: string[] } }[] };
      assert.deepEqual(detected.apps[0].systemPackages, { build: ['gcc', 'libyaml-dev'], runtime: ['libyaml-0-2'] });
      init(workspace);
      const dockerfile = readFileSync(join(workspace, 'Dockerfile'), 'utf8');
      const version = /^ARG PYTHON_VERSION=(\S+)$/m.exec(dockerfile)?.[1];
      assert.ok(version);
      made.push(...standInPythonImages(prefix, version, `RUN echo "deb [trusted=yes] http://127.0.0.1:${repository.port} ./" > /etc/apt/sources.list.d/dockwright-test.list`));
      const image = /^\s+image: (\S+)$/m.exec(readFileSync(join(workspace, 'compose.yaml'), 'utf8'))?.[1];
      assert.ok(image);
      // The build reaches the repository on the host's 127.0.0.1; compose then runs the image as generated.
      const built = await runBuild({ context: workspace, tags: [image], labels: { [RUN_LABEL]: runId }, network: 'host' }, { dockerPath });
      assert.equal(built.exitCode, 0, built.output.slice(-3000));
      made.push(image);
      const stack = await up('fastapi-libyaml', ['app'], workspace);
      const response = await waitForHttp(stack.app, stack.port, '/libyaml');
      assert.equal(response.status, 200, response.body);
      const body = JSON.parse(response.body) as { version: string; module: string };
      assert.match(body.version, /^0\.2\.\d+$/);
      assert.match(body.module, /^\/opt\/venv\//);
      // The runtime has the library only: no headers, no compiler, no package lists.
      const installed = await execIn(stack.app, ['sh', '-c', 'dpkg-query -W -f "\\${Package} \\${db:Status-Status}\\n" libyaml-0-2 libyaml-dev gcc 2>/dev/null; ls /var/lib/apt/lists | grep -v -e lock -e partial | wc -l']);
      assert.match(installed.output, /^libyaml-0-2 installed$/m);
      assert.doesNotMatch(installed.output, /^libyaml-dev installed$/m);
      assert.doesNotMatch(installed.output, /^gcc installed$/m);
      assert.match(installed.output.trim(), /\n0$/, 'apt lists removed');
    } finally {
      repository.close();
      for (const image of made) await engine.docker.getImage(image).remove({ force: true }).catch(() => undefined);
    }
  });

  it('leaves nothing behind: every container and volume of these stacks goes with down -v', async () => {
    for (const stack of stacks.splice(0)) {
      const down = compose(cli, stack.workspace, stack.project, ['down', '--volumes', '--remove-orphans'], stack.env);
      assert.equal(down.status, 0, down.output);
      await removeImages(stack);
      const left = await engine.docker.listContainers({ all: true, filters: JSON.stringify({ label: [`com.docker.compose.project=${stack.project}`] }) });
      assert.equal(left.length, 0);
      rmSync(stack.workspace, { recursive: true, force: true });
    }
    assert.ok(!existsSync(join(fixtures, 'settings-database-uri', '.env')), 'the fixture itself was never written');
  });
});
