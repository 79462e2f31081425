// Bad input gets a clear warning, never a crash or a hang. The hostile trees are made at test
// time in a temp dir (a repository cannot hold symlink loops or 50k node_modules files sensibly).
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { detect } from '../../../src/core/detect/detect';
import type { AppFacts, DetectResult, FileView } from '../../../src/core/detect/types';
import { diskFileView } from '../../../src/workspace/diskFileView';
import { detectMemory, loadGrammar, memoryView } from './support';

function write(root: string, path: string, contents: string | Buffer): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), contents);
}

/** Records every folder the walk lists, to prove ignored folders are never opened. */
function recording(view: FileView, listed: string[]): FileView {
  return { ...view, readDir: (path) => (listed.push(path), view.readDir(path)) };
}

const warningsOf = (app: AppFacts, code: string) => app.warnings.filter((w) => w.code === code).map((w) => w.file).sort();

describe('detection on hostile trees (generated at test time)', function () {
  this.timeout(120_000);
  let dir: string;
  let outside: string;
  let result: DetectResult;
  const listed: string[] = [];
  let elapsed = 0;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dockwright-hostile-'));
    outside = mkdtempSync(join(tmpdir(), 'dockwright-outside-'));
    write(outside, 'main.py', 'from fastapi import FastAPI\napp = FastAPI()\n');
    write(dir, 'app.py', 'from flask import Flask\napp = Flask(__name__)\n');
    write(dir, 'requirements.txt', 'flask\ngunicorn\n');
    write(dir, 'pyproject.toml', '[project\nname = "half-written"\n');
    write(dir, 'binary.py', Buffer.concat([Buffer.from('from flask import Flask\n'), Buffer.from([0, 1, 2, 0xff, 0])]));
    write(dir, 'latin1.py', Buffer.from('# caf\xe9 from flask import Flask\napp2 = Flask(__name__)\n', 'latin1'));
    write(dir, 'huge.py', `from fastapi import FastAPI\nbig = FastAPI()\n${'# padding\n'.repeat(120_000)}`);
    write(dir, 'pkg/__init__.py', '');
    symlinkSync('.', join(dir, 'loop'));
    symlinkSync('../pkg', join(dir, 'pkg', 'again'));
    symlinkSync(outside, join(dir, 'elsewhere'));
    symlinkSync(join(outside, 'main.py'), join(dir, 'linked.py'));
    // 50k files in ignored folders, some of them apps that must not be found.
    for (let p = 0; p < 500; p++) {
      for (let f = 0; f < 100; f++) write(dir, `node_modules/pkg${p}/file${f}.js`, 'module.exports = 1;\n');
    }
    write(dir, 'node_modules/trap/app.py', 'from fastapi import FastAPI\ntrap = FastAPI()\n');
    write(dir, '.git/HEAD', 'ref: refs/heads/main\n');
    write(dir, '.venv/lib/python3.12/site-packages/fastapi/app.py', 'from fastapi import FastAPI\ntrap = FastAPI()\n');
    write(dir, 'myenv/pyvenv.cfg', 'home = /usr/bin\n');
    write(dir, 'myenv/lib/app.py', 'from flask import Flask\ntrap = Flask(__name__)\n');
    write(dir, 'pkg/__pycache__/app.cpython-312.pyc', Buffer.from([0x55, 0x0d, 0, 0]));

    const started = Date.now();
    result = await detect(recording(diskFileView(dir), listed), { root: dir, loadGrammar });
    elapsed = Date.now() - started;
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('finds the real app and only it', () => {
    assert.deepEqual(result.apps.map((a) => a.entry), ['app:app']);
  });

  it('skips binary, non-UTF-8 and over-1-MB modules, each with a warning naming the file', () => {
    const [app] = result.apps;
    assert.deepEqual(warningsOf(app, 'file-binary'), ['binary.py']);
    assert.deepEqual(warningsOf(app, 'file-not-utf8'), ['latin1.py']);
    assert.deepEqual(warningsOf(app, 'file-too-large'), ['huge.py']);
    assert.match(app.warnings.find((w) => w.code === 'file-too-large')?.message ?? '', /1\.\d MB/);
  });

  it('reports broken TOML with its line and carries on', () => {
    const toml = result.apps[0].warnings.find((w) => w.code === 'toml-invalid');
    assert.deepEqual([toml?.file, toml?.line], ['pyproject.toml', 1]);
  });

  it('follows no link: loops and links out of the tree are reported, not walked', () => {
    assert.deepEqual(warningsOf(result.apps[0], 'symlink-not-followed'), ['elsewhere', 'linked.py', 'loop', 'pkg/again']);
    assert.ok(!listed.some((p) => p.startsWith('loop') || p.startsWith('elsewhere') || p.includes('again')));
  });

  it('gives the same result through a view that reads only through promises', async () => {
    const disk = diskFileView(dir);
    const again = await detect({ readDir: disk.readDir, readFile: disk.readFile }, { root: dir, loadGrammar });
    assert.deepEqual({ ...again, stats: { ...again.stats, ms: 0 } }, { ...result, stats: { ...result.stats, ms: 0 } });
  });

  it('never opens ignored folders, so 50k files there cost nothing', () => {
    assert.deepEqual(listed.filter((p) => /(^|\/)(node_modules|\.git|\.venv|__pycache__)(\/|$)/.test(p)), []);
    // myenv is listed once (that is how its pyvenv.cfg is seen) but nothing inside it.
    assert.deepEqual(listed.filter((p) => p.startsWith('myenv')), ['myenv']);
    assert.ok(result.stats.filesScanned < 20, `${result.stats.filesScanned} files scanned`);
    assert.ok(elapsed < 5000, `took ${elapsed} ms`);
  });
});

