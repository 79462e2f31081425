import * as vscode from 'vscode';
import { COMMANDS, SETTINGS } from '../../shared/ids';
import type { DetectionService } from '../detectionService';
import { readExplainSettings } from '../settings';
import { ExplainCodeActions } from './codeActions';
import { DOCKERFILE_SELECTOR, EXPLAINED_SELECTOR } from './convert';
import { ExplainDiagnostics } from './diagnostics';
import { ExplainService } from './explainService';
import { ExplainHoverProvider } from './hoverProvider';
import { ExplainLensProvider } from './lensProvider';
import { ExplanationView, registerExplanationView } from './explanationView';

/** Turns the lenses off or on (the setting, where the user keeps it). */
async function toggleLenses(): Promise<boolean> {
  const enabled = !readExplainSettings().codeLens;
  await vscode.workspace.getConfiguration(SETTINGS.section).update(SETTINGS.explainCodeLens, enabled, vscode.ConfigurationTarget.Global);
  return enabled;
}

/** Journey 2: lenses, hovers, diagnostics with quick fixes and the full explanation of a line. */
export function registerExplain(detection: DetectionService): vscode.Disposable {
  const service = new ExplainService(detection);
  const diagnostics = new ExplainDiagnostics(service);
  const lenses = new ExplainLensProvider(service);
  const hovers = new ExplainHoverProvider(service);
  return vscode.Disposable.from(
    service, diagnostics, lenses,
    vscode.languages.registerCodeLensProvider(DOCKERFILE_SELECTOR, lenses),
    vscode.languages.registerHoverProvider(EXPLAINED_SELECTOR, hovers),
    vscode.languages.registerCodeActionsProvider(EXPLAINED_SELECTOR, new ExplainCodeActions(diagnostics), { providedCodeActionKinds: ExplainCodeActions.kinds }),
    registerExplanationView(new ExplanationView(service, diagnostics)),
    vscode.commands.registerCommand(COMMANDS.toggleExplainLenses, toggleLenses),
  );
}
