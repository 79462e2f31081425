/**
 * The Kubernetes manifests, run on the real Docker engine in place of a cluster (none runs here):
 * the image built from the generated Dockerfile, started the way the generated Deployment and release
 * Job say (podRun: the pod's user, read-only root, a tmpfs per emptyDir, no capabilities, no new
 * privileges, the ConfigMap's settings, the Secret's keys), against a real Postgres. The release
 * command migrates; the app answers the probes' path with a 2xx within the startup probe's budget.
 */
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { parse } from 'yaml';
import { detect } from '../../src/core/detect/detect';
import { generate } from '../../src/core/generate';
import { k8sFromPlan } from '../../src/core/k8s';
import type { DockerClient } from '../../src/docker/client';
import { demultiplex } from '../../src/docker/logDemux';
import { diskFileView } from '../../src/workspace/diskFileView';
import { readGrammar } from '../../src/workspace/grammarFiles';
import { containerOptions, type PodRun } from './podRun';
import { buildImage, copyFixture, execIn, writePlan } from './prove';
import { RUN_LABEL, httpGet, publishedPort, removeRunArtifacts, requireEngine, runId } from './support';

const repo = join(__dirname, '..', '..', '..');
const fixtures = join(repo, 'test', 'fixtures', 'containerize');

/* eslint-disable @typescript-eslint/no-explicit-any -- parsed manifests */
type Manifest = Record<string, any>;

