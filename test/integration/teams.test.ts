// Journey 3 in the real extension host: containerize with the team's config, Save as Team
// Template from an app's own files, Compare with Team Template, and drift as an info diagnostic
// whose quick fix updates the Dockerfile from the template. No mocks: real files, real commands.
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ContainerizeResult } from '../../src/extension/containerize';
import type { CompareResult, SaveTemplateResult } from '../../src/extension/team/teamCommands';
import { DRIFT_CODE } from '../../src/extension/team/teamDrift';
import { COMMANDS } from '../../src/shared/ids';

const repo = join(__dirname, '..', '..', '..');
const fixture = join(repo, 'test', 'fixtures', 'containerize', 'flask-factory');

function copy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dockwright-team-'));
  cpSync(fixture, dir, { recursive: true });
  // The repository's top: the team lookup stops here.
  mkdirSync(join(dir, '.git'));
  return dir;
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const driftOf = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).find((d) => d.code === DRIFT_CODE);

describe('Team templates', function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  it('containerize follows the team\'s .dockwright.yaml; a bad config stops it before any write', async () => {
    const dir = copy();
    dirs.push(dir);
    writeFileSync(join(dir, '.dockwright.yaml'), 'uid: 4242\nlabels:\n  com.example.team: payments\n');
    const result = await vscode.commands.executeCommand<ContainerizeResult>(COMMANDS.containerize, vscode.Uri.file(dir), { confirm: true });
    assert.deepEqual(result?.written, ['Dockerfile', '.dockerignore', 'compose.yaml']);
    const dockerfile = readFileSync(join(dir, 'Dockerfile'), 'utf8');
    assert.match(dockerfile, /useradd --system --uid 4242 /);
    assert.match(dockerfile, /com\.example\.team="payments"/);

    const bad = copy();
    dirs.push(bad);
    writeFileSync(join(bad, '.dockwright.yaml'), 'uid: -1\n');
    const refused = await vscode.commands.executeCommand(COMMANDS.containerize, vscode.Uri.file(bad), { confirm: true });
    assert.equal(refused, undefined);
    assert.ok(!existsSync(join(bad, 'Dockerfile')), 'nothing written');
  });

  describe('from an app\'s own files', () => {
    let dir: string;
    let dockerfile: string;
    before(async () => {
      dir = copy();
      dirs.push(dir);
      await vscode.commands.executeCommand(COMMANDS.containerize, vscode.Uri.file(dir), { confirm: true });
      // The lead's own touch: a label every service should have.
      dockerfile = readFileSync(join(dir, 'Dockerfile'), 'utf8').replace('USER app\n', 'USER app\nLABEL com.example.owner="payments"\n');
      // Through VS Code's file service, which updates the Dockerfile containerize left open; then
      // wait until its editor shows the change (a write behind VS Code's back is seen only when the
      // file watcher gets to it).
      const path = join(dir, 'Dockerfile');
      await vscode.workspace.fs.writeFile(vscode.Uri.file(path), new TextEncoder().encode(dockerfile));
      await until('the open Dockerfile to reload', () => {
        const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === path);
        return !open || open.getText() === dockerfile ? true : undefined;
      });
    });

    it('Save as Team Template writes .dockwright/*.mustache that give the same files back', async () => {
      const saved = await vscode.commands.executeCommand<SaveTemplateResult>(COMMANDS.saveTeamTemplate, vscode.Uri.file(dir), { source: 'files', confirm: true });
      assert.ok(saved, 'the command returned nothing');
      assert.deepEqual(saved.skipped, []);
      for (const name of ['Dockerfile.mustache', 'dockerignore.mustache', 'compose.yaml.mustache']) assert.ok(existsSync(join(dir, '.dockwright', name)), name);
      const template = readFileSync(join(dir, '.dockwright', 'Dockerfile.mustache'), 'utf8');
      assert.match(template, /LABEL com\.example\.owner="payments"/);
      assert.match(template, /^CMD \{\{server\.exec\}\}$/m);
      assert.match(template, /\{\{dependencies\.install\}\}/);

      const compared = await vscode.commands.executeCommand<CompareResult>(COMMANDS.compareTeamTemplate, vscode.Uri.file(join(dir, 'Dockerfile')));
      assert.deepEqual(compared, { app: '.', differs: [] });
    });

    it('Compare with Team Template opens a diff of a file that differs', async () => {
      const compose = readFileSync(join(dir, 'compose.yaml'), 'utf8');
      writeFileSync(join(dir, 'compose.yaml'), `${compose}# hand-made\n`);
      try {
        const compared = await vscode.commands.executeCommand<CompareResult>(COMMANDS.compareTeamTemplate, vscode.Uri.file(dir));
        assert.deepEqual(compared?.differs, ['compose.yaml']);
        const diff = vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.input)
          .find((i): i is vscode.TabInputTextDiff => i instanceof vscode.TabInputTextDiff && i.modified.scheme === 'dockwright-team');
        assert.ok(diff, 'a diff editor is open');
        assert.equal(diff.original.fsPath, join(dir, 'compose.yaml'));
      } finally {
        writeFileSync(join(dir, 'compose.yaml'), compose);
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      }
    });

    it('drift is an info diagnostic on the Dockerfile; the quick fix updates it from the template', async () => {
      const uri = vscode.Uri.file(join(dir, 'Dockerfile'));
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const line = document.getText().split('\n').indexOf('USER app');
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(line, 0), 'RUN pip install debugpy\n');
      assert.ok(await vscode.workspace.applyEdit(edit));

      const diagnostic = await until('the drift diagnostic', () => driftOf(uri));
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Information);
      assert.equal(diagnostic.range.start.line, line, 'on the first line that differs');
      assert.match(diagnostic.message, /differs from the team template \(.*\.dockwright\/Dockerfile\.mustache\)/);

      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
      const update = actions.find((a) => a.title === 'Update from the team template');
      assert.ok(update?.edit, `no quick fix among ${actions.map((a) => a.title).join(', ')}`);
      assert.ok(actions.some((a) => a.title === 'Compare with Team Template'));
      assert.ok(await vscode.workspace.applyEdit(update.edit));
      assert.equal(document.getText(), dockerfile, 'the Dockerfile is what the template gives');
      await until('the drift diagnostic to go', () => (driftOf(uri) ? undefined : true));
      await document.save();
    });
  });

  it('Save as Team Template from the built-ins writes the built-in templates to edit', async () => {
    const dir = copy();
    dirs.push(dir);
    const saved = await vscode.commands.executeCommand<SaveTemplateResult>(COMMANDS.saveTeamTemplate, vscode.Uri.file(dir), { source: 'built-in', confirm: true });
    assert.equal(saved?.written.length, 3);
    assert.match(readFileSync(join(dir, '.dockwright', 'Dockerfile.mustache'), 'utf8'), /^\{\{#comments\}\}\n# Python \{\{python\.version\}\}/);
  });

  it('Save as Team Template for Kubernetes writes the built-in manifest templates into .dockwright/k8s, which Generate Kubernetes Manifests then uses', async () => {
    const dir = copy();
    dirs.push(dir);
    const saved = await vscode.commands.executeCommand<SaveTemplateResult>(COMMANDS.saveTeamTemplate, vscode.Uri.file(dir), { source: 'k8s-built-in', confirm: true });
    assert.deepEqual(saved?.written.map((w) => w.split('/').slice(-2).join('/')).sort(),
      ['configmap', 'deployment', 'kustomization', 'release-job', 'secret', 'service', 'worker-deployment'].map((k) => `k8s/${k}.yaml.mustache`));
    assert.ok(!existsSync(join(dir, '.dockwright', 'Dockerfile.mustache')), 'the Docker templates are not written');
    const path = join(dir, '.dockwright', 'k8s', 'service.yaml.mustache');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^spec:$/m, 'spec:\n  # team: internal only'));
    const result = await vscode.commands.executeCommand<ContainerizeResult | undefined>(COMMANDS.generateKubernetes, vscode.Uri.file(dir), { confirm: true });
    assert.ok(result?.written.some((w) => w.endsWith('k8s/service.yaml')), JSON.stringify(result));
    assert.match(readFileSync(join(dir, 'k8s', 'service.yaml'), 'utf8'), /^spec:\n {2}# team: internal only$/m);
  });

  it('Save as Team Template refuses a .dockwright folder that is a link out of the repository, and writes nothing there', async () => {
    const dir = copy();
    const outside = mkdtempSync(join(tmpdir(), 'dockwright-outside-'));
    dirs.push(dir, outside);
    symlinkSync(outside, join(dir, '.dockwright'));
    const saved = await vscode.commands.executeCommand(COMMANDS.saveTeamTemplate, vscode.Uri.file(dir), { source: 'built-in', confirm: true });
    assert.equal(saved, undefined, 'the command stopped with an error message');
    assert.deepEqual(readdirSync(outside), [], 'nothing written through the link');
  });
});
