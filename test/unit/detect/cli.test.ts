// `dockwright detect` as a person or a script runs it: the built bin (dist/cli.js), spawned.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo } from './support';

const cli = join(repo, 'dist', 'cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'detect', ...args], { encoding: 'utf8', cwd: repo });

const APP_KEYS = ['root', 'framework', 'module', 'variable', 'factory', 'entry', 'sourceRoot', 'server', 'port', 'portSource',
  'host', 'pythonVersion', 'packageManager', 'dependencyFiles', 'dependencies', 'services', 'entrySource', 'workers',
  'writablePaths', 'buildSteps', 'warnings'];

describe('dockwright detect (dist/cli.js)', () => {
  it('--json prints the documented shape for examples/fastapi-todo and exits 0', () => {
    const r = run('examples/fastapi-todo', '--json');
    assert.equal(r.status, 0, r.stderr);
    const result = JSON.parse(r.stdout) as Record<string, unknown> & { apps: Record<string, unknown>[] };
    assert.equal(result.root, join(repo, 'examples', 'fastapi-todo'));
    for (const key of ['root', 'apps', 'unsupported', 'scripts', 'plainScripts', 'notApps', 'stats']) assert.ok(key in result, key);
    assert.deepEqual(Object.keys(result.stats as object), ['filesScanned', 'filesParsed', 'ms']);
    const [app] = result.apps;
    for (const key of APP_KEYS) assert.ok(key in app, `apps[0].${key}`);
    assert.deepEqual([app.entry, app.port, app.portSource, app.host], ['app.main:app', 8000, 'source', '127.0.0.1']);
    assert.deepEqual((app.warnings as { code: string }[]).map((w) => w.code), ['host-loopback']);
  });

  it('prints apps and their warnings as text for people', () => {
    const r = run(join(repo, 'test', 'fixtures', 'projects', 'monorepo'));
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /FastAPI app api\.app:app in services\/api/);
    assert.match(r.stdout, /Flask app app:admin in services\/admin/);
    const warned = run(join(repo, 'test', 'fixtures', 'projects', 'flask-basic'));
    assert.match(warned.stdout, /warning \[host-loopback\] app\.py:12: .*0\.0\.0\.0/);
  });

  it('exits 0 with an empty result when there is no app', () => {
    const empty = mkdtempSync(join(tmpdir(), 'dockwright-empty-'));
    try {
      const r = run(empty, '--json');
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout).apps, []);
      assert.match(run(empty).stdout, /No FastAPI or Flask app found/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('exits 2 with one line on stderr for bad usage or a folder it cannot read', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'dockwright-file-')), 'x.txt');
    writeFileSync(file, 'x');
    const cases: [string[], RegExp][] = [
      [[], /which folder\?/], [['a', 'b'], /one folder at a time/], [['.', '--yaml'], /unknown option "--yaml"/],
      [['/nonexistent/dockwright'], /cannot read directory .*ENOENT/], [[file], /not a directory/],
    ];
    for (const [args, message] of cases) {
      const r = run(...args);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
  });
});
