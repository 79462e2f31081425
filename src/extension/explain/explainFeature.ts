import type * as vscode from 'vscode';
import type { DetectionService } from '../detectionService';
import { ExplainCodeActions } from './codeActions';
import { ExplainDiagnostics } from './diagnostics';
import { ExplainService } from './explainService';
import { ExplainHoverProvider } from './hoverProvider';
import { ExplainLensProvider } from './lensProvider';
import { ExplanationView } from './explanationView';

/**
 * Everything explain does, around one shared ExplainService: built on first use (the first
 * Dockerfile or compose file, a lens or hover request, the command) behind the providers
 * register.ts registers at activation. Lint starts on the documents open when it is built.
 */
export class ExplainFeature implements vscode.Disposable {
  readonly service: ExplainService;
  readonly diagnostics: ExplainDiagnostics;
  readonly lenses: ExplainLensProvider;
  readonly hovers: ExplainHoverProvider;
  readonly codeActions: ExplainCodeActions;
  readonly view: ExplanationView;

  constructor(detection: DetectionService) {
    this.service = new ExplainService(detection);
    this.diagnostics = new ExplainDiagnostics(this.service);
    this.lenses = new ExplainLensProvider(this.service);
    this.hovers = new ExplainHoverProvider(this.service);
    this.codeActions = new ExplainCodeActions(this.diagnostics);
    this.view = new ExplanationView(this.service, this.diagnostics);
  }

  dispose(): void {
    this.service.dispose();
    this.diagnostics.dispose();
    this.lenses.dispose();
  }
}