async function waitFor<T>(what: string, timeoutMs: number, attempt: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function logs(container: Docker.Container): Promise<string> {
  return demultiplex(await container.logs({ stdout: true, stderr: true }) as unknown as Buffer);
}

/** The fixture copied, detected, its Docker files written and its image built; the manifests parsed by file name. */
async function prepare(fixture: string, name: string) {
  const workspace = copyFixture(join(fixtures, fixture));
  const result = await detect(diskFileView(workspace), { root: workspace, loadGrammar: () => readGrammar(join(repo, 'dist')) });
  const [app] = result.apps;
  const plan = generate(app, { name });
  writePlan(workspace, plan);
  const manifests = new Map(k8sFromPlan(plan).files.map((f) => [f.path.split('/').pop() as string, parse(f.content) as Manifest]));
  return { workspace, app, manifests, image: await buildImage(workspace, name) };
}

/** Starts the Deployment's pod and waits for a 2xx on its startup probe within the probe's budget. */
async function startWeb(engine: DockerClient, run: Omit<PodRun, 'workload'>, deployment: Manifest) {
  const container = deployment.spec.template.spec.containers[0];
  const probe = container.startupProbe;
  const budgetMs = probe.periodSeconds * probe.failureThreshold * 1000;
  const port = container.ports.find((p: Manifest) => p.name === probe.httpGet.port);
  const web = await engine.docker.createContainer(containerOptions({ ...run, workload: deployment }));
  const started = Date.now();
  await web.start();
  const hostPort = await publishedPort(web, `${port.containerPort}/tcp`);
  const first = await waitFor(`a 2xx on ${probe.httpGet.path}`, budgetMs, async () => {
    const answer = await httpGet(hostPort, probe.httpGet.path);
    return answer.status >= 200 && answer.status < 300 ? answer : undefined;
  }).catch(async (err: Error) => assert.fail(`${err.message}\n${await logs(web)}`));
  console.log(`      startup probe answered ${first.status} after ${Date.now() - started} ms (budget ${budgetMs} ms)`);
  for (const name of ['readinessProbe', 'livenessProbe']) {
    const answer = await httpGet(hostPort, container[name].httpGet.path);
    assert.ok(answer.status >= 200 && answer.status < 300, `${name}: ${answer.status}`);
  }
  // What the securityContext promises, seen from inside.
  const uid = deployment.spec.template.spec.securityContext.runAsUser;
  assert.equal((await execIn(web, ['id', '-u'])).output.trim(), String(uid));
  assert.notEqual((await execIn(web, ['sh', '-c', 'touch /app/x'])).code, 0, 'the root filesystem is read-only');
  assert.equal((await execIn(web, ['sh', '-c', 'touch /tmp/x'])).code, 0, '/tmp is writable');
  const status = await execIn(web, ['sh', '-c', 'grep -E "^(CapEff|NoNewPrivs)" /proc/self/status']);
  assert.match(status.output, /CapEff:\s+0+\n/);
  assert.match(status.output, /NoNewPrivs:\s+1/);
  return { web, hostPort };
}

describe('Kubernetes manifests on the real engine (standing in for a cluster)', function () {
  this.timeout(300_000);
  let engine: DockerClient;
  const workspaces: string[] = [];
  let network: Docker.Network;

  before(async () => {
    engine = await requireEngine();
    network = await engine.docker.createNetwork({ Name: `dwk8s${runId.replace(/[^a-z0-9]/g, '')}`, Labels: { [RUN_LABEL]: runId } });
  });
  after(async () => {
    for (const w of workspaces) rmSync(w, { recursive: true, force: true });
    if (engine) await removeRunArtifacts(engine);
    await network?.remove().catch(() => undefined);
  });

  it('a settings class needing SECRET_KEY and DATABASE_URI, with a release step: the Job migrates Postgres, the Deployment answers its probes', async () => {
    const { workspace, app, manifests, image } = await prepare('settings-database-uri', 'k8s-settings');
    workspaces.push(workspace);
    assert.equal(app.release?.command, 'python -m app.migrate');
    const deployment = manifests.get('deployment.yaml') as Manifest;
    const job = manifests.get('release-job.yaml') as Manifest;
    const configMap = manifests.get('configmap.yaml') as Manifest;
    assert.deepEqual(Object.keys((manifests.get('secret.yaml') as Manifest).stringData).sort(), ['DATABASE_URI', 'SECRET_KEY']);

    const password = randomBytes(16).toString('hex');
    // The cluster's database, as the Secret's DATABASE_URI would name it.
    const postgres = await engine.docker.createContainer({
      Image: 'postgres:16-alpine', Labels: { [RUN_LABEL]: runId }, Env: ['POSTGRES_USER=app', `POSTGRES_PASSWORD=${password}`, 'POSTGRES_DB=app'],
      HostConfig: { NetworkMode: network.id }, NetworkingConfig: { EndpointsConfig: { [network.id]: { Aliases: ['postgres'] } } },
    });
    await postgres.start();
    await waitFor('postgres ready', 60_000, async () => ((await execIn(postgres, ['pg_isready', '-U', 'app', '-d', 'app', '-h', '127.0.0.1'])).code === 0 ? true : undefined));
    const secretValues = { DATABASE_URI: `postgresql://app:${password}@postgres:5432/app`, SECRET_KEY: randomBytes(32).toString('hex') };
    const run = { configMap, secretValues, image, network: network.id };

    // The release Job: its args, its pod's security, to completion.
    const release = await engine.docker.createContainer(containerOptions({ ...run, workload: job }));
    await release.start();
    const done = await release.wait();
    const releaseLog = await logs(release);
    assert.equal(done.StatusCode, 0, `the release Job failed:\n${releaseLog}`);
    assert.match(releaseLog, /migrated/);

    // The Deployment: the probes' path and port answer 2xx within the startup probe's budget.
    const { hostPort } = await startWeb(engine, run, deployment);
    // The release reached the same database, and the Secret's SECRET_KEY the app.
    const items = await httpGet(hostPort, '/items');
    assert.equal(items.status, 200, items.body);
    assert.deepEqual(JSON.parse(items.body), { items: [{ name: 'pear', count: 5 }], signed: true });

  });

  it('a Flask app writing its instance folder: each writable folder a tmpfs the pod user writes, SQLite kept there under a read-only root', async () => {
    const { workspace, manifests, image } = await prepare('flask-instance-sqlite', 'k8s-instance');
    workspaces.push(workspace);
    const deployment = manifests.get('deployment.yaml') as Manifest;
    const configMap = manifests.get('configmap.yaml') as Manifest;
    const mounts = deployment.spec.template.spec.containers[0].volumeMounts.map((m: Manifest) => m.mountPath);
    assert.ok(mounts.includes('/app/instance'), mounts.join(', '));
    const { web, hostPort } = await startWeb(engine, { configMap, secretValues: {}, image, network: network.id }, deployment);
    const fsGroup = deployment.spec.template.spec.securityContext.fsGroup;
    for (const folder of mounts) {
      const made = await execIn(web, ['sh', '-c', `touch ${folder}/probe && stat -c %g ${folder}/probe`]);
      assert.deepEqual([made.code, made.output.trim()], [0, String(fsGroup)], `${folder} is the app's to write`);
    }
    // An emptyDir is the pod's own, so the database is made in this pod (the Job's would be its own; see deployment.yaml).
    const job = manifests.get('release-job.yaml');
    if (job) {
      const initDb = await execIn(web, job.spec.template.spec.containers[0].args);
      assert.equal(initDb.code, 0, initDb.output);
    } else {
      const initDb = await execIn(web, ['flask', '--app', 'notes:create_app()', 'init-db']);
      assert.equal(initDb.code, 0, initDb.output);
    }
    const posted = await fetch(`http://127.0.0.1:${hostPort}/notes`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ body: 'kept in the emptyDir' }),
    });
    assert.equal(posted.status, 200, await posted.text());
    assert.deepEqual(JSON.parse((await httpGet(hostPort, '/notes')).body).notes, ['kept in the emptyDir']);
  });
});
