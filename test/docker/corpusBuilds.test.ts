/**
 * Real public projects (../shared/corpus/realworld), built and brought up with the files `init`
 * writes for them, where this machine's local package index (/opt/pypi: one current CPython 3.11
 * wheel per package) can satisfy them. A scratch copy has its pins loosened to the index's versions
 * (never the project itself); the index is served on 127.0.0.1 to the build through stand-in base
 * images named by a team registry mirror, so no generated file names it. A project the index cannot
 * satisfy reports itself skipped, with the reason; so does every project on a machine without it.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runBuild } from '../../src/docker/buildRunner';
import type { DockerClient } from '../../src/docker/client';
import { compose, findCompose, type ComposeCli } from './compose';
import { freePort, serveTree, standInPythonImages } from './localServe';
import { execIn, waitHealthy } from './prove';
import { RUN_LABEL, dockerPath, httpGet, requireEngine, runId } from './support';

const repo = join(__dirname, '..', '..', '..');
const CORPUS = join(repo, '..', 'shared', 'corpus', 'realworld');
const INDEX = process.env.DOCKWRIGHT_PYPI || '/opt/pypi';

const normalizeName = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');

/** Requirement files reached from the app's dependency files, with `-r` includes. */
function requirementFiles(root: string, files: string[]): string[] {
  const out = new Set<string>();
  const visit = (file: string) => {
    if (out.has(file) || !existsSync(file)) return;
    out.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/^\s*-r\s+(\S+)/gm)) visit(join(file, '..', m[1]));
  };
  for (const f of files.filter((name) => name.endsWith('.txt'))) visit(join(root, f));
  return [...out];
}

/** Loosens every pin to whatever the index has; returns the names the index lacks. */
function loosen(files: string[], available: Set<string>): string[] {
  const missing: string[] = [];
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n').map((line) => {
      const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*([<>=!~][^;#]*)?(.*)$/.exec(line);
      if (!m || line.trim().startsWith('#') || line.trim().startsWith('-')) return line;
      if (!available.has(normalizeName(m[1]))) missing.push(m[1]);
      return `${m[1]}${m[2] ?? ''}`;
    });
    writeFileSync(file, lines.join('\n'));
  }
  return missing;
}

