import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repo = join(__dirname, '..', '..', '..', '..');
const cli = join(repo, 'dist', 'cli.js');
const fixtures = join(repo, 'test', 'fixtures', 'containerize');

function init(...args: string[]) {
  return spawnSync(process.execPath, [cli, 'init', ...args], { encoding: 'utf8' });
}

describe('dockwright init', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dockwright-init-'));
    cpSync(join(fixtures, 'flask-factory'), dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('--dry-run prints the plan and the diffs and writes nothing', () => {
    const r = init(dir, '--dry-run');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Flask app shop:create_app\(\) in \., port 5000/);
    assert.match(r.stdout, /create\s+Dockerfile\n\s+create\s+\.dockerignore\n\s+create\s+compose\.yaml/);
    assert.match(r.stdout, /\+\+\+ b\/Dockerfile\n@@ -0,0 \+1,\d+ @@/);
    for (const f of ['Dockerfile', '.dockerignore', 'compose.yaml']) assert.ok(!existsSync(join(dir, f)), f);
  });

  it('writes the three files; a second run finds them unchanged', () => {
    assert.equal(init(dir).status, 0);
    const dockerfile = readFileSync(join(dir, 'Dockerfile'), 'utf8');
    assert.match(dockerfile, /CMD \["gunicorn", "--bind", "0\.0\.0\.0:5000".*"shop:create_app\(\)"\]/);
    assert.match(readFileSync(join(dir, 'compose.yaml'), 'utf8'), /image: \S+:dev/);
    const again = init(dir);
    assert.equal(again.status, 0);
    assert.match(again.stdout, /unchanged\s+Dockerfile/);
  });

  it('refuses to overwrite a different file without --force, and writes nothing at all', () => {
    writeFileSync(join(dir, 'Dockerfile'), 'FROM python:3.12\n');
    const r = init(dir);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /Dockerfile already exists and differs; nothing was written/);
    assert.match(r.stdout, /-FROM python:3\.12/);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), 'FROM python:3.12\n');
    assert.ok(!existsSync(join(dir, '.dockerignore')), 'no partial write');
  });

  it('--force replaces the Dockerfile but merges an existing .dockerignore', () => {
    writeFileSync(join(dir, 'Dockerfile'), 'FROM python:3.12\n');
    writeFileSync(join(dir, '.dockerignore'), 'secrets/\n');
    const r = init(dir, '--force', '--single-stage', '--python', '3.12', '--cache-mounts');
    assert.equal(r.status, 0, r.stderr);
    const dockerfile = readFileSync(join(dir, 'Dockerfile'), 'utf8');
    assert.match(dockerfile, /^ARG PYTHON_VERSION=3\.12$/m);
    assert.equal((dockerfile.match(/^FROM /gm) ?? []).length, 1);
    assert.match(dockerfile, /^RUN --mount=type=cache,target=\/root\/\.cache PIP_PYTHON=\/opt\/venv\/bin\/python pip install -r requirements\.txt/m);
    const ignore = readFileSync(join(dir, '.dockerignore'), 'utf8');
    assert.ok(ignore.startsWith('secrets/\n'), 'the existing lines stay first');
    assert.match(ignore, /# Added by Dockwright\n[\s\S]*^\.env$/m);
  });

  it('an unreadable target is a clear error and nothing is written', () => {
    mkdirSync(join(dir, 'compose.yaml'));
    const r = init(dir);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /cannot read compose\.yaml \(EISDIR\); nothing was written/);
    assert.ok(!existsSync(join(dir, 'Dockerfile')) && !existsSync(join(dir, '.dockerignore')));
  });

  it('asks for --app when a folder holds several apps', () => {
    const mono = mkdtempSync(join(tmpdir(), 'dockwright-init-mono-'));
    try {
      cpSync(join(fixtures, 'monorepo'), mono, { recursive: true });
      const r = init(mono);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /2 apps found; pick one with --app: services\/admin, services\/api/);
      const ok = init(mono, '--app', 'services/api');
      assert.equal(ok.status, 0, ok.stderr);
      assert.ok(existsSync(join(mono, 'services', 'api', 'Dockerfile')));
      assert.ok(!existsSync(join(mono, 'Dockerfile')));
    } finally {
      rmSync(mono, { recursive: true, force: true });
    }
  });

  it('--k8s writes the manifests in k8s/ (and only them), refuses to overwrite without --force, and --dry-run writes nothing', () => {
    const dry = init(dir, '--k8s', '--dry-run');
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /create\s+k8s\/configmap\.yaml\n\s+create\s+k8s\/service\.yaml\n\s+create\s+k8s\/deployment\.yaml\n\s+create\s+k8s\/kustomization\.yaml/);
    assert.ok(!existsSync(join(dir, 'k8s')), 'a dry run writes nothing');
    const r = init(dir, '--k8s');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /kubectl apply -k \S+k8s/);
    assert.match(readFileSync(join(dir, 'k8s', 'deployment.yaml'), 'utf8'), /containerPort: 5000/);
    assert.ok(!existsSync(join(dir, 'Dockerfile')), 'the Docker files are init without --k8s');
    assert.match(init(dir, '--k8s').stdout, /unchanged\s+k8s\/deployment\.yaml/);
    writeFileSync(join(dir, 'k8s', 'service.yaml'), 'kind: Service\n');
    const refused = init(dir, '--k8s');
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /k8s\/service\.yaml already exists and differs; nothing was written/);
    assert.equal(init(dir, '--k8s', '--force').status, 0);
    assert.match(readFileSync(join(dir, 'k8s', 'service.yaml'), 'utf8'), /type: ClusterIP/);
  });

  it('bad usage exits 2 with one line on stderr', () => {
    for (const args of [[], ['--python', 'three', dir], [join(dir, 'nope')], [dir, '--frob']]) {
      const r = init(...args);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
  });
});

