import * as vscode from 'vscode';
import { COMMANDS } from '../shared/ids';
import { registerGuardedCommand } from './commands';
import type { ContainerizeOptions } from './containerize';
import type { DetectionService } from './detectionService';
import type { EngineMonitor } from './engineMonitor';
import { disposeLoaded, lazy } from './lazy';

/**
 * Journey 1's commands: Show Detected Apps, Containerize (and its undo), Build & Run. Their code
 * (and the Containerizer's undo snapshot, the build terminals) is built on the first command.
 */
export function registerAppCommands(detection: DetectionService, monitor: EngineMonitor): vscode.Disposable {
  const containerizer = lazy(async () => new (await import('./containerize')).Containerizer(detection));
  const buildAndRun = lazy(async () => {
    const { BuildAndRun: Command, optionsFrom } = await import('./buildAndRun');
    return { command: new Command(monitor), optionsFrom };
  });
  return vscode.Disposable.from(
    disposeLoaded(containerizer),
    { dispose: () => void buildAndRun.ifLoaded()?.then(({ command }) => command.dispose()) },
    vscode.commands.registerCommand(COMMANDS.showDetectedApps, async (uri?: vscode.Uri) =>
      (await import('./detectedApps')).showDetectedApps(detection, uri)),
    registerGuardedCommand(COMMANDS.containerize, async (uri?: vscode.Uri, options?: ContainerizeOptions) =>
      (await containerizer.get()).run(uri instanceof vscode.Uri ? uri : undefined, options)),
    registerGuardedCommand(COMMANDS.generateKubernetes, async (uri?: vscode.Uri, options?: ContainerizeOptions) =>
      (await containerizer.get()).run(uri instanceof vscode.Uri ? uri : undefined, { ...options, kubernetes: true })),
    registerGuardedCommand(COMMANDS.undoContainerize, async () => (await containerizer.get()).undo()),
    vscode.commands.registerCommand(COMMANDS.buildAndRun, async (uri?: unknown, options?: unknown) => {
      const { command, optionsFrom } = await buildAndRun.get();
      return command.run(uri instanceof vscode.Uri ? uri : undefined, optionsFrom(options));
    }),
  );
}
