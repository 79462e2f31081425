// Journey 2 in the real extension host: lenses on every instruction, hovers, diagnostics for a
// faulty Dockerfile and compose file, quick fixes that give the expected text, the explanation
// command and the lens toggle; then a generated Kubernetes manifest, explained and linted. Files are written to os.tmpdir() and opened as a person would.
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import pkg from '../../package.json';
import { parseDockerfile } from '../../src/core/explain';
import { COMMANDS, SETTINGS } from '../../src/shared/ids';

const FAULTY = [
  'FROM python:3.12-slim',
  'WORKDIR /app',
  'COPY requirements.txt .',
  'RUN pip install -r requirements.txt',
  'COPY . .',
  'EXPOSE 8000',
  'CMD ["uvicorn", "main:app", "--port", "8000"]',
  '',
].join('\n');

const COMPOSE = [
  'services:',
  '  api:',
  '    build: .',
  '    ports:',
  '      - "127.0.0.1:8000:8000"',
  '    environment:',
  '      DATABASE_URL: postgresql://app:secret@localhost:5432/app',
  '  db:',
  '    image: postgres:16-alpine',
  '',
].join('\n');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(150)) {
    const value = await probe();
    if (value !== undefined) return value;
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Just inside `needle` on a line of `text`. */
function at(text: string, line: number, needle: string): vscode.Position {
  const character = text.split('\n')[line].indexOf(needle);
  assert.ok(character >= 0, `no ${needle} on line ${line}`);
  return new vscode.Position(line, character + 1);
}

async function open(path: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path));
  return vscode.window.showTextDocument(document);
}

function ours(uri: vscode.Uri, code?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Dockwright'
    && (code === undefined || (typeof d.code === 'object' && d.code.value === code)));
}

async function explainLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
  return lenses.filter((l) => l.command?.command === COMMANDS.explainInstruction);
}

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

async function quickFix(uri: vscode.Uri, diagnostic: vscode.Diagnostic, title: string): Promise<vscode.CodeAction> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  const action = actions.find((a) => a.title === title);
  assert.ok(action?.edit, `no quick fix "${title}" among ${actions.map((a) => a.title).join(', ')}`);
  return action;
}

