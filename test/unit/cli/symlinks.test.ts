// `dockwright init` never writes through a symbolic link or outside the project, with or without
// --force: it says which file is a link and to where, exits 1, and the link's target keeps every byte.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { refusedTargets } from '../../../src/core/generate/writeTargets';
import { diskWriteTargets } from '../../../src/workspace/diskWriteTargets';

const repo = join(__dirname, '..', '..', '..', '..');
const cli = join(repo, 'dist', 'cli.js');
const fixture = join(repo, 'test', 'fixtures', 'containerize', 'flask-factory');
const FILES = ['Dockerfile', '.dockerignore', 'compose.yaml'];

function init(...args: string[]) {
  return spawnSync(process.execPath, [cli, 'init', ...args], { encoding: 'utf8' });
}

/** A temporary folder holding `project/` (the Flask fixture) and `outside/`, a file for each kind in it. */
function layout(): { base: string; project: string; outside: string } {
  const base = mkdtempSync(join(tmpdir(), 'dockwright-links-'));
  const project = join(base, 'project');
  const outside = join(base, 'outside');
  cpSync(fixture, project, { recursive: true });
  mkdirSync(outside);
  for (const f of FILES) writeFileSync(join(outside, f), `# not Dockwright's: ${f}\r\n\u00e9\n`);
  return { base, project, outside };
}

describe('dockwright init and symbolic links', () => {
  let base: string;
  let project: string;
  let outside: string;
  beforeEach(() => ({ base, project, outside } = layout()));
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  const snapshot = () => Object.fromEntries(FILES.map((f) => [f, readFileSync(join(outside, f))]));

  for (const file of FILES) {
    for (const force of [false, true]) {
      it(`refuses ${file} -> ../outside/${file}${force ? ' even with --force' : ''}; the outside file keeps every byte`, () => {
        symlinkSync(join('..', 'outside', file), join(project, file));
        const before = snapshot();
        const r = init(project, ...(force ? ['--force'] : []));
        assert.equal(r.status, 1, r.stderr);
        const shown = file.replace(/\./g, '\\.');
        assert.match(r.stderr, new RegExp(`^ {2}${shown} is a symbolic link to \\.\\./outside/${shown};`, 'm'));
        assert.match(r.stderr, /never writes through a symbolic link or outside the project, so nothing was written/);
        assert.match(r.stderr, /--force does not change this/);
        assert.deepEqual(snapshot(), before, 'the files outside are unchanged');
        assert.ok(lstatSync(join(project, file)).isSymbolicLink(), 'the link is left as it was');
        for (const other of FILES.filter((f) => f !== file)) assert.ok(!existsSync(join(project, other)), `${other} written anyway`);
      });
    }
  }

  it('refuses a dangling link: the file it names is not created outside', () => {
    symlinkSync(join('..', 'outside', 'new', 'Dockerfile'), join(project, 'Dockerfile'));
    const r = init(project, '--force');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /Dockerfile is a symbolic link to \.\.\/outside\/new\/Dockerfile/);
    assert.ok(!existsSync(join(outside, 'new')));
  });

  it('--dry-run says the same and shows no diff of the file behind the link', () => {
    symlinkSync(join('..', 'outside', 'Dockerfile'), join(project, 'Dockerfile'));
    const r = init(project, '--dry-run');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /Dockerfile is a symbolic link/);
    assert.doesNotMatch(r.stdout, /not Dockwright's/);
  });

  it('lists every link at once', () => {
    for (const f of ['Dockerfile', 'compose.yaml']) symlinkSync(join('..', 'outside', f), join(project, f));
    const r = init(project);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^ {2}Dockerfile is a symbolic link[^\n]*\n {2}compose\.yaml is a symbolic link/m);
  });

  it('a project reached through a linked folder is written as usual (its real path is the project)', () => {
    const linked = join(base, 'linked-project');
    symlinkSync(project, linked);
    const r = init(linked);
    assert.equal(r.status, 0, r.stderr);
    for (const f of FILES) assert.ok(lstatSync(join(project, f)).isFile(), f);
  });

  it('a target whose folder is a link out of the project is refused; a link that stays inside is not', () => {
    mkdirSync(join(outside, 'api'));
    symlinkSync(join('..', 'outside', 'api'), join(project, 'api'));
    mkdirSync(join(project, 'shared'));
    symlinkSync('shared', join(project, 'inner'));
    const { realRoot, targets } = diskWriteTargets(project, ['api/Dockerfile', 'api/deeper/compose.yaml', 'inner/Dockerfile', 'Dockerfile']);
    assert.equal(readlinkSync(join(project, 'api')), join('..', 'outside', 'api'));
    const refused = refusedTargets(targets, realRoot);
    assert.deepEqual(refused.map((r) => r.path), ['api/Dockerfile', 'api/deeper/compose.yaml']);
    assert.match(refused[0].reason, /^api\/Dockerfile would be written in \S+outside[\\/]api, outside the project \(\S+project\): a folder on the way is a symbolic link$/);
  });
});
