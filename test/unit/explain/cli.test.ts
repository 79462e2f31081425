import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusDir, repo } from './support';

const cli = join(repo, 'dist', 'cli.js');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: repo });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const corpus = (name: string, file = 'Dockerfile') => join(corpusDir, name, file);

describe('dockwright lint (dist/cli.js)', () => {
  it('exits 1 when an error is found, with file:line:column, code, message and fix', () => {
    const r = run('lint', corpus('uvicorn-loopback'));
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /uvicorn-loopback\/Dockerfile:8:40: error DW101 uvicorn listens on 127\.0\.0\.1.*\[fix: Bind to 0\.0\.0\.0\]/);
  });

  it('exits 0 when there are only warnings and suggestions', () => {
    const r = run('lint', corpus('seed-lecture-naive'));
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /warning DW102/);
    assert.match(r.stdout, /5 problems \(0 errors, 3 warnings, 2 suggestions\)/);
  });

  it('lints Kubernetes manifests: any YAML whose first document has apiVersion and kind', () => {
    const r = run('lint', corpus('k8s-secret-env', 'manifest.yaml'));
    assert.equal(r.code, 1);
    assert.match(r.stdout, /manifest\.yaml:36:22: error DW305 SECRET_KEY looks like a secret/);
    const clean = run('lint', join(repo, 'test', 'fixtures', 'k8s-generated', 'celery-services', 'k8s__deployment.yaml'));
    assert.equal(clean.code, 0, clean.stdout);
    assert.equal(clean.stdout, 'No problems found.\n');
  });

  it('checks a Service against the Deployment beside it in the same folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dockwright-k8s-lint-'));
    try {
      const generated = join(repo, 'test', 'fixtures', 'k8s-generated', 'celery-services');
      writeFileSync(join(dir, 'deployment.yaml'), readFileSync(join(generated, 'k8s__deployment.yaml'), 'utf8'));
      writeFileSync(join(dir, 'service.yaml'), readFileSync(join(generated, 'k8s__service.yaml'), 'utf8').replace('targetPort: http', 'targetPort: 9000'));
      const r = run('lint', join(dir, 'service.yaml'));
      assert.match(r.stdout, /service\.yaml:\d+:\d+: \w+ DW303 .*\[fix: /);
      rmSync(join(dir, 'deployment.yaml'));
      assert.equal(run('lint', join(dir, 'service.yaml')).stdout, 'No problems found.\n', 'alone, nothing says which ports the pods have');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lints compose files, and --json gives code, severity, line, column, message, fix', () => {
    const r = run('lint', corpus('compose-localhost', 'compose.yaml'), '--json');
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout) as { findings: Record<string, unknown>[] };
    assert.deepEqual(out.findings[0], {
      code: 'DW201', severity: 'error', line: 7, column: 53, endLine: 7, endColumn: 62,
      message: 'localhost inside a container is the container itself, not your machine or another service. Use the service name: postgres.',
      fix: 'Use the service name postgres', hadolint: null, reference: 'https://docs.docker.com/compose/how-tos/networking/',
    });
  });

  it('exits 2 on bad usage and unreadable input', () => {
    assert.equal(run('lint').code, 2);
    assert.equal(run('lint', 'a', 'b').code, 2);
    assert.equal(run('lint', corpus('clean-single-stage'), '--frob').code, 2);
    const missing = run('lint', '/nonexistent/Dockerfile');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read \/nonexistent\/Dockerfile \(ENOENT\)/);
    assert.equal(run('lint', corpusDir).code, 2);
    assert.equal(run('lint', corpus('clean-single-stage'), '--app-dir', '/nonexistent').code, 2);
  });

  it('exits 2 on a file it cannot parse, with the parser\'s position', () => {
    const dockerfile = run('lint', corpus('unknown-instruction'));
    assert.equal(dockerfile.code, 2);
    assert.match(dockerfile.stderr, /unknown-instruction\/Dockerfile:3:1: unknown instruction: COPPY/);
    const compose = run('lint', corpus('compose-syntax-error', 'compose.yaml'));
    assert.equal(compose.code, 2);
    assert.match(compose.stderr, /compose-syntax-error\/compose\.yaml:6:1: /);
  });

  it('--app-dir brings the detected app: a loopback bind in the source is an error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dockwright-lint-'));
    try {
      writeFileSync(join(dir, 'requirements.txt'), 'flask\n');
      writeFileSync(join(dir, 'app.py'), 'from flask import Flask\n\napp = Flask(__name__)\n\nif __name__ == "__main__":\n    app.run(host="127.0.0.1", port=5001)\n');
      writeFileSync(join(dir, 'Dockerfile'), 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nUSER nobody\nEXPOSE 5000\nCMD ["python", "-u", "app.py"]\n');
      writeFileSync(join(dir, '.env'), 'SECRET_KEY=x\n');
      const r = run('lint', join(dir, 'Dockerfile'), '--app-dir', dir);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stdout, /DW101 The app binds 127\.0\.0\.1 in app\.py:6/);
      assert.match(r.stdout, /DW111 EXPOSE 5000, but the app listens on 5001, per app\.py/);
      assert.match(r.stdout, /DW109 `COPY \. \.` copies \.env into the image, and there is no \.dockerignore/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('dockwright explain (dist/cli.js)', () => {
  it('explains every instruction in text', () => {
    const r = run('explain', corpus('seed-workshop-fastapi'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^line 2: FROM python:3\.13-slim\n {2}Start from python:3\.13-slim\n/);
    assert.match(r.stdout, /line 12: RUN pip install --no-cache-dir -r requirements\.txt\n {2}Install dependencies — cached until requirements\.txt changes/);
  });

  it('--json: line, instruction, title, explanation for each instruction', () => {
    const r = run('explain', corpus('seed-workshop-fastapi'), '--json');
    assert.equal(r.code, 0);
    const out = JSON.parse(r.stdout) as { line: number; instruction: string; title: string; explanation: string }[];
    assert.equal(out.length, 9);
    assert.deepEqual(out.map((e) => e.instruction), ['FROM', 'WORKDIR', 'ENV', 'COPY', 'RUN', 'COPY', 'EXPOSE', 'LABEL', 'CMD']);
    const cmd = out[8];
    assert.equal(cmd.line, 26);
    assert.equal(cmd.title, 'Start uvicorn on 0.0.0.0:8000');
    assert.match(cmd.explanation, /127\.0\.0\.1 inside a container is unreachable/);
  });

  it('exits 2 on bad usage, unreadable or unparsable input', () => {
    assert.equal(run('explain').code, 2);
    assert.equal(run('explain', '/nonexistent/Dockerfile').code, 2);
    const r = run('explain', corpus('unknown-instruction'));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /:3:1: unknown instruction: COPPY/);
  });
});
