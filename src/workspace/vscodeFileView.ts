import * as vscode from 'vscode';
import type { DirEntry, FileView } from '../core/detect/types';

/**
 * The file view over a workspace folder through vscode.workspace.fs, so detection works the same
 * in remote, container and virtual workspaces. Links are reported as links and never followed.
 */
export function vscodeFileView(root: vscode.Uri): FileView {
  const at = (path: string) => (path ? vscode.Uri.joinPath(root, ...path.split('/')) : root);
  return {
    async readDir(path) {
      const entries = await vscode.workspace.fs.readDirectory(at(path));
      return entries.map(([name, type]): DirEntry => ({
        name,
        kind: type & vscode.FileType.SymbolicLink ? 'symlink'
          : type & vscode.FileType.Directory ? 'directory' : type & vscode.FileType.File ? 'file' : 'other',
      }));
    },
    async readFile(path, maxBytes) {
      try {
        // One round trip (no stat first): on a remote workspace latency, not bytes, is the cost,
        // and the size limit is about parse time, so a large file is read once and then dropped.
        const bytes = await vscode.workspace.fs.readFile(at(path));
        return bytes.byteLength > maxBytes ? { kind: 'too-large', size: bytes.byteLength } : { kind: 'ok', bytes };
      } catch (err) {
        return { kind: 'unreadable', reason: err instanceof vscode.FileSystemError ? err.code : String(err) };
      }
    },
  };
}
