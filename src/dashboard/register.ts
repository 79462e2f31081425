/** The dashboard feature's entry point: its command and the serializer that restores the panel after a reload. */
import * as vscode from 'vscode';
import { COMMANDS, VIEWS } from '../shared/ids';
import { CompareService } from './compareService';
import { DashboardPanel } from './dashboardPanel';
import type { DashboardServices } from './services';

export function registerDashboard(context: vscode.ExtensionContext, services: DashboardServices): vscode.Disposable {
  const compare = new CompareService(context.workspaceState, services.settings);
  return vscode.Disposable.from(
    compare,
    vscode.commands.registerCommand(COMMANDS.openDashboard, () => DashboardPanel.show(context.extensionUri, services, compare).panel),
    vscode.window.registerWebviewPanelSerializer(VIEWS.dashboard, {
      deserializeWebviewPanel: async (panel) => {
        new DashboardPanel(panel, context.extensionUri, services, compare);
      },
    }),
  );
}
