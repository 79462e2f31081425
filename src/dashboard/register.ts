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

export interface DashboardDiagnostics {
  dashboardOpen: boolean;
  /** Event and log streams to the daemon not closed yet. */
  openStreams: number;
  /** Subscriptions to the engine monitor (the status bar holds one). */
  engineListeners: number;
  heapUsedMB: number;
}

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
    // What a closed dashboard must leave behind (nothing), for a leak report or the soak benchmark.
    vscode.commands.registerCommand(COMMANDS.dashboardDiagnostics, async (): Promise<DashboardDiagnostics> => {
      const panel = loaded ? (await loaded).Panel.diagnostics() : { dashboardOpen: false, openStreams: 0 };
      const diagnostics = { ...panel, engineListeners: services.monitor.listenerCount, heapUsedMB: Math.round(process.memoryUsage().heapUsed / 2 ** 20) };
      void vscode.window.setStatusBarMessage(`Dockwright: dashboard ${diagnostics.dashboardOpen ? 'open' : 'closed'}, ${diagnostics.openStreams} daemon ` +
        `streams open, ${diagnostics.engineListeners} engine listeners, extension host heap ${diagnostics.heapUsedMB} MB`, 10_000);
      return diagnostics;
    }),
  );
}
