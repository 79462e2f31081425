// "Dockwright: Show Detected Apps" in the real extension host: detection runs through
// vscode.workspace.fs and the bundled grammar, and its results reach the command layer (what the
// containerize command builds on). No mocks. The file sorts after extension.test.ts on purpose:
// that suite first checks that nothing has activated the extension, and this one activates it.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DetectResult } from '../../src/core/detect/types';
import { COMMANDS } from '../../src/shared/ids';

const projects = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'projects');

function showDetectedApps(uri: vscode.Uri): Thenable<DetectResult[]> {
  return vscode.commands.executeCommand<DetectResult[]>(COMMANDS.showDetectedApps, uri);
}

describe('Show Detected Apps in the extension host', () => {
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeQuickOpen'));

  it('detects every app of a folder given as an explorer Uri and returns them', async () => {
    const results = await showDetectedApps(vscode.Uri.file(path.join(projects, 'monorepo')));
    assert.equal(results.length, 1);
    assert.deepEqual(results[0].apps.map((a) => [a.root, a.framework, a.entry, a.port, a.portSource]), [
      ['services/admin', 'flask', 'app:admin', 5000, 'compose'],
      ['services/api', 'fastapi', 'api.app:app', 8080, 'compose'],
    ]);
    assert.ok(results[0].stats.filesParsed > 0, 'the Python grammar loaded in the extension host');
  });

  it('for a .py file, detects the project holding it and keeps its warnings', async () => {
    const [result] = await showDetectedApps(vscode.Uri.file(path.join(projects, 'flask-basic', 'app.py')));
    assert.deepEqual(result.apps.map((a) => [a.entry, a.port, a.host]), [['app:app', 5001, '127.0.0.1']]);
    const loopback = result.apps[0].warnings.find((w) => w.code === 'host-loopback');
    assert.deepEqual([loopback?.file, loopback?.line], ['app.py', 12]);
  });

  it('reports what is not an app: an unsupported framework, fallback scripts', async () => {
    const [django] = await showDetectedApps(vscode.Uri.file(path.join(projects, 'django-project')));
    assert.deepEqual([django.apps, django.unsupported.map((u) => u.framework)], [[], ['django']]);
    const [scripts] = await showDetectedApps(vscode.Uri.file(path.join(projects, 'plain-scripts')));
    assert.deepEqual(scripts.scripts, ['report.py', 'tools/cleanup.py']);
  });
});
