import * as vscode from 'vscode';
import type { DetectResult, PythonGrammar } from '../core/detect/types';
import { GRAMMAR_FILES } from '../workspace/grammarFiles';

/**
 * Detection for the extension: reads a folder through vscode.workspace.fs and returns the facts.
 * The "Show Detected Apps" command and the containerize flow both call it. The detector and the
 * parser (web-tree-sitter) are loaded on the first detection, not at activation.
 */
export class DetectionService {
  constructor(private readonly extensionUri: vscode.Uri) {}

  async detectFolder(folder: vscode.Uri): Promise<DetectResult> {
    const [{ detect }, { vscodeFileView }] = await Promise.all([import('../core/detect/detect'), import('../workspace/vscodeFileView')]);
    return detect(vscodeFileView(folder), {
      root: folder.scheme === 'file' ? folder.fsPath : folder.toString(),
      loadGrammar: () => this.readGrammar(),
    });
  }

  private async readGrammar(): Promise<PythonGrammar> {
    const read = (name: string) => vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, 'dist', name));
    const [runtime, python] = await Promise.all([read(GRAMMAR_FILES.runtime), read(GRAMMAR_FILES.python)]);
    return { runtime, python };
  }
}
