import { homedir } from 'node:os';
import { appsAtPath } from '../../core/detect/appsAtPath';
import { clickedPath } from '../clickedPath';
import { isAbsolute } from 'node:path';
import * as vscode from 'vscode';
import type { AppFacts } from '../../core/detect/types';
import { generate, type GenerateOptions, type GenerationPlan } from '../../core/generate';
import { appOptions, loadTeamSetup, type TeamSetup } from '../../core/team/setup';
import { formatPositioned, type PositionedError } from '../../core/text/positions';
import { vscodeTeamReader } from '../../workspace/vscodeTeamReader';
import type { DetectionService } from '../detectionService';
import { readGenerateSettings, readTemplatesPath } from '../settings';

/** An app and where it is: the folder detection read (its paths are relative to it) and the app's own folder. */
export interface AppTarget {
  app: AppFacts;
  root: vscode.Uri;
  appFolder: vscode.Uri;
}

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

/** The apps a file or folder belongs to, by the rule containerize uses (core/detect/appsAtPath). */
export async function appsAt(detection: DetectionService, uri: vscode.Uri): Promise<AppTarget[]> {
  const { root, within } = await clickedPath(uri);
  const { apps } = await detection.detectFolder(root);
  return appsAtPath(apps, within).map((app) => ({ app, root, appFolder: app.root === '.' ? root : vscode.Uri.joinPath(root, app.root) }));
}

/** The files the team's templates give for an app, with the person's settings under the team's config. */
export async function teamPlan(target: AppTarget, setup: TeamSetup, explicit: Partial<GenerateOptions> = {}): Promise<GenerationPlan> {
  const folder = {
    hasEnvFile: await vscodeTeamReader(target.appFolder).exists(vscode.Uri.joinPath(target.appFolder, '.env').path),
    name: target.appFolder.path.split('/').filter(Boolean).pop(),
  };
  return generate(target.app, appOptions(setup, folder, readGenerateSettings(), explicit), setup.templates);
}
