import * as vscode from 'vscode';
import { COMMANDS, SETTINGS } from '../../shared/ids';
import type { DetectionService } from '../detectionService';
import type { ExplainFeature } from './explainFeature';
import { disposeLoaded, lazy, onFirstDocument, type Lazy } from '../lazy';
import { readExplainSettings } from '../settings';
import { DOCKERFILE_SELECTOR, EXPLAINED_SELECTOR, EXPLANATION_SCHEME, isExplained, isManifestDocument, MANIFEST_SELECTOR } from './documents';

/** Turns the lenses off or on (the setting, where the user keeps it). */
async function toggleLenses(): Promise<boolean> {
  const enabled = !readExplainSettings().codeLens;
  await vscode.workspace.getConfiguration(SETTINGS.section).update(SETTINGS.explainCodeLens, enabled, vscode.ConfigurationTarget.Global);
  return enabled;
}

/**
 * The lens, hover and quick fix providers; each loads the feature when VS Code first asks it about
 * a document explain is about (other YAML files get nothing, and load nothing).
 */
const about = (document: vscode.TextDocument) => vscode.languages.match(EXPLAINED_SELECTOR, document) > 0 || isManifestDocument(document);

function registerProviders(feature: Lazy<ExplainFeature>, lensesChanged: vscode.EventEmitter<void>): vscode.Disposable {
  const all = [...EXPLAINED_SELECTOR, ...MANIFEST_SELECTOR];
  return vscode.Disposable.from(
    vscode.languages.registerCodeLensProvider([...DOCKERFILE_SELECTOR, ...MANIFEST_SELECTOR], {
      onDidChangeCodeLenses: lensesChanged.event,
      provideCodeLenses: async (document) => (about(document) ? (await feature.get()).lenses.provideCodeLenses(document) : []),
    }),
    vscode.languages.registerHoverProvider(all, {
      provideHover: async (document, position) => (about(document) ? (await feature.get()).hovers.provideHover(document, position) : null),
    }),
    vscode.languages.registerCodeActionsProvider(all, {
      provideCodeActions: async (document, range, context) => (about(document) ? (await feature.get()).codeActions.provideCodeActions(document, range, context) : []),
    }, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
  );
}

/**
 * Journey 2: lenses, hovers, diagnostics with quick fixes and the full explanation of a line.
 * Activation registers the commands and the explanation documents' provider; the lens, hover and
 * quick fix providers register when the first document they are about is open (VS Code asks the
 * new providers then), lint loads the feature (explainFeature.ts) when the first Dockerfile,
 * compose file or Kubernetes manifest is open.
 */
export function registerExplain(detection: DetectionService): vscode.Disposable {
  const lensesChanged = new vscode.EventEmitter<void>();
  const feature = lazy(async () => {
    const built = new (await import('./explainFeature')).ExplainFeature(detection);
    built.lenses.onDidChangeCodeLenses(() => lensesChanged.fire());
    return built;
  });
  let providers: vscode.Disposable | undefined;
  return vscode.Disposable.from(
    disposeLoaded(feature), lensesChanged,
    onFirstDocument(isExplained, () => void feature.get().catch((err: unknown) => console.error('Dockwright: explain failed to load', err))),
    onFirstDocument(about, () => (providers = registerProviders(feature, lensesChanged))),
    { dispose: () => providers?.dispose() },
    vscode.workspace.registerTextDocumentContentProvider(EXPLANATION_SCHEME, {
      provideTextDocumentContent: async (uri) => (await feature.get()).view.provideTextDocumentContent(uri),
    }),
    vscode.commands.registerCommand(COMMANDS.explainInstruction, async (uri?: vscode.Uri, line?: number) =>
      (await feature.get()).view.open(uri, line)),
    vscode.commands.registerCommand(COMMANDS.toggleExplainLenses, toggleLenses),
  );
}
