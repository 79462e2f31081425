/**
 * Dockwright: Open Full Container Log — everything the container has logged, as `docker logs`
 * prints it (ANSI colors removed, timestamps when the panel shows them), written to a file in the
 * extension's storage and opened in an editor. The dashboard keeps only the last lines; this is
 * the rest, one click away, however much the container wrote.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { linesAsText } from '../core/dashboard/logLines';
import { DockerClient, DockerError } from '../docker/client';
import { inspectContainer, listContainerRows } from '../docker/containers';
import { readAllLogs } from '../docker/logStream';
import type { DashboardSettings } from './services';

export interface FullLogArgs {
  containerId?: string;
  timestamps?: boolean;
}

/** Older log files than the newest few are deleted: each can be hundreds of megabytes. */
const KEPT_FILES = 5;
/** VS Code does not hand larger files to extensions; those open in the editor without a document. */
const DOCUMENT_LIMIT_BYTES = 50 * 1024 * 1024;

/** The file written, or undefined when cancelled. */
export async function openFullLog(storage: vscode.Uri, settings: DashboardSettings, args: FullLogArgs = {}): Promise<vscode.Uri | undefined> {
  const client = DockerClient.fromSettings(settings);
  try {
    const id = args.containerId ?? (await pickContainer(client));
    if (!id) return undefined;
    let info;
    try {
      info = await inspectContainer(client, id);
    } catch (err) {
      if (err instanceof DockerError && err.failure.kind === 'not-found') {
        throw new Error(`The container ${id.slice(0, 12)} no longer exists, and its log went with it.`);
      }
      throw err;
    }
    const name = info.Name.replace(/^\//, '');
    const file = path.join(storage.fsPath, 'logs', `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
    const written = await vscode.window.withProgress({
      location: vscode.ProgressLocation.Notification, title: `Reading the log of ${name}`, cancellable: true,
    }, (progress, token) => writeLog(client, id, Boolean(info.Config?.Tty), file, Boolean(args.timestamps), progress, token));
    if (written === undefined) return undefined;
    const uri = vscode.Uri.file(file);
    if (fs.statSync(file).size < DOCUMENT_LIMIT_BYTES) {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    } else {
      await vscode.commands.executeCommand('vscode.open', uri);
    }
    void vscode.window.setStatusBarMessage(`Dockwright: ${written.toLocaleString()} log lines of ${name} in ${file}`, 5000);
    removeOldLogs(path.dirname(file));
    return uri;
  } catch (err) {
    const text = err instanceof DockerError ? `${err.failure.message} ${err.failure.fix}` : err instanceof Error ? err.message : String(err);
    void vscode.window.showErrorMessage(`Dockwright could not open the full log: ${text}`);
    throw err;
  }
}

async function pickContainer(client: DockerClient): Promise<string | undefined> {
  const rows = await listContainerRows(client);
  const picked = await vscode.window.showQuickPick(rows.map((r) => ({ label: r.name, description: r.image, detail: r.status, id: r.id })), {
    title: 'Open the full log of which container?', matchOnDescription: true,
  });
  return picked?.id;
}

/** Streams the log into `file`; the number of lines, or undefined when cancelled (the file is removed). */
async function writeLog(
  client: DockerClient, id: string, tty: boolean, file: string, timestamps: boolean,
  progress: vscode.Progress<{ message: string }>, token: vscode.CancellationToken,
): Promise<number | undefined> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const out = fs.createWriteStream(file);
  const cancel = new AbortController();
  const onCancel = token.onCancellationRequested(() => cancel.abort());
  let lines = 0;
  let reported = 0;
  try {
    const outcome = await readAllLogs(client, id, {
      tty, signal: cancel.signal,
      onLines: (batch) => {
        out.write(`${linesAsText(batch, timestamps)}\n`);
        lines += batch.length;
        if (Date.now() - reported > 250) {
          reported = Date.now();
          progress.report({ message: `${lines.toLocaleString()} lines` });
        }
      },
    });
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    if (outcome === 'cancelled') {
      fs.rmSync(file, { force: true });
      return undefined;
    }
    return lines;
  } catch (err) {
    out.destroy();
    fs.rmSync(file, { force: true });
    throw err;
  } finally {
    onCancel.dispose();
  }
}

function removeOldLogs(dir: string): void {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.log'))
    .map((f) => ({ f, at: fs.statSync(path.join(dir, f)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const { f } of files.slice(KEPT_FILES)) fs.rmSync(path.join(dir, f), { force: true });
}
