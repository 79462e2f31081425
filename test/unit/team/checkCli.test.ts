// `dockwright check` as CI runs it (the built bin): exit codes and the three output formats.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repo = join(__dirname, '..', '..', '..', '..');
const cli = join(repo, 'dist', 'cli.js');
const fixture = join(repo, 'test', 'fixtures', 'containerize', 'flask-factory');

function dockwright(cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
}

/** The template without USER: every file it renders runs as root (lint rule DW104, root-user). */
const ROOT_TEMPLATE = 'FROM {{image.runtime}}\nWORKDIR /app\n{{#dependencies.copy}}\n{{.}}\n{{/dependencies.copy}}\n{{dependencies.install}}\nCOPY . .\nEXPOSE {{app.port}}\nCMD {{server.exec}}\n';

describe('dockwright check', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dockwright-check-'));
    cpSync(fixture, dir, { recursive: true });
    mkdirSync(join(dir, '.git'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 when the files are what the templates give and lint clean', () => {
    assert.equal(dockwright(dir, 'init', '.').status, 0);
    const r = dockwright(dir, 'check');
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^✓ shop:create_app\(\) in \.\n {2}ok {7}Dockerfile\n {2}ok {7}\.dockerignore\n {2}ok {7}compose\.yaml\n/);
    assert.match(r.stdout, /1 app, 0 drifted, 0 missing, 0 lint errors, 0 warnings\n$/);
  });

  it('exits 1 on drift, with a unified diff (text), an annotation at the first changed line (github), data (json)', () => {
    dockwright(dir, 'init', '.');
    const dockerfile = readFileSync(join(dir, 'Dockerfile'), 'utf8');
    const line = dockerfile.split('\n').indexOf('USER app') + 1;
    writeFileSync(join(dir, 'Dockerfile'), dockerfile.replace('USER app\n', 'USER app\nRUN echo hand-made\n'));

    const text = dockwright(dir, 'check');
    assert.equal(text.status, 1);
    assert.match(text.stdout, / {2}drift {4}Dockerfile {2}\(built-in template\)/);
    assert.match(text.stdout, /--- a\/Dockerfile\n\+\+\+ b\/Dockerfile\n@@ .* @@\n(.*\n)* USER app\n-RUN echo hand-made\n/);

    const github = dockwright(dir, 'check', '--format', 'github');
    assert.equal(github.status, 1);
    assert.match(github.stdout, new RegExp(`^::error file=Dockerfile,line=${line + 1},title=Dockwright%3A drift from the template::Dockerfile differs from what Dockwright's built-in template gives`, 'm'));
    assert.match(github.stdout, /^::group::Diff of Dockerfile\n--- a\/Dockerfile\n/m);

    const json = JSON.parse(dockwright(dir, 'check', '--format', 'json').stdout);
    assert.equal(json.exitCode, 1);
    assert.deepEqual(json.apps[0].files.map((f: { status: string }) => f.status), ['drift', 'ok', 'ok']);
    assert.match(json.apps[0].files[0].diff, /-RUN echo hand-made/);
  });

  it('lints the manifests init --k8s wrote: clean as generated, an error once a secret is written into one', () => {
    assert.equal(dockwright(dir, 'init', '.').status, 0);
    assert.equal(dockwright(dir, 'init', '.', '--k8s').status, 0);
    assert.equal(dockwright(dir, 'check').status, 0, dockwright(dir, 'check').stdout);
    const config = join(dir, 'k8s', 'configmap.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace(/^data:.*$/m, 'data:\n  API_TOKEN: abc123'));
    const json = JSON.parse(dockwright(dir, 'check', '--format', 'json').stdout);
    assert.equal(json.exitCode, 1);
    assert.deepEqual(json.apps[0].problems.map((p: { path: string; code: string }) => `${p.path} ${p.code}`), ['k8s/configmap.yaml DW305']);
  });

  it('exits 1 for a missing file', () => {
    const r = dockwright(dir, 'check', '--format', 'json');
    assert.equal(r.status, 1);
    assert.deepEqual(JSON.parse(r.stdout).apps[0].files.map((f: { status: string }) => f.status), ['missing', 'missing', 'missing']);
  });

  it('lints with the team\'s rules: a warning or notice passes, the same rule raised to error fails, off silences it', () => {
    mkdirSync(join(dir, '.dockwright'));
    writeFileSync(join(dir, '.dockwright', 'Dockerfile.mustache'), ROOT_TEMPLATE);
    assert.equal(dockwright(dir, 'init', '.').status, 0);

    const warned = dockwright(dir, 'check', '--format', 'github');
    assert.equal(warned.status, 0, warned.stdout);
    assert.match(warned.stdout, /^::(warning|notice) file=Dockerfile,line=\d+,col=\d+,title=Dockwright DW104::/m);

    writeFileSync(join(dir, '.dockwright.yaml'), 'lint:\n  rules:\n    root-user: error\n');
    const raised = dockwright(dir, 'check', '--format', 'github');
    assert.equal(raised.status, 1);
    assert.match(raised.stdout, /^::error file=Dockerfile,line=\d+,col=\d+,title=Dockwright DW104::/m);
    assert.match(raised.stdout, /0 drifted, 0 missing, 1 lint error/, 'the files are what the team template gives');

    writeFileSync(join(dir, '.dockwright.yaml'), 'lint:\n  rules:\n    DW104: off\n');
    const off = dockwright(dir, 'check', '--format', 'json');
    assert.equal(off.status, 0);
    assert.ok(!JSON.parse(off.stdout).apps[0].problems.some((p: { code: string }) => p.code === 'DW104'));
  });

  it('uses a shared templates folder given with --templates', () => {
    const shared = join(dir, '..', `${dir.split('/').pop()}-shared`);
    mkdirSync(shared);
    try {
      writeFileSync(join(shared, 'config.yaml'), 'uid: 4242\n');
      assert.equal(dockwright(dir, 'init', '.', '--templates', shared).status, 0);
      assert.match(readFileSync(join(dir, 'Dockerfile'), 'utf8'), /--uid 4242 /);
      assert.equal(dockwright(dir, 'check', '--templates', shared).status, 0);
      assert.equal(dockwright(dir, 'check').status, 1, 'without the shared folder the UID drifts');
    } finally {
      rmSync(shared, { recursive: true, force: true });
    }
  });

  it('exits 2 for a bad config or template, with positions, and writes nothing on init', () => {
    writeFileSync(join(dir, '.dockwright.yaml'), 'uid: 2000\npython: 3.10\n');
    const text = dockwright(dir, 'check');
    assert.equal(text.status, 2);
    assert.match(text.stderr, /^\.dockwright\.yaml:2:9: error: python must be string: write the version in quotes/m);
    const github = dockwright(dir, 'check', '--format', 'github');
    assert.equal(github.status, 2);
    assert.match(github.stdout, /^::error file=\.dockwright\.yaml,line=2,col=9,title=Dockwright config::python must be string/m);

    writeFileSync(join(dir, '.dockwright.yaml'), '');
    mkdirSync(join(dir, '.dockwright'));
    writeFileSync(join(dir, '.dockwright', 'compose.yaml.mustache'), 'services:\n{{#compose.services}}\n  {{nme}}:\n{{/compose.services}}\n');
    const json = JSON.parse(dockwright(dir, 'check', '--format', 'json').stdout);
    assert.equal(json.exitCode, 2);
    assert.deepEqual(json.errors.map((e: { file: string; line: number; column: number }) => `${e.file}:${e.line}:${e.column}`), ['.dockwright/compose.yaml.mustache:3:3']);
    const init = dockwright(dir, 'init', '.');
    assert.equal(init.status, 2);
    assert.match(init.stderr, /\.dockwright\/compose\.yaml\.mustache:3:3: unknown variable "nme"/);
  });

  it('a team\'s Kubernetes template: init --k8s renders it, check --k8s compares the manifests with it', () => {
    assert.equal(dockwright(dir, 'init', '.').status, 0);
    assert.equal(dockwright(dir, 'init', '.', '--k8s').status, 0);
    const builtIn = dockwright(dir, 'check', '--k8s', '--format', 'json');
    assert.equal(builtIn.status, 0, builtIn.stdout);
    const files = JSON.parse(builtIn.stdout).apps[0].files as { path: string; status: string; template: string }[];
    assert.deepEqual(files.filter((f) => f.path.startsWith('k8s/')).map((f) => `${f.path} ${f.status} ${f.template}`),
      ['configmap', 'service', 'deployment', 'kustomization'].map((n) => `k8s/${n}.yaml ok built-in`));
    assert.equal(dockwright(dir, 'check').status, 0, 'without --k8s the manifests are not compared');

    // The team's Deployment adds a label: the committed manifest now drifts until init --k8s rewrites it.
    mkdirSync(join(dir, '.dockwright', 'k8s'), { recursive: true });
    const template = readFileSync(join(repo, 'src', 'core', 'k8s', 'templates', 'deployment.yaml.mustache'), 'utf8')
      .replace(/^( {4}app\.kubernetes\.io\/name: .*)$/m, '$1\n    team.example.com/owner: platform');
    assert.notEqual(template, readFileSync(join(repo, 'src', 'core', 'k8s', 'templates', 'deployment.yaml.mustache'), 'utf8'));
    writeFileSync(join(dir, '.dockwright', 'k8s', 'deployment.yaml.mustache'), template);
    const drift = dockwright(dir, 'check', '--k8s');
    assert.equal(drift.status, 1);
    assert.match(drift.stdout, / {2}drift {4}k8s\/deployment\.yaml {2}\(\.dockwright\/k8s\/deployment\.yaml\.mustache\)/);
    assert.match(drift.stdout, /\+ {4}team\.example\.com\/owner: platform/);
    assert.match(dockwright(dir, 'check', '--k8s', '--format', 'github').stdout, /update the file \(`dockwright init --k8s --force`\) or the template/);
    assert.equal(dockwright(dir, 'init', '.', '--k8s', '--force').status, 0);
    assert.match(readFileSync(join(dir, 'k8s', 'deployment.yaml'), 'utf8'), /team\.example\.com\/owner: platform/);
    assert.equal(dockwright(dir, 'check', '--k8s').status, 0);

    rmSync(join(dir, 'k8s', 'service.yaml'));
    const missing = dockwright(dir, 'check', '--k8s', '--format', 'github');
    assert.equal(missing.status, 1);
    assert.match(missing.stdout, /k8s\/service\.yaml is missing: `dockwright init --k8s` writes it/);
  });

  it('exits 2 for bad usage and for a folder without an app', () => {
    assert.equal(dockwright(dir, 'check', '--format', 'xml').status, 2);
    assert.equal(dockwright(dir, 'check', '--frob').status, 2);
    assert.equal(dockwright(dir, 'check', 'a', 'b').status, 2);
    const empty = mkdtempSync(join(tmpdir(), 'dockwright-check-empty-'));
    try {
      const r = dockwright(empty, 'check');
      assert.equal(r.status, 2);
      assert.match(r.stderr, /no FastAPI or Flask app found/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
