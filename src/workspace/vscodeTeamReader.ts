import * as vscode from 'vscode';
import type { TeamReader } from '../core/team/setup';

/**
 * Team files through vscode.workspace.fs, so remote and virtual workspaces work as local ones:
 * the lookup's '/'-separated paths are the paths of URIs with this scheme and authority.
 */
export function vscodeTeamReader(base: vscode.Uri): TeamReader {
  const uri = (path: string) => base.with({ path });
  const decoder = new TextDecoder();
  return {
    async read(path) {
      try {
        return decoder.decode(await vscode.workspace.fs.readFile(uri(path)));
      } catch (err) {
        if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') return null;
        throw err;
      }
    },
    async exists(path) {
      try {
        await vscode.workspace.fs.stat(uri(path));
        return true;
      } catch {
        return false;
      }
    },
  };
}
