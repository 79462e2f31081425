import * as vscode from 'vscode';

/**
 * Read-only virtual documents for previews and diffs of files that are not written yet:
 * `dockwright-preview:/<id>/<path>` serves what was registered under that id and path. Each user
 * of the class needs a scheme of its own: VS Code asks every provider of a scheme for a document.
 */
export class PreviewDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  static readonly scheme = 'dockwright-preview';
  private readonly contents = new Map<string, string>();
  private readonly registration: vscode.Disposable;
  private next = 0;

  constructor(readonly scheme = PreviewDocuments.scheme) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(scheme, this);
  }

  /** Registers texts under a fresh id; returns a function giving each path's preview URI. */
  add(files: { path: string; content: string }[]): (path: string) => vscode.Uri {
    const id = `${++this.next}`;
    for (const f of files) this.contents.set(`/${id}/${f.path}`, f.content);
    return (path) => vscode.Uri.from({ scheme: this.scheme, path: `/${id}/${path}` });
  }

  /** Closes the preview and diff tabs once the person has decided. */
  async closeTabs(): Promise<void> {
    const isPreview = (input: unknown) =>
      (input instanceof vscode.TabInputText && input.uri.scheme === this.scheme) ||
      (input instanceof vscode.TabInputTextDiff && input.modified.scheme === this.scheme);
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => isPreview(t.input));
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.path) ?? '';
  }

  dispose(): void {
    this.registration.dispose();
    this.contents.clear();
  }
}
