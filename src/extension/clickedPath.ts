import * as vscode from 'vscode';

export interface ClickedPath {
  /** The folder detection reads: the workspace folder holding what was clicked. */
  root: vscode.Uri;
  /** The clicked folder (a file's folder) relative to root; '' for root itself. */
  within: string;
}

/**
 * Where a command run from the Explorer or an editor points. Detection reads the whole workspace
 * folder, so a click on a package inside an app still finds the project (its dependency files, its
 * import paths); `within` then says which app was meant (see core/detect/appsAtPath).
 */
export async function clickedPath(uri: vscode.Uri): Promise<ClickedPath> {
  const isDir = ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) !== 0;
  const folder = isDir ? uri : vscode.Uri.joinPath(uri, '..');
  const root = vscode.workspace.getWorkspaceFolder(folder)?.uri ?? folder;
  return { root, within: folder.path.slice(root.path.length).replace(/^\/+|\/+$/g, '') };
}
