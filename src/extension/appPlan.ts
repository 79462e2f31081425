import { homedir } from 'node:os';
import { isAbsolute } from 'node:path';
import * as vscode from 'vscode';
import type { AppFacts, PlainScript } from '../core/detect/types';
import type { GenerateOptions } from '../core/generate/options';
import { planApp, planScript, readAppFolder, type AppPlan, type ScriptPlan } from '../core/plan/planApp';
import { loadTeamSetup, type TeamSetup } from '../core/team/setup';
import { formatPositioned, type PositionedError } from '../core/text/positions';
import { vscodeTeamReader } from '../workspace/vscodeTeamReader';
import { readGenerateSettings, readTemplatesPath } from './settings';

/** The setting's shared folder: `~` is the home folder, a relative path is the workspace folder's. */
function sharedFolder(appFolder: vscode.Uri): vscode.Uri | undefined {
  const value = readTemplatesPath(appFolder).replace(/^~(?=$|[\\/])/, homedir());
  if (!value) return undefined;
  if (isAbsolute(value)) return appFolder.scheme === 'file' ? vscode.Uri.file(value) : appFolder.with({ path: value });
  return vscode.Uri.joinPath(vscode.workspace.getWorkspaceFolder(appFolder)?.uri ?? appFolder, value);
}

/** The team's templates and config for an app folder: .dockwright/, the setting's folder, the built-ins. */
export function teamSetupFor(appFolder: vscode.Uri): Promise<{ setup: TeamSetup; errors: PositionedError[] }> {
  return loadTeamSetup(vscodeTeamReader(appFolder), appFolder.path, sharedFolder(appFolder)?.path);
}

/** Positioned errors as one message, with workspace-relative paths. */
export function describeErrors(errors: PositionedError[], base: vscode.Uri): string {
  return errors.map((e) => formatPositioned({ ...e, file: vscode.workspace.asRelativePath(base.with({ path: e.file })) })).join('\n');
}

/** The app's plan in this workspace: its folder as the workspace shows it, the person's settings under the team's config. */
export async function planInWorkspace(
  app: AppFacts, appFolder: vscode.Uri, setup: TeamSetup, explicit: Partial<GenerateOptions> = {}, rootCompose?: string,
): Promise<AppPlan> {
  return planApp({ ...(await workspaceRequest(appFolder, setup, explicit)), app, rootCompose });
}

/** With no app found, a plain script's plan (Containerize), with the same settings and config. */
export async function planScriptInWorkspace(script: PlainScript, appFolder: vscode.Uri, setup: TeamSetup, explicit: Partial<GenerateOptions> = {}): Promise<ScriptPlan> {
  return planScript({ ...(await workspaceRequest(appFolder, setup, explicit)), script });
}

async function workspaceRequest(appFolder: vscode.Uri, setup: TeamSetup, explicit: Partial<GenerateOptions>) {
  // Example env files are looked for up to the workspace folder, as `dockwright init` does up to the folder it scans.
  const top = vscode.workspace.getWorkspaceFolder(appFolder)?.uri.path ?? appFolder.path;
  const folder = await readAppFolder(vscodeTeamReader(appFolder), appFolder.path, top);
  return { setup, folder, settings: readGenerateSettings(), explicit };
}