describe('dockwright init on a folder with no web app but plain scripts', () => {
  const projects = join(repo, 'test', 'fixtures', 'projects');

  it('--dry-run plans a Dockerfile and .dockerignore that run the script, and no compose file', () => {
    const r = init(join(projects, 'plain-script-no-guard'), '--dry-run');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^No web app found; Python script app\.py in \., run with python app\.py$/m);
    assert.match(r.stdout, /create\s+Dockerfile\n\s+create\s+\.dockerignore\n\n/);
    assert.doesNotMatch(r.stdout, /^\s+create\s+compose\.yaml|^\+(EXPOSE|HEALTHCHECK)/m);
    assert.match(r.stdout, /^\+CMD \["python", "app\.py"\]$/m);
    assert.match(r.stdout, /^\+USER app$/m);
    assert.match(r.stdout, /\(dry run: nothing written\)/);
    assert.ok(!existsSync(join(projects, 'plain-script-no-guard', 'Dockerfile')));
  });

  it('lists several scripts and exits 2; --app picks one by its path', () => {
    const several = init(join(projects, 'plain-scripts'), '--dry-run');
    assert.equal(several.status, 2);
    assert.match(several.stderr, /no web app found; 2 Python scripts found, pick one with --app: report\.py, tools\/cleanup\.py/);
    const picked = init(join(projects, 'plain-scripts'), '--dry-run', '--app', 'tools/cleanup.py');
    assert.equal(picked.status, 0, picked.stderr);
    assert.match(picked.stdout, /^\+CMD \["python", "tools\/cleanup\.py"\]$/m);
    assert.match(picked.stdout, /^\+RUN PIP_PYTHON=\/opt\/venv\/bin\/python pip install --no-cache-dir -r requirements\.txt$/m);
    assert.equal(init(join(projects, 'plain-scripts'), '--dry-run', '--app', 'nope.py').status, 2);
  });
});
