/** A container action chosen in the dashboard: most go to the daemon; some ask first or open an editor or a terminal. */
import * as vscode from 'vscode';
import type { DockerClient } from '../docker/client';
import { inspectContainer, runContainerAction } from '../docker/containers';
import type { ContainerActionKind, RequestResult } from '../shared/protocol';
import type { DashboardSettings } from './services';

/** Every action but 'logs', which the panel's log feed follows. */
export async function runContainerCommand(
  client: DockerClient, settings: DashboardSettings, id: string, name: string, action: Exclude<ContainerActionKind, 'logs'>,
): Promise<RequestResult<'containerAction'>> {
  switch (action) {
    case 'shell':
      openShell(settings, id, name);
      return 'done';
    case 'inspect': {
      const info = await inspectContainer(client, id);
      const document = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(info, null, 2) });
      await vscode.window.showTextDocument(document, { preview: true });
      return 'done';
    }
    case 'remove': {
      const choice = await vscode.window.showWarningMessage(`Remove the container "${name}"?`,
        { modal: true, detail: 'It is stopped first if it runs; its writable layer is deleted. Named volumes stay.' }, 'Remove');
      if (choice !== 'Remove') return 'cancelled';
      await runContainerAction(client, id, 'remove');
      return 'done';
    }
    default:
      await runContainerAction(client, id, action);
      return 'done';
  }
}

function openShell(settings: DashboardSettings, id: string, name: string): void {
  const terminal = vscode.window.createTerminal({
    name: `Shell: ${name}`,
    shellPath: settings.readSettings().dockerPath,
    // bash when the image has it, else sh (slim and alpine images).
    shellArgs: ['exec', '-it', id, 'sh', '-c', 'if command -v bash >/dev/null; then exec bash; else exec sh; fi'],
    env: { DOCKER_HOST: settings.dockerEnvironment().DOCKER_HOST ?? null },
  });
  terminal.show();
}
