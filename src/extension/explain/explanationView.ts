import * as vscode from 'vscode';
import type { ExplainDiagnostics } from './diagnostics';
import { EXPLANATION_SCHEME } from './documents';
import { explainCore, type ExplainService } from './explainService';

/**
 * "Explain This Instruction": the full explanation of one Dockerfile line, rendered as a markdown
 * preview of a read-only virtual document (dockwright-explain:/Dockerfile line 12.md?<source uri>).
 */
export class ExplanationView implements vscode.TextDocumentContentProvider {
  constructor(private readonly service: ExplainService, private readonly diagnostics: ExplainDiagnostics) {}

  static uriFor(source: vscode.Uri, line: number): vscode.Uri {
    const name = source.path.split('/').pop() ?? 'Dockerfile';
    return vscode.Uri.from({ scheme: EXPLANATION_SCHEME, path: `/${name} line ${line + 1}.md`, query: source.toString(), fragment: String(line) });
  }

  /** The markdown for a Dockerfile line; also what the command returns. */
  async markdown(document: vscode.TextDocument, line: number): Promise<string> {
    const { explainInstructionIn, fullMarkdown } = await explainCore();
    await this.service.loadedContext(document);
    const analysis = await this.service.analysis(document);
    const node = analysis?.model.instructions.find((i) => i.range.start.line <= line && line <= i.range.end.line)
      ?? analysis?.model.instructions.find((i) => i.range.start.line > line);
    if (!analysis || !node) return `# ${document.uri.path.split('/').pop()}\n\nNo instruction on line ${line + 1}.\n`;
    const findings = (await this.diagnostics.findingsOf(document)).filter((f) => f.range.start.line >= node.range.start.line && f.range.start.line <= node.range.end.line);
    return fullMarkdown(explainInstructionIn(analysis, node), findings, vscode.workspace.asRelativePath(document.uri));
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri.query));
    return this.markdown(document, Number(uri.fragment) || 0);
  }

  /** Opens the explanation beside the Dockerfile; without a line, of the line under the cursor. */
  async open(source?: vscode.Uri, line?: number): Promise<string | undefined> {
    const editor = vscode.window.activeTextEditor;
    const uri = source ?? editor?.document.uri;
    if (!uri) {
      void vscode.window.showInformationMessage('Dockwright: open a Dockerfile and put the cursor on an instruction to explain it.');
      return undefined;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.languageId !== 'dockerfile') {
      void vscode.window.showInformationMessage('Dockwright: "Explain This Instruction" works on Dockerfiles.');
      return undefined;
    }
    const at = line ?? (editor?.document.uri.toString() === uri.toString() ? editor.selection.active.line : 0);
    const markdown = await this.markdown(document, at);
    const view = ExplanationView.uriFor(uri, at);
    try {
      await vscode.commands.executeCommand('markdown.showPreviewToSide', view);
    } catch {
      // No markdown preview (the built-in extension disabled): show the markdown source instead.
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(view), vscode.ViewColumn.Beside);
    }
    return markdown;
  }
}
