import * as vscode from 'vscode';
import { fileDrift } from '../../core/team/drift';
import type { PositionedError } from '../../core/text/positions';
import { COMMANDS } from '../../shared/ids';
import type { DetectionService } from '../detectionService';
import { appsAt } from './teamApps';
import { isAppFile, isDockerfile, isTeamFile } from './teamFiles';

export const DRIFT_CODE = 'team-drift';
const SOURCE = 'Dockwright';
const DEBOUNCE_MS = 200;

/** What the team's templates give for a Dockerfile, computed when it opens or something it depends on is saved. */
interface Expected {
  text: string;
  /** The template, as the message names it. */
  template: string;
}

/**
 * Drift as an info diagnostic on a Dockerfile that differs from what the team's templates give for
 * its app, with a quick fix that updates it from the template. Only where a team has templates or a
 * config: without them there is no standard to drift from. Errors in the team's files show on those.
 */
export class TeamDrift implements vscode.Disposable, vscode.CodeActionProvider {
  private readonly drift = vscode.languages.createDiagnosticCollection('dockwright-team-drift');
  private readonly teamErrors = vscode.languages.createDiagnosticCollection('dockwright-team-files');
  private readonly expected = new Map<string, Expected>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly detection: DetectionService) {
    this.subscriptions = [
      this.drift,
      this.teamErrors,
      vscode.workspace.onDidOpenTextDocument((d) => this.refresh(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (isTeamFile(d.uri) || isAppFile(d.uri)) this.refreshAll();
      }),
    ];
    this.refreshAll();
  }

  /** Recomputes every open Dockerfile (after the team's files changed). */
  refreshAll(): void {
    for (const d of vscode.workspace.textDocuments) this.refresh(d);
  }

  private refresh(document: vscode.TextDocument): void {
    if (!isDockerfile(document)) return;
    this.computeExpected(document).then(() => this.compare(document), (err: unknown) => {
      // A Dockerfile deleted or unreadable since it was opened has nothing to drift from.
      if (!(err instanceof vscode.FileSystemError)) console.error('Dockwright: team drift failed', err);
    });
  }

  private async computeExpected(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    this.expected.delete(key);
    // Loaded on first use: the team lookup brings the config validator.
    const { planInWorkspace, teamSetupFor } = await import('../appPlan');
    const folder = vscode.Uri.joinPath(document.uri, '..');
    const target = (await appsAt(this.detection, document.uri)).find((t) => t.appFolder.toString() === folder.toString());
    if (!target) return;
    const { setup, errors } = await teamSetupFor(target.appFolder);
    this.showTeamErrors(target.appFolder, errors);
    if (errors.length || setup.sources.length === 0) return;
    const plan = await planInWorkspace(target.app, target.appFolder, setup);
    const template = setup.templates.dockerfile.origin;
    this.expected.set(key, {
      text: plan.files[0].content,
      template: template === 'built-in' ? "Dockwright's built-in template" : vscode.workspace.asRelativePath(target.appFolder.with({ path: template })),
    });
  }

  private showTeamErrors(base: vscode.Uri, errors: PositionedError[]): void {
    this.teamErrors.clear();
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const e of errors) {
      const at = new vscode.Position(e.line - 1, e.column - 1);
      const d = new vscode.Diagnostic(new vscode.Range(at, at.translate(0, 1)), e.message, vscode.DiagnosticSeverity.Error);
      d.source = SOURCE;
      byFile.set(e.file, [...(byFile.get(e.file) ?? []), d]);
    }
    for (const [file, diagnostics] of byFile) this.teamErrors.set(base.with({ path: file }), diagnostics);
  }

  private schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    if (!this.expected.has(key)) return;
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => this.compare(document), DEBOUNCE_MS));
  }

  /** Compares the text as it is now (unsaved edits included) with what the template gives. */
  private compare(document: vscode.TextDocument): void {
    const expected = this.expected.get(document.uri.toString());
    if (!expected || document.isClosed) {
      this.drift.delete(document.uri);
      return;
    }
    const drift = fileDrift({ kind: 'dockerfile', path: 'Dockerfile', content: expected.text }, document.getText());
    if (drift.status === 'ok') {
      this.drift.delete(document.uri);
      return;
    }
    const line = document.lineAt(Math.min(drift.line - 1, document.lineCount - 1)).range;
    const d = new vscode.Diagnostic(line, `This Dockerfile differs from the team template (${expected.template}) from here on. `
      + 'Update it from the template, or run "Dockwright: Compare with Team Template" to see every difference.', vscode.DiagnosticSeverity.Information);
    d.source = SOURCE;
    d.code = DRIFT_CODE;
    this.drift.set(document.uri, [d]);
  }

  private forget(uri: vscode.Uri): void {
    clearTimeout(this.timers.get(uri.toString()));
    this.timers.delete(uri.toString());
    this.expected.delete(uri.toString());
    this.drift.delete(uri);
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const diagnostic = context.diagnostics.find((d) => d.source === SOURCE && d.code === DRIFT_CODE);
    const expected = this.expected.get(document.uri.toString());
    if (!diagnostic || !expected) return [];
    const update = new vscode.CodeAction('Update from the team template', vscode.CodeActionKind.QuickFix);
    update.diagnostics = [diagnostic];
    update.isPreferred = true;
    update.edit = new vscode.WorkspaceEdit();
    update.edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), expected.text);
    const compare = new vscode.CodeAction('Compare with Team Template', vscode.CodeActionKind.QuickFix);
    compare.diagnostics = [diagnostic];
    compare.command = { command: COMMANDS.compareTeamTemplate, title: 'Compare with Team Template', arguments: [document.uri] };
    return [update, compare];
  }

  dispose(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.subscriptions.forEach((s) => s.dispose());
  }
}
