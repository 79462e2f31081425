import * as vscode from 'vscode';
import type { AppFacts, DetectResult, DetectWarning } from '../core/detect/types';
import type { DetectionService } from './detectionService';

interface Target {
  /** The folder detection runs in: a workspace folder, so imports and project files resolve. */
  folder: vscode.Uri;
  /** The folder or .py file the command was run on, relative to `folder` ('' for all of it). */
  focus: string;
}

interface Item extends vscode.QuickPickItem {
  location?: vscode.Location;
}

/**
 * "Dockwright: Show Detected Apps": detects in the folder it was run on (explorer) or in every
 * workspace folder, lists the apps with their warnings in a quick pick, and returns the results
 * (what the containerize command and the tests build on). The pick is not awaited, so the
 * command resolves as soon as detection is done.
 */
export async function showDetectedApps(service: DetectionService, uri: vscode.Uri | undefined): Promise<DetectResult[]> {
  const targets = await targetsFor(uri);
  if (!targets.length) {
    void vscode.window.showInformationMessage('Dockwright: open a folder first; apps are detected in workspace folders.');
    return [];
  }
  let results: DetectResult[];
  try {
    results = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Dockwright: detecting apps' },
      async (progress) => {
        const out: DetectResult[] = [];
        for (const target of targets) {
          progress.report({ message: target.folder.path.split('/').pop() });
          out.push(focusOn(await service.detectFolder(target.folder), target.focus));
        }
        return out;
      },
    );
  } catch (err) {
    void vscode.window.showErrorMessage(`Dockwright could not detect apps: ${err instanceof Error ? err.message : String(err)}`);
    throw err;
  }
  showPick(results, targets);
  return results;
}

async function targetsFor(uri: vscode.Uri | undefined): Promise<Target[]> {
  if (!uri) return (vscode.workspace.workspaceFolders ?? []).map((f) => ({ folder: f.uri, focus: '' }));
  const isFolder = ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) !== 0;
  const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri ?? (isFolder ? uri : vscode.Uri.joinPath(uri, '..'));
  return [{ folder, focus: uri.path.slice(folder.path.replace(/\/$/, '').length + 1) }];
}

/**
 * What was run on: the apps defined inside the folder or file, else the apps of the project that
 * holds it (a runner script, a router module), else everything found.
 */
function focusOn(result: DetectResult, focus: string): DetectResult {
  if (!focus) return result;
  const inside = (path: string) => path === focus || path.startsWith(`${focus}/`);
  const holds = (root: string) => root === '.' || root === focus || focus.startsWith(`${root}/`);
  const defined = result.apps.filter((a) => inside(a.file));
  const project = result.apps.filter((a) => holds(a.root)).sort((a, b) => b.root.length - a.root.length)[0];
  const apps = defined.length ? defined : project ? result.apps.filter((a) => a.root === project.root) : result.apps;
  const scripts = result.scripts.filter(inside);
  return { ...result, apps, scripts: scripts.length ? scripts : result.scripts };
}

function showPick(results: DetectResult[], targets: Target[]): void {
  const pick = vscode.window.createQuickPick<Item>();
  const apps = results.reduce((n, r) => n + r.apps.length, 0);
  const warnings = results.reduce((n, r) => n + r.warnings.length + r.apps.reduce((m, a) => m + a.warnings.length, 0), 0);
  pick.title = `Dockwright: ${apps} app${apps === 1 ? '' : 's'} detected` + (warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : '');
  pick.placeholder = 'Pick an app or a warning to open where it comes from';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.items = results.flatMap((result, i) => items(result, targets[i].folder, results.length > 1));
  const accepted = pick.onDidAccept(() => {
    const location = pick.selectedItems[0]?.location;
    pick.hide();
    if (location) void vscode.window.showTextDocument(location.uri, { selection: location.range });
  });
  pick.onDidHide(() => {
    accepted.dispose();
    pick.dispose();
  });
  pick.show();
}

function items(result: DetectResult, folder: vscode.Uri, named: boolean): Item[] {
  const out: Item[] = [];
  const folderName = folder.path.split('/').pop() ?? '';
  const prefix = named ? `${folderName}: ` : '';
  const at = (file: string, line: number | null) =>
    new vscode.Location(vscode.Uri.joinPath(folder, ...file.split('/')), new vscode.Position(Math.max(0, (line ?? 1) - 1), 0));
  const warningItem = (w: DetectWarning): Item => ({
    label: `$(warning) ${w.message}`,
    description: w.code,
    detail: w.file ? `${w.file}${w.line ? `:${w.line}` : ''}` : undefined,
    location: w.file ? at(w.file, w.line) : undefined,
  });
  for (const app of result.apps) {
    out.push({ label: app.root === '.' ? folderName : `${prefix}${app.root}`, kind: vscode.QuickPickItemKind.Separator });
    out.push({ label: `$(rocket) ${app.entry}`, description: summary(app), detail: details(app), location: at(app.file, app.line) });
    out.push(...app.warnings.map(warningItem));
  }
  if (!result.apps.length) {
    out.push({ label: `${prefix}no app`, kind: vscode.QuickPickItemKind.Separator });
    out.push({ label: '$(info) No FastAPI or Flask app found', detail: `${result.stats.filesScanned} files scanned` });
  }
  for (const u of result.unsupported) out.push({ label: `$(circle-slash) ${u.framework} in ${u.root}`, detail: u.message });
  for (const script of result.scripts) {
    out.push({ label: `$(file-code) ${script}`, description: 'script with a main guard, no app', location: at(script, 1) });
  }
  if (result.warnings.length) {
    out.push({ label: `${prefix}other warnings`, kind: vscode.QuickPickItemKind.Separator }, ...result.warnings.map(warningItem));
  }
  return out;
}

function summary(app: AppFacts): string {
  const framework = app.framework === 'fastapi' ? 'FastAPI' : 'Flask';
  return `${framework} · port ${app.port} (${app.portSource}) · ${app.server ?? 'no server declared'}`;
}

function details(app: AppFacts): string {
  const parts = [
    app.sourceRoot ? `import root ${app.sourceRoot}` : '',
    `Python ${app.pythonVersion ?? 'unpinned'}`,
    `${app.packageManager}${app.dependencyFiles.length ? ` (${app.dependencyFiles.join(', ')})` : ''}`,
    app.services.length ? `needs ${app.services.join(', ')}` : '',
    ...app.workers.map((w) => `${w.kind} worker ${w.module ?? '(app not found)'}`),
  ];
  return parts.filter(Boolean).join(' · ');
}
