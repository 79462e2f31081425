// Journey 2 in the real extension host: lenses on every instruction, hovers, diagnostics for a
// faulty Dockerfile and compose file, quick fixes that give the expected text, the explanation
// command and the lens toggle. Files are written to os.tmpdir() and opened as a person would.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
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
