import * as vscode from 'vscode';
import { explainCore, type ExplainService } from './explainService';
import { toRange } from './convert';

/** Hovers on Dockerfiles, compose files and Kubernetes manifests: instructions, flags, image tags, commands, their keys. */
export class ExplainHoverProvider implements vscode.HoverProvider {
  constructor(private readonly service: ExplainService) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | null> {
    const { composeHover, hoverIn, manifestHover } = await explainCore();
    const at = { line: position.line, character: position.character };
    const model = await this.service.model(document);
    const analysis = await this.service.analysis(document);
    const found = analysis ? hoverIn(analysis, at)
      : 'doc' in model ? composeHover(model, at, this.service.context(document))
        : 'docs' in model ? manifestHover(model, at, this.service.context(document)) : null;
    if (!found) return null;
    const markdown = new vscode.MarkdownString(found.markdown);
    markdown.isTrusted = false;
    return new vscode.Hover(markdown, toRange(found.range));
  }
}