describe('Explain a Dockerfile (lenses, hovers, diagnostics, quick fixes)', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'dockwright-explain-'));
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows one lens per instruction, titled with what the line does', async () => {
    const path = join(dir, 'Dockerfile');
    writeFileSync(path, FAULTY);
    const editor = await open(path);
    assert.equal(editor.document.languageId, 'dockerfile');
    const count = parseDockerfile(FAULTY).instructions.length;
    const lenses = await waitFor('the explain lenses', async () => {
      const found = await explainLenses(editor.document.uri);
      return found.length ? found : undefined;
    });
    assert.equal(lenses.length, count);
    const titles = lenses.map((l) => l.command?.title);
    assert.ok(titles.includes('Install dependencies — cached until requirements.txt changes'), titles.join(' | '));
    for (const title of titles) assert.ok(title && title.length <= 60, title);
  });

  it('hovers explain an instruction, a command, a server option', async () => {
    const uri = vscode.Uri.file(join(dir, 'Dockerfile'));
    assert.match(await hoverText(uri, at(FAULTY, 0, 'FROM')), /docs\.docker\.com\/reference\/dockerfile\/#from/);
    assert.match(await hoverText(uri, at(FAULTY, 3, 'pip')), /Installs Python packages/);
    assert.match(await hoverText(uri, at(FAULTY, 6, '--port')), /container side of `-p`/);
  });

  it('underlines the mistakes with stable codes', async () => {
    const uri = vscode.Uri.file(join(dir, 'Dockerfile'));
    const diagnostics = await waitFor('Dockwright diagnostics', () => (ours(uri).length ? ours(uri) : undefined));
    const codes = diagnostics.map((d) => (typeof d.code === 'object' ? d.code.value : d.code)).sort();
    assert.deepEqual(codes, ['DW101', 'DW103', 'DW104', 'DW113']);
    const loopback = ours(uri, 'DW101')[0];
    assert.equal(loopback.severity, vscode.DiagnosticSeverity.Error);
    assert.match(loopback.message, /127\.0\.0\.1/);
  });

  it("follows the team's lint rules from .dockwright.yaml: a rule turned off, another raised", async () => {
    const team = join(dir, 'team');
    mkdirSync(team, { recursive: true });
    writeFileSync(join(team, '.dockwright.yaml'), 'lint:\n  rules:\n    pip-cache: "off"\n    DW104: error\n');
    writeFileSync(join(team, 'Dockerfile'), FAULTY);
    const uri = (await open(join(team, 'Dockerfile'))).document.uri;
    await waitFor('the root-user finding raised to an error', () =>
      ours(uri, 'DW104').find((d) => d.severity === vscode.DiagnosticSeverity.Error));
    assert.equal(ours(uri, 'DW103').length, 0, 'pip-cache is off for this team');
  });

  it('"Bind to 0.0.0.0" fixes the CMD, and the diagnostic goes away', async () => {
    const uri = vscode.Uri.file(join(dir, 'Dockerfile'));
    const action = await quickFix(uri, ours(uri, 'DW101')[0], 'Bind to 0.0.0.0');
    assert.ok(await vscode.workspace.applyEdit(action.edit as vscode.WorkspaceEdit));
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.lineAt(6).text, 'CMD ["uvicorn", "--host", "0.0.0.0", "main:app", "--port", "8000"]');
    await waitFor('DW101 to go away', () => (ours(uri, 'DW101').length ? undefined : true));
    // The canary: the option's hover says why 0.0.0.0.
    assert.match(await hoverText(uri, at(document.getText(), 6, '--host')), /must be `0\.0\.0\.0`/);
  });

  it('"Add --no-cache-dir" fixes the pip install', async () => {
    const uri = vscode.Uri.file(join(dir, 'Dockerfile'));
    const diagnostic = await waitFor('DW103', () => ours(uri, 'DW103')[0]);
    const action = await quickFix(uri, diagnostic, 'Add --no-cache-dir');
    assert.ok(await vscode.workspace.applyEdit(action.edit as vscode.WorkspaceEdit));
    assert.equal((await vscode.workspace.openTextDocument(uri)).lineAt(3).text, 'RUN pip install --no-cache-dir -r requirements.txt');
  });

  it('a fix in another file: .env gets into .dockerignore, which is created', async () => {
    const sub = join(dir, 'with-env');
    mkdirSync(sub);
    writeFileSync(join(sub, '.env'), 'SECRET_KEY=x\n');
    writeFileSync(join(sub, 'Dockerfile'), 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nUSER nobody\nCMD ["python", "-u", "app.py"]\n');
    const editor = await open(join(sub, 'Dockerfile'));
    const diagnostic = await waitFor('DW109', () => ours(editor.document.uri, 'DW109')[0]);
    const action = await quickFix(editor.document.uri, diagnostic, 'Add .env to .dockerignore');
    assert.ok(await vscode.workspace.applyEdit(action.edit as vscode.WorkspaceEdit));
    assert.ok(existsSync(join(sub, '.dockerignore')), '.dockerignore was not created');
    // Like every quick fix, the edit leaves the file modified in the editor, for the person to save.
    assert.equal((await vscode.workspace.openTextDocument(vscode.Uri.file(join(sub, '.dockerignore')))).getText(), '.env\n');
    await waitFor('DW109 to go away', () => (ours(editor.document.uri, 'DW109').length ? undefined : true));
  });

  it('no fix is offered that would edit a .dockerignore linked to a file outside the folder', async () => {
    const sub = join(dir, 'linked-ignore');
    const outside = join(dir, 'outside');
    mkdirSync(sub);
    mkdirSync(outside);
    writeFileSync(join(outside, 'ignore'), '# theirs\n');
    symlinkSync(join(outside, 'ignore'), join(sub, '.dockerignore'));
    writeFileSync(join(sub, '.env'), 'SECRET_KEY=x\n');
    writeFileSync(join(sub, 'Dockerfile'), 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nUSER nobody\nCMD ["python", "-u", "app.py"]\n');
    const editor = await open(join(sub, 'Dockerfile'));
    const diagnostic = await waitFor('DW109', () => ours(editor.document.uri, 'DW109')[0]);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, diagnostic.range);
    assert.ok(!actions.some((a) => a.title === 'Add .env to .dockerignore'), actions.map((a) => a.title).join(', '));
    assert.equal(readFileSync(join(outside, 'ignore'), 'utf8'), '# theirs\n');
  });

  it('"Explain This Instruction" renders the full explanation of a line', async () => {
    const uri = vscode.Uri.file(join(dir, 'Dockerfile'));
    const markdown = await vscode.commands.executeCommand<string>(COMMANDS.explainInstruction, uri, 3);
    assert.match(markdown, /^# .*Dockerfile, line 4/);
    assert.match(markdown, /Docker reuses this layer from its cache until requirements\.txt changes/);
    assert.match(markdown, /\*\*--no-cache-dir\*\*/);
  });

  it('the toggle command turns the lenses off and on', async () => {
    const uri = vscode.Uri.file(join(dir, 'Dockerfile'));
    const config = () => vscode.workspace.getConfiguration(SETTINGS.section);
    try {
      assert.equal(await vscode.commands.executeCommand(COMMANDS.toggleExplainLenses), false);
      assert.equal(config().get(SETTINGS.explainCodeLens), false);
      assert.equal((await explainLenses(uri)).length, 0);
      assert.equal(await vscode.commands.executeCommand(COMMANDS.toggleExplainLenses), true);
      assert.ok((await explainLenses(uri)).length > 0);
    } finally {
      await config().update(SETTINGS.explainCodeLens, undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('compose files: hovers on keys, localhost and a database without a volume underlined, fixed by service name', async () => {
    const path = join(dir, 'compose.yaml');
    writeFileSync(path, COMPOSE);
    const editor = await open(path);
    const uri = editor.document.uri;
    assert.match(await hoverText(uri, at(COMPOSE, 3, 'ports')), /HOST:CONTAINER/);
    const diagnostics = await waitFor('compose diagnostics', () => (ours(uri).length >= 2 ? ours(uri) : undefined));
    assert.deepEqual(diagnostics.map((d) => (typeof d.code === 'object' ? d.code.value : d.code)).sort(), ['DW201', 'DW202']);
    const action = await quickFix(uri, ours(uri, 'DW201')[0], 'Use the service name db');
    assert.ok(await vscode.workspace.applyEdit(action.edit as vscode.WorkspaceEdit));
    assert.equal(editor.document.lineAt(6).text, '      DATABASE_URL: postgresql://app:secret@db:5432/app');
    assert.ok(existsSync(path));
  });
});

describe('Explain a Kubernetes manifest (lenses, hover, diagnostic, quick fix)', function () {
  this.timeout(60_000);
  const fixtures = join(__dirname, '..', '..', '..', 'test', 'fixtures');
  let dir: string;
  before(async () => {
    // A manifest alone activates nothing: in a project, its Dockerfile or pyproject.toml does (run alone, this suite does it).
    await vscode.extensions.getExtension(`${pkg.publisher}.${pkg.name}`)?.activate();
    // The fastapi-minimal project with the manifests Dockwright generates for it in k8s/.
    dir = mkdtempSync(join(tmpdir(), 'dockwright-k8s-'));
    cpSync(join(fixtures, 'projects', 'fastapi-minimal'), dir, { recursive: true });
    mkdirSync(join(dir, 'k8s'));
    const generated = join(fixtures, 'k8s-generated', 'fastapi-minimal');
    for (const name of readdirSync(generated)) cpSync(join(generated, name), join(dir, 'k8s', name.replace(/^k8s__/, '')));
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(dir, { recursive: true, force: true });
  });

  it('deployment.yaml: lenses on the probes, the pod user and the resources, a hover on runAsNonRoot', async () => {
    const editor = await open(join(dir, 'k8s', 'deployment.yaml'));
    const uri = editor.document.uri;
    const titles = await waitFor('the manifest lenses', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
      const found = lenses.map((l) => l.command?.title ?? '');
      return found.some((t) => t.startsWith('readiness:')) ? found : undefined;
    });
    for (const expected of ['readiness: GET / on 8000 every 10 s — traffic only while it answers', 'liveness: GET / on 8000 every 20 s — restarted after 3 failures',
      'pod: runs as UID 10001, never root; volumes writable by GID 10001', 'resources: reserves 100m CPU + 128Mi — slowed over 1 CPU, killed over 512Mi']) {
      assert.ok(titles.includes(expected), `${expected} in\n${titles.join('\n')}`);
    }
    const text = editor.document.getText();
    const line = text.split('\n').findIndex((l) => l.includes('runAsNonRoot'));
    assert.match(await hoverText(uri, at(text, line, 'runAsNonRoot')), /non-numeric user/);
  });

  it('without its readiness probe the container is underlined, and the quick fix adds a TCP probe', async () => {
    const editor = await open(join(dir, 'k8s', 'deployment.yaml'));
    const uri = editor.document.uri;
    const lines = editor.document.getText().split('\n');
    const first = lines.findIndex((l) => l.trim() === 'readinessProbe:');
    const last = lines.findIndex((l, i) => i > first && l.trim() === 'livenessProbe:');
    assert.ok(await editor.edit((e) => e.delete(new vscode.Range(first, 0, last, 0))));
    const [diagnostic] = await waitFor('DW301', () => (ours(uri, 'DW301').length ? ours(uri, 'DW301') : undefined));
    assert.match(diagnostic.message, /app serves a port but has no readiness probe/);
    const action = await quickFix(uri, diagnostic, 'Add a readiness probe (TCP on port http)');
    assert.ok(await vscode.workspace.applyEdit(action.edit as vscode.WorkspaceEdit));
    assert.match(editor.document.getText(), /\n {10}readinessProbe:\n {12}tcpSocket:\n {14}port: http\n {12}periodSeconds: 10\n {6}volumes:/);
    await waitFor('DW301 to go', () => (ours(uri, 'DW301').length ? undefined : true));
    assert.deepEqual(ours(uri).map((d) => d.message), []);
  });

  it('checks service.yaml against the Deployment beside it: a targetPort its pods do not declare is underlined', async () => {
    const editor = await open(join(dir, 'k8s', 'service.yaml'));
    const uri = editor.document.uri;
    const line = editor.document.getText().split('\n').findIndex((l) => l.trim() === 'targetPort: http');
    assert.ok(line > 0, 'the generated Service names the pods\' port');
    const column = editor.document.lineAt(line).text.indexOf('http');
    assert.ok(await editor.edit((e) => e.replace(new vscode.Range(line, column, line, column + 4), '9000')));
    const [diagnostic] = await waitFor('DW303', () => (ours(uri, 'DW303').length ? ours(uri, 'DW303') : undefined));
    assert.equal(diagnostic.range.start.line, line);
    assert.match(diagnostic.message, /9000/);
  });
});
