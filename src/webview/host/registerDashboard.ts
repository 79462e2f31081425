import * as vscode from 'vscode';
import type { DetectionService } from '../../extension/detectionService';
import type { EngineMonitor } from '../../extension/engineMonitor';
import { COMMANDS, VIEWS } from '../../shared/ids';
import type { DashboardPanel, DashboardServices } from './dashboardPanel';

interface Dashboard {
  Panel: typeof DashboardPanel;
  services: DashboardServices;
}

/**
 * The dashboard's command and panel serializer. The panel, its feeds and the build comparison
 * (dockerfile-ast, the generator) load when a dashboard first opens, not at activation.
 */
export function registerDashboard(context: vscode.ExtensionContext, monitor: EngineMonitor, detection?: DetectionService): vscode.Disposable {
  let loaded: Promise<Dashboard> | undefined;
  const dashboard = () => (loaded ??= Promise.all([import('./dashboardPanel'), import('../../extension/compareBuilds')])
    .then(([{ DashboardPanel: Panel }, { CompareService }]) =>
      ({ Panel, services: { monitor, detection, compare: new CompareService(context.workspaceState) } })));
  return vscode.Disposable.from(
    { dispose: () => void loaded?.then(({ services }) => services.compare.dispose()) },
    vscode.commands.registerCommand(COMMANDS.openDashboard, async () => {
      const { Panel, services } = await dashboard();
      return Panel.show(context.extensionUri, services).panel;
    }),
    vscode.window.registerWebviewPanelSerializer(VIEWS.dashboard, {
      deserializeWebviewPanel: async (panel) => {
        const { Panel, services } = await dashboard();
        new Panel(panel, context.extensionUri, services);
      },
    }),
  );
}
