import * as vscode from 'vscode';
import type { Range, Severity } from '../../core/explain';

/** Core ranges are LSP-style (0-based), like VS Code's. */
export function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export const DIAGNOSTIC_SOURCE = 'Dockwright';

export const DOCKERFILE_SELECTOR: vscode.DocumentFilter[] = [{ language: 'dockerfile' }];
/** Compose files: YAML named like one, or the Docker extension's own language for them. */
export const COMPOSE_SELECTOR: vscode.DocumentFilter[] = [
  { language: 'yaml', pattern: '**/{compose,docker-compose}*.{yml,yaml}' },
  { language: 'dockercompose' },
];
export const EXPLAINED_SELECTOR: vscode.DocumentFilter[] = [...DOCKERFILE_SELECTOR, ...COMPOSE_SELECTOR];
