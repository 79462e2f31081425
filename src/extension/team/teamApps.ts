import * as vscode from 'vscode';
import { appsAtPath } from '../../core/detect/appsAtPath';
import type { AppFacts } from '../../core/detect/types';
import { clickedPath } from '../clickedPath';
import type { DetectionService } from '../detectionService';

/** An app and where it is: the folder detection read (its paths are relative to it) and the app's own folder. */
export interface AppTarget {
  app: AppFacts;
  root: vscode.Uri;
  appFolder: vscode.Uri;
}

/** The apps a file or folder belongs to, by the rule containerize uses (core/detect/appsAtPath). */
export async function appsAt(detection: DetectionService, uri: vscode.Uri): Promise<AppTarget[]> {
  const { root, within } = await clickedPath(uri);
  const { apps } = await detection.detectFolder(root);
  return appsAtPath(apps, within).map((app) => ({ app, root, appFolder: app.root === '.' ? root : vscode.Uri.joinPath(root, app.root) }));
}
