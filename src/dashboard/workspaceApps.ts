/** The workspace's apps, as the dashboard needs them: for "workspace first", images and comparisons. */
import * as vscode from 'vscode';
import type { WorkspaceInfo } from '../core/dashboard/containers';
import type { WorkspaceApp } from '../shared/protocol';
import type { CompareTarget } from './compareService';
import type { AppDetection } from './services';

export interface WorkspaceApps {
  apps: WorkspaceApp[];
  targets: Map<string, CompareTarget>;
  info: WorkspaceInfo;
}

/** The name Build & Run labels an app's containers and images with: its folder's name, normalized. */
export function folderLabel(folder: string): string {
  const base = folder.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? '';
  return base.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'app';
}

export async function detectWorkspaceApps(detection: AppDetection): Promise<WorkspaceApps> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  const apps: WorkspaceApp[] = [];
  const targets = new Map<string, CompareTarget>();
  const info: WorkspaceInfo = { folders: folders.map((f) => f.uri.fsPath), apps: [] };
  for (const folder of folders) {
    let detected;
    try {
      detected = await detection.detectFolder(folder.uri);
    } catch {
      continue;
    }
    for (const facts of detected.apps) {
      const dir = facts.root === '.' ? folder.uri.fsPath : vscode.Uri.joinPath(folder.uri, facts.root).fsPath;
      const name = folderLabel(dir);
      const key = `${folder.uri.toString()}|${facts.root}`;
      const root = folders.length > 1 ? `${folder.name}/${facts.root}` : facts.root;
      apps.push({ key, name, root, framework: facts.framework });
      targets.set(key, { key, folder: dir, facts, name });
      info.apps.push({ root: dir, name });
    }
  }
  return { apps, targets, info };
}
