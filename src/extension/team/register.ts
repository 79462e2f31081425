import * as vscode from 'vscode';
import { COMMANDS } from '../../shared/ids';
import { registerGuardedCommand } from '../commands';
import type { DetectionService } from '../detectionService';
import { disposeLoaded, lazy, onFirstDocument } from '../lazy';
import type { SaveTemplateOptions } from './teamCommands';
import { isDockerfile } from './teamFiles';

/**
 * Journey 3: Save as Team Template, Compare with Team Template, and drift on Dockerfiles. Drift
 * and its quick fixes start when the first Dockerfile is open (before that there is nothing to
 * drift), the commands (and the config validator they bring) load on first use.
 */
export function registerTeam(detection: DetectionService): vscode.Disposable {
  const drift = lazy(async () => new (await import('./teamDrift')).TeamDrift(detection));
  const commands = lazy(async () => new (await import('./teamCommands')).TeamCommands(detection,
    () => void drift.ifLoaded()?.then((d) => d.refreshAll())));
  let fixes: vscode.Disposable | undefined;
  return vscode.Disposable.from(
    disposeLoaded(drift),
    disposeLoaded(commands),
    onFirstDocument(isDockerfile, () => {
      // Drift's quick fixes, with drift: without it there is no drift diagnostic to fix.
      fixes = vscode.languages.registerCodeActionsProvider([{ pattern: '**/Dockerfile' }], {
        provideCodeActions: async (document, range, context) => (await drift.ifLoaded())?.provideCodeActions(document, range, context) ?? [],
      }, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] });
      void drift.get().catch((err: unknown) => console.error('Dockwright: team drift failed to load', err));
    }),
    { dispose: () => fixes?.dispose() },
    registerGuardedCommand(COMMANDS.saveTeamTemplate, async (uri?: vscode.Uri, options?: SaveTemplateOptions) =>
      (await commands.get()).save(uri, options)),
    registerGuardedCommand(COMMANDS.compareTeamTemplate, async (uri?: vscode.Uri, options?: { app?: string }) =>
      (await commands.get()).compare(uri, options)),
  );
}
