import * as vscode from 'vscode';
import { registerDashboard } from '../webview/host/dashboardPanel';
import { registerEngineCommands } from './commands';
import { EngineMonitor } from './engineMonitor';
import { registerStatusBar } from './statusBar';

export function activate(context: vscode.ExtensionContext): void {
  const monitor = new EngineMonitor();
  context.subscriptions.push(
    monitor,
    registerStatusBar(monitor),
    registerEngineCommands(monitor),
    registerDashboard(context, monitor),
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
