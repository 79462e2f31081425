import * as vscode from 'vscode';
import { COMMANDS } from '../shared/ids';
import type { EngineState } from '../shared/protocol';
import type { EngineMonitor } from './engineMonitor';

/** "Dockwright: Check Docker Engine": asks the daemon, says what it found; returns the state. */
async function checkDocker(monitor: EngineMonitor): Promise<EngineState> {
  const state = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Dockwright: checking the Docker engine…' },
    () => monitor.check(),
  );
  if (state.status === 'running') {
    const s = state.summary;
    const where = s.context ? `context "${s.context}" (${s.endpoint})` : s.endpoint;
    void vscode.window
      .showInformationMessage(
        `Docker Engine ${s.version} is running at ${where} (${s.os}/${s.arch}): ` +
          `${s.containersRunning} running container(s), ${s.images} image(s).`,
        'Open Dashboard',
      )
      .then((choice) => choice && vscode.commands.executeCommand(COMMANDS.openDashboard));
  } else {
    void vscode.window
      .showErrorMessage(`${state.failure.message} ${state.failure.fix}`, 'Retry')
      .then((choice) => choice && vscode.commands.executeCommand(COMMANDS.checkDocker));
  }
  return state;
}

export function registerEngineCommands(monitor: EngineMonitor): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.checkDocker, () => checkDocker(monitor));
}

/**
 * Registers a command whose failure is one error message ("Dockwright: …") instead of a rejection
 * only the log shows; the command then returns undefined to its caller.
 */
export function registerGuardedCommand<A extends unknown[], T>(id: string, run: (...args: A) => Promise<T>): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: A): Promise<T | undefined> => {
    try {
      return await run(...args);
    } catch (err) {
      void vscode.window.showErrorMessage(`Dockwright: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  });
}