/** The names in pyproject.toml's `[project] dependencies`, which the index must have too. */
function projectDependencies(appDir: string): string[] {
  const file = join(appDir, 'pyproject.toml');
  if (!existsSync(file)) return [];
  const list = /^dependencies\s*=\s*\[([\s\S]*?)\]/m.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
  return [...list.matchAll(/["']\s*([A-Za-z0-9][A-Za-z0-9._-]*)/g)].map((m) => m[1]);
}

interface Detected { apps: { root: string; packageManager: string; dependencyFiles: string[]; release: { command: string } | null; port: number }[] }

describe('real projects built and brought up with the local package index', function () {
  this.timeout(600_000);
  let engine: DockerClient;
  let cli: ComposeCli;
  let index: { port: number; close(): void } | null = null;
  const cleanup: (() => Promise<void>)[] = [];
  const names = existsSync(join(CORPUS, 'truth')) ? readdirSync(join(CORPUS, 'truth')).map((f) => f.replace(/\.json$/, '')).sort() : [];

  before(async function () {
    if (!existsSync(join(INDEX, 'simple'))) {
      console.log(`    skipped: no local package index at ${INDEX} (this kind of machine carries one; elsewhere these builds cannot get real wheels)`);
      this.skip();
    }
    if (!names.length) {
      console.log(`    skipped: no corpus at ${CORPUS} (it lives beside the repository, in ../shared)`);
      this.skip();
    }
    engine = await requireEngine();
    const found = findCompose();
    if (!found) throw new Error('docker-compose is missing: run `sudo bash scripts/provision.sh --only docker`');
    cli = found;
    index = await serveTree(INDEX);
  });

  after(async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
    index?.close();
  });

  for (const name of names) {
    it(`${name}: init, build against the index, compose up: release done, healthy, HTTP 2xx, not root`, async function () {
      const available = new Set(readdirSync(join(INDEX, 'simple')).map(normalizeName));
      const workspace = mkdtempSync(join(tmpdir(), `dockwright-corpus-${name}-`));
      cleanup.push(async () => rmSync(workspace, { recursive: true, force: true }));
      cpSync(join(CORPUS, name), workspace, { recursive: true });
      const detected = JSON.parse(spawnSync(process.execPath, [join(repo, 'dist', 'cli.js'), 'detect', '--json', workspace], { encoding: 'utf8' }).stdout) as Detected;
      const app = detected.apps[0];
      assert.ok(app, 'no app detected');
      if (app.packageManager !== 'pip') {
        console.log(`      skipped: ${app.packageManager} is not in the local index, so its lock cannot be installed here`);
        this.skip();
      }
      const appDir = join(workspace, app.root);
      const missing = [...loosen(requirementFiles(appDir, app.dependencyFiles), available), ...projectDependencies(appDir).filter((n) => !available.has(normalizeName(n)))];
      if (missing.length) {
        console.log(`      skipped: the local index lacks ${[...new Set(missing)].join(', ')}`);
        this.skip();
      }
      const pinned = /^\+?ARG PYTHON_VERSION=(\S+)$/m.exec(spawnSync(process.execPath, [join(repo, 'dist', 'cli.js'), 'init', '--dry-run', '--force', workspace], { encoding: 'utf8' }).stdout)?.[1];
      if (pinned && spawnSync(dockerPath, ['image', 'inspect', `python:${pinned}-slim`], { encoding: 'utf8' }).status !== 0) {
        console.log(`      skipped: the project's Python ${pinned} has no base image on this machine (the rig's images carry 3.10-3.13 tags)`);
        this.skip();
      }
      const prefix = `dwpypi${runId.replace(/[^a-z0-9]/g, '')}`;
      writeFileSync(join(appDir, '.dockwright.yaml'), `registryMirror: ${prefix}\n`);
      // init on the repository, as a person runs it: what sits beside the app (compose files, example env files) counts.
      const init = spawnSync(process.execPath, [join(repo, 'dist', 'cli.js'), 'init', '--force', workspace], { encoding: 'utf8' });
      assert.equal(init.status, 0, `${init.stdout}${init.stderr}`);

      // Stand-ins for the images the files name under the mirror: the rig's, with the index on 127.0.0.1.
      const composeFile = parse(readFileSync(join(appDir, 'compose.yaml'), 'utf8')) as { services: Record<string, { image: string; build?: unknown }> };
      const python = /^ARG PYTHON_VERSION=(\S+)$/m.exec(readFileSync(join(appDir, 'Dockerfile'), 'utf8'))?.[1];
      const made: string[] = [];
      cleanup.push(async () => {
        for (const image of made) await engine.docker.getImage(image).remove({ force: true }).catch(() => undefined);
      });
      made.push(...standInPythonImages(`${prefix}/`, python ?? '', `ENV PIP_NO_INDEX=0 PIP_INDEX_URL=http://127.0.0.1:${index?.port}/simple`));
      for (const service of Object.values(composeFile.services).filter((s) => !s.build)) {
        const r = spawnSync(dockerPath, ['tag', service.image.slice(prefix.length + 1), service.image], { encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr);
        made.push(service.image);
      }
      const image = composeFile.services.app.image;
      const built = await runBuild({ context: appDir, tags: [image], labels: { [RUN_LABEL]: runId }, network: 'host' }, { dockerPath });
      assert.equal(built.exitCode, 0, built.output.slice(-4000));
      made.push(image);

      const project = `dwcorpus${name.replace(/[^a-z0-9]/g, '')}${runId.replace(/[^a-z0-9]/g, '')}`;
      const port = await freePort();
      const env = { APP_PORT: String(port) };
      cleanup.push(async () => void compose(cli, appDir, project, ['down', '--volumes', '--remove-orphans'], env));
      const up = compose(cli, appDir, project, ['up', '--detach'], env);
      if (up.status !== 0) {
        const logs = compose(cli, appDir, project, ['logs', '--no-color', '--tail', '30'], env);
        assert.fail(`compose up failed:\n${up.output.slice(-2000)}\n${logs.output.slice(-4000)}`);
      }
      const containers = await engine.docker.listContainers({ all: true, filters: JSON.stringify({ label: [`com.docker.compose.project=${project}`] }) });
      const byService = (s: string) => containers.find((c) => c.Labels['com.docker.compose.service'] === s);
      const appInfo = byService('app');
      assert.ok(appInfo);
      const container = engine.docker.getContainer(appInfo.Id);
      const logs = async () => (await container.logs({ stdout: true, stderr: true, tail: 40 })).toString('utf8');
      assert.equal(await waitHealthy(container, 120_000).catch(async (err) => `${String(err)}\n${await logs()}`), 'healthy');
      if (app.release) {
        const release = await engine.docker.getContainer(byService('release')?.Id ?? '').inspect();
        assert.equal(release.State.ExitCode, 0, `release failed: ${app.release.command}`);
      }
      const response = await httpGet(port, '/');
      assert.ok(response.status >= 200 && response.status < 300, `HTTP ${response.status} on /: ${response.body.slice(0, 500)}\n${await logs()}`);
      const inspect = await container.inspect();
      assert.notEqual(inspect.Config.User, '', 'runs as the image user');
      const uid = (await execIn(container, ['id', '-u'])).output.trim();
      assert.notEqual(uid, '0');
    });
  }
});
