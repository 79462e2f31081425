import * as vscode from 'vscode';
import type { Finding, Fix } from '../../core/explain';
import { refusedTargets } from '../../core/generate/writeTargets';
import { COMMANDS } from '../../shared/ids';
import { vscodeWriteTargets } from '../../workspace/vscodeWriteTargets';
import { DIAGNOSTIC_SOURCE, toRange } from './convert';
import type { ExplainDiagnostics } from './diagnostics';

function codeOf(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}

/** The fix's edits, including those of another file next to it (a .dockerignore, created if missing). */
export function workspaceEdit(document: vscode.TextDocument, fix: Fix): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) {
    const target = e.file ? vscode.Uri.joinPath(document.uri, '..', e.file) : document.uri;
    // Created empty, then written: contents passed to createFile do not survive the trip to a web workbench.
    if (e.create) edit.createFile(target, { ignoreIfExists: true });
    edit.replace(target, toRange(e.range), e.newText);
  }
  return edit;
}

/**
 * Whether the fix edits another file that is a symbolic link or leads out of the Dockerfile's folder:
 * applying it would change the file behind the link, so it is not offered. When the file system cannot
 * say (an untitled document), neither is it.
 */
async function editsThroughLink(document: vscode.TextDocument, fix: Fix): Promise<boolean> {
  const others = fix.edits.flatMap((e) => (e.file ? [e.file] : []));
  if (!others.length) return false;
  try {
    const { realRoot, targets } = await vscodeWriteTargets(vscode.Uri.joinPath(document.uri, '..'), others);
    return refusedTargets(targets, realRoot).length > 0;
  } catch {
    return true;
  }
}

/** Quick fixes for Dockwright's diagnostics, and "Explain this line" on any Dockerfile line. */
export class ExplainCodeActions implements vscode.CodeActionProvider {
  constructor(private readonly diagnostics: ExplainDiagnostics) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (!ours.length) return [];
    const findings = await this.diagnostics.findingsOf(document);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      const finding = findings.find((f) => f.code === codeOf(diagnostic) && toRange(f.range).isEqual(diagnostic.range) && diagnostic.message.startsWith(f.message));
      if (finding?.fix && !(await editsThroughLink(document, finding.fix))) actions.push(this.fixAction(document, diagnostic, finding as Finding & { fix: Fix }));
    }
    if (document.languageId === 'dockerfile') {
      const explain = new vscode.CodeAction('Explain this line', vscode.CodeActionKind.QuickFix);
      explain.command = { title: 'Explain this line', command: COMMANDS.explainInstruction, arguments: [document.uri, range.start.line] };
      actions.push(explain);
    }
    return actions;
  }

  private fixAction(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, finding: Finding & { fix: Fix }): vscode.CodeAction {
    const action = new vscode.CodeAction(finding.fix.title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.isPreferred = true;
    action.edit = workspaceEdit(document, finding.fix);
    return action;
  }
}
