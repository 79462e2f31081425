import * as vscode from 'vscode';
import { registerDashboard } from '../dashboard/register';
import { registerEngineCommands } from './commands';
import { registerExplain } from './explain/register';
import { DetectionService } from './detectionService';
import { EngineMonitor } from './engineMonitor';
import { registerAppCommands } from './register';
import * as settings from './settings';
import { registerStatusBar } from './statusBar';
import { registerTeam } from './team/register';

export function activate(context: vscode.ExtensionContext): void {
  const monitor = new EngineMonitor();
  const detection = new DetectionService(context.extensionUri);
  context.subscriptions.push(
    monitor,
    registerStatusBar(monitor),
    registerEngineCommands(monitor),
    registerDashboard(context, { monitor, detection, settings }),
    registerAppCommands(detection, monitor),
    registerTeam(detection),
    registerExplain(detection),
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