describe('detection skip rules (in memory)', () => {
  it('honours .gitignore: folders, globs, anchors, negation, nested files', async () => {
    const listed: string[] = [];
    const tree = {
      '.gitignore': '# generated code\ngenerated/\n*_gen.py\n!keep_gen.py\n/local_only.py\n',
      'requirements.txt': 'fastapi\nuvicorn\n',
      'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
      'generated/app.py': 'from fastapi import FastAPI\ngen = FastAPI()\n',
      'x_gen.py': 'from fastapi import FastAPI\nx = FastAPI()\n',
      'keep_gen.py': 'from fastapi import FastAPI\nkept = FastAPI()\n',
      'local_only.py': 'from fastapi import FastAPI\nlocal = FastAPI()\n',
      'sub/.gitignore': 'secret.py\n',
      'sub/secret.py': 'from fastapi import FastAPI\nsecret = FastAPI()\n',
      'sub/local_only.py': 'from fastapi import FastAPI\nsub_local = FastAPI()\n',
    };
    const r = await detect(memoryView(tree, listed), { root: '/m', loadGrammar });
    assert.deepEqual(r.apps.map((a) => a.entry).sort(), ['keep_gen:kept', 'local_only:sub_local', 'main:app']);
    assert.ok(!listed.includes('generated'), 'an ignored folder is not listed');
  });

  it('treats any folder with pyvenv.cfg as a virtualenv, and build/dist/site-packages as not source', async () => {
    const r = await detectMemory({
      'requirements.txt': 'flask\ngunicorn\n', 'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
      'tools/py/pyvenv.cfg': 'home = /usr/bin\n', 'tools/py/lib/a.py': 'from flask import Flask\na = Flask(__name__)\n',
      'build/lib/app.py': 'from flask import Flask\nb = Flask(__name__)\n', 'dist/app.py': 'from flask import Flask\nc = Flask(__name__)\n',
      'lib/site-packages/x.py': 'from flask import Flask\nd = Flask(__name__)\n',
    });
    assert.deepEqual(r.apps.map((a) => a.entry), ['app:app']);
  });

  it('reports a folder it cannot list and keeps going', async () => {
    const view = memoryView({ 'requirements.txt': 'flask\n', 'app.py': 'from flask import Flask\napp = Flask(__name__)\n', 'locked/a.py': '' });
    const locked: FileView = { ...view, readDir: (path) => (path === 'locked' ? Promise.reject(new Error('EACCES: permission denied')) : view.readDir(path)) };
    const r = await detect(locked, { root: '/m', loadGrammar });
    assert.deepEqual(r.apps.map((a) => a.entry), ['app:app']);
    assert.deepEqual(r.apps[0].warnings.filter((w) => w.code === 'folder-unreadable').map((w) => w.file), ['locked']);
  });

  it('survives a requirements include cycle and an empty tree', async () => {
    const r = await detectMemory({
      'requirements.txt': '-r a.txt\nflask\n', 'a.txt': '-r requirements.txt\ngunicorn\n', 'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
    });
    assert.deepEqual(r.apps[0].dependencies, ['flask', 'gunicorn']);
    const empty = await detectMemory({});
    assert.deepEqual([empty.apps, empty.scripts, empty.stats.filesScanned], [[], [], 0]);
  });
});
