import * as vscode from 'vscode';
import { registerDashboard } from '../webview/host/registerDashboard';
import { registerBuildAndRun } from './buildAndRun';
import { registerEngineCommands } from './commands';
import { registerExplain } from './explain/register';
import { registerContainerize } from './containerize';
import { registerDetectionCommands } from './detectedApps';
import { DetectionService } from './detectionService';
import { EngineMonitor } from './engineMonitor';
import { registerStatusBar } from './statusBar';
import { registerTeam } from './team/register';

export function activate(context: vscode.ExtensionContext): void {
  const monitor = new EngineMonitor();
  const detection = new DetectionService(context.extensionUri);
  context.subscriptions.push(
    monitor,
    registerStatusBar(monitor),
    registerEngineCommands(monitor),
    registerDashboard(context, monitor, detection),
    registerDetectionCommands(detection),
    registerContainerize(detection),
    registerBuildAndRun(monitor),
    registerTeam(detection),
    registerExplain(detection),
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
