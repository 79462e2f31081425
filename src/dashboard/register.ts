/**
 * The dashboard feature's entry point: its commands (Open Dashboard, Open Full Container Log) and the serializer that restores the panel after
 * a reload (registered just after activation). The panel, its feeds and Compare builds (dockerfile-ast, the generator) load when a
 * dashboard first opens, not at activation.
 */
import * as vscode from 'vscode';
import { COMMANDS, VIEWS } from '../shared/ids';
import type { CompareService } from './compareService';
import type { DashboardPanel } from './dashboardPanel';
import type { FullLogArgs } from './fullLog';
import type { DashboardServices } from './services';

interface Loaded {
  Panel: typeof DashboardPanel;
  compare: CompareService;
}

export function registerDashboard(context: vscode.ExtensionContext, services: DashboardServices): vscode.Disposable {
  let loaded: Promise<Loaded> | undefined;
  const load = () => (loaded ??= Promise.all([import('./dashboardPanel'), import('./compareService')])
    .then(([{ DashboardPanel: Panel }, { CompareService: Compare }]) =>
      ({ Panel, compare: new Compare(context.workspaceState, services.settings) })));
  // The serializer registers just after activation: a panel to restore waits for it.
  let serializer: vscode.Disposable | undefined;
  const timer = setTimeout(() => (serializer = vscode.window.registerWebviewPanelSerializer(VIEWS.dashboard, {
    deserializeWebviewPanel: async (panel) => {
      const { Panel, compare } = await load();
      new Panel(panel, context.extensionUri, services, compare);
    },
  })), 0);
  return vscode.Disposable.from(
    { dispose: () => void loaded?.then(({ compare }) => compare.dispose()) },
    { dispose: () => { clearTimeout(timer); serializer?.dispose(); } },
    vscode.commands.registerCommand(COMMANDS.openFullLog, async (args?: FullLogArgs) =>
      (await import('./fullLog')).openFullLog(context.globalStorageUri, services.settings, args)),
    vscode.commands.registerCommand(COMMANDS.openDashboard, async () => {
      const { Panel, compare } = await load();
      return Panel.show(context.extensionUri, services, compare).panel;
    }),
  );
}
