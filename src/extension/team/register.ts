import * as vscode from 'vscode';
import { COMMANDS } from '../../shared/ids';
import { registerGuardedCommand } from '../commands';
import type { DetectionService } from '../detectionService';
import type { SaveTemplateOptions, TeamCommands } from './teamCommands';
import { TeamDrift } from './teamDrift';

/** Journey 3: Save as Team Template, Compare with Team Template, and drift on Dockerfiles. */
export function registerTeam(detection: DetectionService): vscode.Disposable {
  const drift = new TeamDrift(detection);
  // The commands (and the config validator they bring) load on first use.
  let commands: Promise<TeamCommands> | undefined;
  const loaded = () => (commands ??= import('./teamCommands').then((m) => new m.TeamCommands(detection, () => drift.refreshAll())));
  return vscode.Disposable.from(
    drift,
    { dispose: () => void commands?.then((c) => c.dispose()) },
    vscode.languages.registerCodeActionsProvider([{ pattern: '**/Dockerfile' }], drift, { providedCodeActionKinds: TeamDrift.kinds }),
    registerGuardedCommand(COMMANDS.saveTeamTemplate, async (uri?: vscode.Uri, options?: SaveTemplateOptions) =>
      (await loaded()).save(uri, options)),
    registerGuardedCommand(COMMANDS.compareTeamTemplate, async (uri?: vscode.Uri, options?: { app?: string }) =>
      (await loaded()).compare(uri, options)),
  );
}
