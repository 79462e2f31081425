import * as vscode from 'vscode';
import { COMMANDS } from '../../shared/ids';
import type { DetectionService } from '../detectionService';
import type { SaveTemplateOptions, TeamCommands } from './teamCommands';
import { TeamDrift } from './teamDrift';

/** Journey 3: Save as Team Template, Compare with Team Template, and drift on Dockerfiles. */
export function registerTeam(detection: DetectionService): vscode.Disposable {
  const drift = new TeamDrift(detection);
  // The commands (and the config validator they bring) load on first use.
  let commands: Promise<TeamCommands> | undefined;
  const loaded = () => (commands ??= import('./teamCommands').then((m) => new m.TeamCommands(detection, () => drift.refreshAll())));
  const guard = <T>(work: () => Promise<T>) => work().catch((err: unknown) => {
    void vscode.window.showErrorMessage(`Dockwright: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  });
  return vscode.Disposable.from(
    drift,
    { dispose: () => void commands?.then((c) => c.dispose()) },
    vscode.languages.registerCodeActionsProvider([{ pattern: '**/Dockerfile' }], drift, { providedCodeActionKinds: TeamDrift.kinds }),
    vscode.commands.registerCommand(COMMANDS.saveTeamTemplate, (uri?: vscode.Uri, options?: SaveTemplateOptions) =>
      guard(async () => (await loaded()).save(uri, options))),
    vscode.commands.registerCommand(COMMANDS.compareTeamTemplate, (uri?: vscode.Uri, options?: { app?: string }) =>
      guard(async () => (await loaded()).compare(uri, options))),
  );
}
