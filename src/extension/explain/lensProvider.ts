import * as vscode from 'vscode';
import { COMMANDS } from '../../shared/ids';
import { readExplainSettings } from '../settings';
import { explainCore, type ExplainService } from './explainService';
import { toRange } from './convert';

/**
 * A CodeLens above each instruction of a Dockerfile (clicking it opens the full explanation), and
 * above the important fields of a Kubernetes manifest.
 */
export class ExplainLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly service: ExplainService) {
    this.subscriptions = [
      this.changed,
      service.onDidChangeContext(() => this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('dockwright.explain')) this.changed.fire(); }),
    ];
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!readExplainSettings().codeLens) return [];
    const { lensesIn, manifestLenses } = await explainCore();
    const model = await this.service.model(document);
    if ('docs' in model) {
      // Plain titles: the hover on the key under each lens says the rest.
      return manifestLenses(model, this.service.context(document)).map((lens) => new vscode.CodeLens(toRange(lens.range), { title: lens.title, command: '' }));
    }
    const analysis = await this.service.analysis(document);
    if (!analysis) return [];
    return lensesIn(analysis).map((lens) => new vscode.CodeLens(toRange(lens.range), {
      title: lens.title,
      tooltip: 'Dockwright: open the full explanation of this line',
      command: COMMANDS.explainInstruction,
      arguments: [document.uri, lens.range.start.line],
    }));
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }
}
