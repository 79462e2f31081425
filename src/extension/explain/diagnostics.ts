import * as vscode from 'vscode';
import type { Finding } from '../../core/explain';
import { DIAGNOSTIC_SOURCE, SEVERITY, toRange } from './convert';
import { isExplained } from './documents';
import type { ExplainService } from './explainService';

const DEBOUNCE_MS = 300;

/**
 * Lint findings as diagnostics: computed when a Dockerfile or compose file opens, shortly after
 * each change (debounced), and again when its folder's context changes; removed when it closes.
 */
export class ExplainDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('dockwright');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The findings behind the diagnostics shown, for the quick fixes. */
  private readonly findings = new Map<string, { version: number; findings: Finding[] }>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly service: ExplainService) {
    this.subscriptions = [
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, DEBOUNCE_MS)),
      vscode.workspace.onDidCloseTextDocument((d) => this.clear(d.uri)),
      service.onDidChangeContext((folder) => {
        for (const d of vscode.workspace.textDocuments) if (vscode.Uri.joinPath(d.uri, '..').toString() === folder.toString()) this.schedule(d, 0);
      }),
    ];
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  /** The findings of the document's current version, linting now if needed. */
  async findingsOf(document: vscode.TextDocument): Promise<Finding[]> {
    const known = this.findings.get(document.uri.toString());
    if (known?.version === document.version) return known.findings;
    return this.update(document);
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (!isExplained(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.update(document).catch((err: unknown) => console.error('Dockwright: lint failed', err));
    }, delay));
  }

  private async update(document: vscode.TextDocument): Promise<Finding[]> {
    const version = document.version;
    const findings = await this.service.lint(document);
    if (document.isClosed || document.version !== version) return findings;
    this.findings.set(document.uri.toString(), { version, findings });
    this.collection.set(document.uri, findings.map(toDiagnostic));
    return findings;
  }

  private clear(uri: vscode.Uri): void {
    clearTimeout(this.timers.get(uri.toString()));
    this.timers.delete(uri.toString());
    this.findings.delete(uri.toString());
    this.collection.delete(uri);
  }

  dispose(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.subscriptions.forEach((s) => s.dispose());
  }
}

function toDiagnostic(f: Finding): vscode.Diagnostic {
  // People who know hadolint recognise its rule number; the code links to the Docker reference.
  const d = new vscode.Diagnostic(toRange(f.range), f.hadolint ? `${f.message} (hadolint ${f.hadolint})` : f.message, SEVERITY[f.severity]);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: f.code, target: vscode.Uri.parse(f.reference) };
  return d;
}
