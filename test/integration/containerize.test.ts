// "Containerize this app" in the real extension host: detection, generation, the WorkspaceEdit,
// decisions about existing files, and the undo that restores every byte.
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../../src/shared/ids';
import type { ContainerizeResult } from '../../src/extension/containerize';

const repo = join(__dirname, '..', '..', '..');
const fixtures = join(repo, 'test', 'fixtures', 'containerize');
const FILES = ['Dockerfile', '.dockerignore', 'compose.yaml'];

function copy(fixture: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dockwright-containerize-'));
  cpSync(join(fixtures, fixture), dir, { recursive: true });
  return dir;
}

async function containerize(dir: string, options: object): Promise<ContainerizeResult> {
  const result = await vscode.commands.executeCommand<ContainerizeResult | undefined>(COMMANDS.containerize, vscode.Uri.file(dir), options);
  assert.ok(result, 'the command returned nothing');
  return result;
}

describe('Containerize this app', function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('writes Dockerfile, .dockerignore and compose.yaml in order, opens the Dockerfile; undo removes them', async () => {
    const dir = copy('flask-factory');
    dirs.push(dir);
    const result = await containerize(dir, { confirm: true });
    assert.equal(result.app?.entry, 'shop:create_app()');
    assert.deepEqual(result.written, FILES);
    for (const f of FILES) assert.ok(existsSync(join(dir, f)), f);
    assert.match(readFileSync(join(dir, 'Dockerfile'), 'utf8'), /CMD \["gunicorn", "--bind", "0\.0\.0\.0:5000"/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, join(dir, 'Dockerfile'));

    assert.equal(await vscode.commands.executeCommand(COMMANDS.undoContainerize), true);
    for (const f of FILES) assert.ok(!existsSync(join(dir, f)), `${f} is still there after undo`);
  });

  it('Generate Kubernetes Manifests writes k8s/ from the same plan (the Dockerfile\'s user, the app\'s port) and opens the Deployment; undo removes them', async () => {
    const dir = copy('flask-factory');
    dirs.push(dir);
    const result = await vscode.commands.executeCommand<ContainerizeResult | undefined>(COMMANDS.generateKubernetes, vscode.Uri.file(dir), { confirm: true });
    assert.ok(result?.written.length, 'nothing written');
    assert.ok(result.written.every((f) => f.startsWith('k8s/')), result.written.join(', '));
    assert.ok(result.written.includes('k8s/deployment.yaml') && result.written.includes('k8s/kustomization.yaml'), result.written.join(', '));
    assert.ok(!existsSync(join(dir, 'Dockerfile')), 'the Docker files are another command\'s');
    const deployment = readFileSync(join(dir, 'k8s/deployment.yaml'), 'utf8');
    assert.match(deployment, /runAsUser: 10001/);
    assert.match(deployment, /containerPort: 5000/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, join(dir, 'k8s/deployment.yaml'));
    assert.equal(await vscode.commands.executeCommand(COMMANDS.undoContainerize), true);
    for (const f of result.written) assert.ok(!existsSync(join(dir, f)), `${f} is still there after undo`);
  });

  it('asks about existing files; Replace and Merge are applied, and one undo restores every byte', async () => {
    const dir = copy('flask-factory');
    dirs.push(dir);
    const dockerfile = 'FROM python:3.12\r\nCOPY . .\r\nCMD ["flask", "run"]\r\n';
    const ignore = '# mine\nsecrets/\n';
    writeFileSync(join(dir, 'Dockerfile'), dockerfile);
    writeFileSync(join(dir, '.dockerignore'), ignore);
    const result = await containerize(dir, { confirm: true, decisions: { Dockerfile: 'replace', '.dockerignore': 'merge' } });
    assert.deepEqual(result.decisions, { Dockerfile: 'replace', '.dockerignore': 'merge', 'compose.yaml': 'create' });
    assert.match(readFileSync(join(dir, 'Dockerfile'), 'utf8'), /AS builder/);
    const merged = readFileSync(join(dir, '.dockerignore'), 'utf8');
    assert.ok(merged.startsWith(ignore), 'merge keeps the existing lines first');
    assert.match(merged, /# Added by Dockwright/);

    await vscode.commands.executeCommand(COMMANDS.undoContainerize);
    assert.deepEqual(readFileSync(join(dir, 'Dockerfile')), Buffer.from(dockerfile), 'Dockerfile restored byte for byte');
    assert.deepEqual(readFileSync(join(dir, '.dockerignore')), Buffer.from(ignore));
    assert.ok(!existsSync(join(dir, 'compose.yaml')));
  });

  it('Keep leaves an existing file untouched', async () => {
    const dir = copy('flask-factory');
    dirs.push(dir);
    writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n');
    const result = await containerize(dir, { confirm: true, decisions: { Dockerfile: 'keep' } });
    assert.deepEqual(result.written, ['.dockerignore', 'compose.yaml']);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), 'FROM scratch\n');
  });

  it('picks the asked-for app in a monorepo and writes into its folder only', async () => {
    const dir = copy('monorepo');
    dirs.push(dir);
    const result = await containerize(dir, { confirm: true, app: 'services/api' });
    // Its own files in its folder, and its services in the repository's root compose file.
    assert.deepEqual(result.written, [...FILES.map((f) => `services/api/${f}`), 'compose.yaml']);
    assert.ok(!existsSync(join(dir, 'Dockerfile')));
    assert.match(readFileSync(join(dir, 'services', 'api', 'Dockerfile'), 'utf8'), /api\.app:app/);
    assert.match(readFileSync(join(dir, 'compose.yaml'), 'utf8'), /^ {2}api:\n {4}build:\n {6}context: services\/api$/m);
  });

  it('gives the app the environment it reads: .env.example, a local .env with random secrets, .gitignore; undo removes them', async () => {
    const dir = copy('settings-database-uri');
    dirs.push(dir);
    const result = await containerize(dir, { confirm: true });
    assert.deepEqual(result.written, [...FILES, '.env.example', '.env', '.gitignore']);
    const env = readFileSync(join(dir, '.env'), 'utf8');
    assert.match(env, /^SECRET_KEY=[0-9a-f]{64}$/m);
    assert.match(env, /^POSTGRES_PASSWORD=[0-9a-f]{64}$/m);
    assert.match(readFileSync(join(dir, '.gitignore'), 'utf8'), /^\.env$/m);
    const compose = readFileSync(join(dir, 'compose.yaml'), 'utf8');
    assert.match(compose, /DATABASE_URI: "postgresql:\/\/app:\$\{POSTGRES_PASSWORD:\?/);
    assert.ok(!compose.includes(env.match(/^SECRET_KEY=(.*)$/m)?.[1] ?? '?'), 'no secret value in a tracked file');
    assert.match(readFileSync(join(dir, '.env.example'), 'utf8'), /^SECRET_KEY=$/m);

    assert.equal(await vscode.commands.executeCommand(COMMANDS.undoContainerize), true);
    for (const f of [...FILES, '.env.example', '.env', '.gitignore']) assert.ok(!existsSync(join(dir, f)), `${f} is still there after undo`);
  });

  it('a target that cannot be read or written stops it before anything is written', async () => {
    const dir = copy('flask-factory');
    dirs.push(dir);
    mkdirSync(join(dir, 'compose.yaml'));
    const result = await vscode.commands.executeCommand(COMMANDS.containerize, vscode.Uri.file(dir), { confirm: true });
    assert.equal(result, undefined);
    assert.ok(!existsSync(join(dir, 'Dockerfile')) && !existsSync(join(dir, '.dockerignore')), 'nothing written');
  });

  it('refuses files that are links out of the project, even when told to replace them; the files behind them keep every byte', async () => {
    const dir = copy('flask-factory');
    const outside = mkdtempSync(join(tmpdir(), 'dockwright-outside-'));
    dirs.push(dir, outside);
    const theirs = { Dockerfile: 'FROM python:3.12\r\n# not ours\n', 'compose.yaml': 'services: {}\n' };
    for (const [file, text] of Object.entries(theirs)) {
      writeFileSync(join(outside, file), text);
      symlinkSync(join(outside, file), join(dir, file));
    }
    const result = await containerize(dir, { confirm: true, decisions: { Dockerfile: 'replace', 'compose.yaml': 'replace' } });
    assert.deepEqual(result.written, []);
    assert.deepEqual(result.refused?.map((r) => r.path), ['Dockerfile', 'compose.yaml']);
    assert.match(result.refused[0].reason, /^Dockerfile is a symbolic link to \S+Dockerfile; writing through it/);
    for (const [file, text] of Object.entries(theirs)) {
      assert.equal(readFileSync(join(outside, file), 'utf8'), text, `${file} outside changed`);
      assert.ok(lstatSync(join(dir, file)).isSymbolicLink(), `${file} is no longer the link`);
    }
    assert.ok(!existsSync(join(dir, '.dockerignore')), 'nothing of the plan is written');
  });

  it('a second run finds everything up to date and writes nothing', async () => {
    const dir = copy('src-layout');
    dirs.push(dir);
    await containerize(dir, { confirm: true });
    const again = await containerize(dir, { confirm: true });
    assert.deepEqual(again.written, []);
    assert.deepEqual(Object.values(again.decisions), ['unchanged', 'unchanged', 'unchanged']);
  });
});
