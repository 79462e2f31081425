import * as vscode from 'vscode';
import { COMMANDS } from '../shared/ids';
import type { EngineState } from '../shared/protocol';
import type { EngineMonitor } from './engineMonitor';
import { readSettings } from './settings';

/**
 * The first check waits this long after activation: it loads the daemon adapter and dockerode
 * (dist/features.js, dist/dockerode.js), which should not compete with the window's own startup.
 */
const FIRST_CHECK_DELAY_MS = 1500;

/**
 * A status bar item with the Docker daemon's state; clicking it runs "Check Docker Engine". It is
 * made just after activation rather than during it: nothing needs it sooner, and it costs the
 * activation about half a millisecond.
 */
export function registerStatusBar(monitor: EngineMonitor): vscode.Disposable {
  let shown: vscode.Disposable | undefined;
  const timer = setTimeout(() => (shown = showStatusBar(monitor)), 0);
  return { dispose: () => { clearTimeout(timer); shown?.dispose(); } };
}

function showStatusBar(monitor: EngineMonitor): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('dockwright.engine', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Dockwright: Docker Engine';
  item.command = COMMANDS.checkDocker;
  let timer: ReturnType<typeof setInterval> | undefined;
  let firstCheck: ReturnType<typeof setTimeout> | undefined;

  const show = (state: EngineState) => {
    if (state.status === 'running') {
      item.text = `$(vm-running) Docker ${state.summary.version}`;
      item.tooltip = `Docker Engine ${state.summary.version} at ${state.summary.endpoint}: ` +
        `${state.summary.containersRunning} running container(s). Click to check again.`;
      item.backgroundColor = undefined;
      item.accessibilityInformation = { label: `Docker engine ${state.summary.version} is running`, role: 'button' };
    } else {
      item.text = '$(vm-outline) Docker: unavailable';
      item.tooltip = `${state.failure.message}\n${state.failure.fix}`;
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      item.accessibilityInformation = { label: `Docker engine unavailable. ${state.failure.message}`, role: 'button' };
    }
  };

  const stop = () => {
    clearTimeout(firstCheck);
    clearInterval(timer);
    firstCheck = timer = undefined;
  };
  const apply = (delayMs: number) => {
    const settings = readSettings();
    stop();
    if (!settings.statusBarEnabled) {
      item.hide();
      return;
    }
    item.text = '$(sync~spin) Docker';
    item.show();
    const poll = () => void monitor.check().catch(() => undefined);
    firstCheck = setTimeout(poll, delayMs);
    if (settings.statusBarPollSeconds > 0) timer = setInterval(poll, settings.statusBarPollSeconds * 1000);
  };

  const subscriptions = [
    item,
    monitor.onDidChange(show),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('dockwright.statusBar') || e.affectsConfiguration('dockwright.docker')) apply(0);
    }),
  ];
  apply(FIRST_CHECK_DELAY_MS);
  return vscode.Disposable.from(...subscriptions, { dispose: stop });
}
