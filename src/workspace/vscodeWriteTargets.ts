import * as vscode from 'vscode';
import type { WriteTarget } from '../core/generate/writeTargets';
import { diskWriteTargets } from './diskWriteTargets';

async function typeOf(uri: vscode.Uri): Promise<vscode.FileType | undefined> {
  try {
    return (await vscode.workspace.fs.stat(uri)).type;
  } catch (err) {
    if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') return undefined;
    throw err;
  }
}

function kindOf(type: vscode.FileType | undefined): WriteTarget['kind'] {
  if (type === undefined) return 'missing';
  if (type & vscode.FileType.SymbolicLink) return 'symlink';
  return type & vscode.FileType.File ? 'file' : type & vscode.FileType.Directory ? 'directory' : 'other';
}

/**
 * What is where each generated file would be written, for core/generate/writeTargets to decide.
 * Local folders are read as the CLI reads them (lstat, readlink, realpath: the extension host runs
 * where the files are); other file systems only say whether a path is a link, so a folder on the way
 * that is a link is reported as such, not resolved.
 */
export async function vscodeWriteTargets(root: vscode.Uri, paths: string[]): Promise<{ realRoot: string; targets: WriteTarget[] }> {
  if (root.scheme === 'file') return diskWriteTargets(root.fsPath, paths);
  const targets: WriteTarget[] = [];
  for (const path of paths) {
    const parts = path.split('/');
    const type = await typeOf(vscode.Uri.joinPath(root, ...parts));
    let linkedFolder: string | undefined;
    for (let i = 1; i < parts.length && linkedFolder === undefined; i++) {
      const folder = parts.slice(0, i);
      const folderType = await typeOf(vscode.Uri.joinPath(root, ...folder));
      if (folderType === undefined) break;
      if (folderType & vscode.FileType.SymbolicLink) linkedFolder = folder.join('/');
    }
    targets.push({ path, kind: kindOf(type), ...(linkedFolder === undefined ? {} : { linkedFolder }) });
  }
  return { realRoot: root.path, targets };
}
