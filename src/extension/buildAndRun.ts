import * as vscode from 'vscode';
import type { AppLaunch } from '../core/build/appLaunch';
import { buildArguments, renderCommand } from '../core/build/buildPlan';
import type { LaunchResult } from '../docker/appLauncher';
import { BuildTerminal } from './buildTerminal';
import type { EngineMonitor } from './engineMonitor';
import { dockerEnvironment, readSettings } from './settings';

/** For automation and tests; from the Explorer, the editor title and the palette it is never given. */
export interface BuildAndRunOptions {
  /** Publish on this host port (default: the container's own port when free, else one Docker picks). */
  hostPort?: number;
  /** Extra labels on the image and the container. */
  labels?: Record<string, string>;
  /** Cancels like the notification's Cancel button. */
  cancellation?: vscode.CancellationToken;
}

export type BuildAndRunResult =
  | LaunchResult
  /** Nothing was built: restricted mode, no Dockerfile, no EXPOSE, already building. */
  | { status: 'refused'; reason: string }
  /** The engine failed (unreachable, timed out, refused a request). */
  | { status: 'error'; app: string; message: string };

interface Target {
  context: vscode.Uri;
  dockerfile: vscode.Uri;
}

/** Long enough for a HEALTHCHECK's start period and a few intervals; unhealthy ends the wait sooner. */
const READY_TIMEOUT_MS = 120_000;
const DOCKERFILES = '**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Containerfile}';
const CONTAINERIZE_FIRST = 'run "Dockwright: Containerize this App" on it first';
const ANSI = { bold: '\x1b[1m', red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', reset: '\x1b[0m' };

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** The Dockerfile to build: the one clicked, the one in the clicked folder, the open one, or the workspace's. */
async function targetFor(uri: vscode.Uri | undefined): Promise<Target | string | undefined> {
  const editor = vscode.window.activeTextEditor?.document;
  let chosen = uri ?? (editor?.languageId === 'dockerfile' ? editor.uri : undefined);
  if (!chosen) {
    const found = await vscode.workspace.findFiles(DOCKERFILES, '**/node_modules/**', 50);
    if (!found.length) return `There is no Dockerfile in this workspace: open one, or ${CONTAINERIZE_FIRST}.`;
    const picked = found.length === 1 ? { uri: found[0] } : await vscode.window.showQuickPick(
      found.map((f) => ({ label: vscode.workspace.asRelativePath(f), uri: f })),
      { title: 'Dockwright: Build & Run which Dockerfile?' });
    if (!picked) return undefined;
    chosen = picked.uri;
  }
  if (chosen.scheme !== 'file') return `The docker CLI builds from a folder on disk, and ${chosen.toString()} is not one.`;
  const stat = await vscode.workspace.fs.stat(chosen).then((s) => s, () => undefined);
  if (!stat) return `${chosen.fsPath} does not exist.`;
  if (stat.type & vscode.FileType.Directory) {
    const dockerfile = vscode.Uri.joinPath(chosen, 'Dockerfile');
    if (!(await exists(dockerfile))) return `There is no Dockerfile in ${chosen.fsPath}: ${CONTAINERIZE_FIRST}.`;
    return { context: await composeContext(dockerfile, chosen), dockerfile };
  }
  return { context: await composeContext(chosen, vscode.Uri.joinPath(chosen, '..')), dockerfile: chosen };
}

/** The context the compose file beside the Dockerfile builds it from, else the Dockerfile's folder. */
async function composeContext(dockerfile: vscode.Uri, folder: vscode.Uri): Promise<vscode.Uri> {
  const { composeContextFor, STANDARD_COMPOSE_FILES } = await import('../core/build/composeContext');
  for (const name of STANDARD_COMPOSE_FILES) {
    const uri = vscode.Uri.joinPath(folder, name);
    const text = await vscode.workspace.fs.readFile(uri).then((b) => new TextDecoder().decode(b), () => null);
    if (text === null) continue;
    const context = composeContextFor(text, folder.fsPath, dockerfile.fsPath);
    if (context) return vscode.Uri.file(context);
  }
  return folder;
}

/** The Explorer passes the selected resources as a second argument and the editor title its editor. */
export function optionsFrom(value: unknown): BuildAndRunOptions {
  return value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof vscode.Uri)
    ? (value as BuildAndRunOptions)
    : {};
}

function showLogs(containerName: string, dockerPath: string): void {
  // The docker CLI itself, not a shell: it follows the logs as `docker logs -f` does in a terminal.
  const host = dockerEnvironment().DOCKER_HOST;
  vscode.window.createTerminal({
    name: `Dockwright: logs ${containerName}`,
    shellPath: dockerPath,
    ...(host ? { env: { DOCKER_HOST: host } } : {}),
    shellArgs: ['logs', '--follow', '--tail', '200', containerName],
    iconPath: new vscode.ThemeIcon('output'),
  }).show();
}

export class BuildAndRun implements vscode.Disposable {
  /** One terminal per app: a new run replaces the previous run's. */
  private readonly terminals = new Map<string, BuildTerminal>();
  private readonly building = new Set<string>();

  constructor(private readonly monitor: EngineMonitor) {}

  async run(uri: vscode.Uri | undefined, options: BuildAndRunOptions): Promise<BuildAndRunResult> {
    if (!vscode.workspace.isTrusted) {
      const reason = 'Build & Run is off in Restricted Mode: building runs the commands in this Dockerfile. ' +
        'Trust the workspace to build and run it.';
      void vscode.window.showWarningMessage(`Dockwright: ${reason}`, 'Manage Workspace Trust').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
      });
      return { status: 'refused', reason };
    }
    const target = await targetFor(uri);
    if (typeof target !== 'object') return this.refuse(target);

    const { describeLaunch } = await import('../core/build/appLaunch');
    const dockerfileText = new TextDecoder().decode(await vscode.workspace.fs.readFile(target.dockerfile));
    const defaultDockerfile = vscode.Uri.joinPath(target.context, 'Dockerfile').fsPath === target.dockerfile.fsPath;
    const described = describeLaunch({
      context: target.context.fsPath,
      dockerfile: defaultDockerfile ? undefined : target.dockerfile.fsPath,
      dockerfileText,
      hostPort: options.hostPort,
      labels: options.labels,
    });
    if (!described.ok) return this.refuse(described.problem);
    const { app } = described.launch;
    if (this.building.has(app)) return this.refuse(`${app} is already being built; cancel that run first.`);

    const engine = await this.monitor.check();
    if (engine.status !== 'running') {
      const message = `${engine.failure.message} ${engine.failure.fix}`;
      void vscode.window.showErrorMessage(`Dockwright: ${message}`);
      return { status: 'error', app, message };
    }
    this.building.add(app);
    try {
      return await this.launch(described.launch, options);
    } finally {
      this.building.delete(app);
      // The status bar and the dashboard count the running containers.
      void this.monitor.check();
    }
  }

  private refuse(reason: string | undefined): BuildAndRunResult {
    if (reason) void vscode.window.showErrorMessage(`Dockwright: ${reason}`);
    return { status: 'refused', reason: reason ?? 'no Dockerfile was chosen' };
  }

  private async launch(launch: AppLaunch, options: BuildAndRunOptions): Promise<BuildAndRunResult> {
    const settings = readSettings();
    const controller = new AbortController();
    const cancel = () => controller.abort();
    this.terminals.get(launch.app)?.dispose();
    const terminal = new BuildTerminal(`Dockwright: build ${launch.app}`, cancel);
    this.terminals.set(launch.app, terminal);
    terminal.write(`${ANSI.bold}$ ${renderCommand(settings.dockerPath, buildArguments(launch.build))}${ANSI.reset}\n` +
      '(Ctrl+C here or Cancel on the notification stops the build.)\n\n');
    terminal.reveal();
    const external = options.cancellation?.onCancellationRequested(cancel);
    try {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Dockwright: Build & Run ${launch.app}`, cancellable: true },
        async (progress, token) => {
          token.onCancellationRequested(cancel);
          if (options.cancellation?.isCancellationRequested) cancel();
          const [{ launchApp }, { DockerClient, DockerError }] = await Promise.all([import('../docker/appLauncher'), import('../docker/client')]);
          const env = dockerEnvironment();
          try {
            return await launchApp(launch, {
              client: new DockerClient(settings.requestTimeoutMs, env),
              dockerPath: settings.dockerPath,
              env,
              signal: controller.signal,
              onOutput: (text) => terminal.write(text),
              onStep: (step) => progress.report({ message: step.length > 80 ? `${step.slice(0, 79)}…` : step }),
              readyTimeoutMs: READY_TIMEOUT_MS,
            });
          } catch (err) {
            if (!(err instanceof DockerError)) throw err;
            return { status: 'error' as const, app: launch.app, message: `${err.failure.message} ${err.failure.fix}` };
          }
        });
      this.report(result, launch, terminal, settings.dockerPath);
      return result;
    } finally {
      external?.dispose();
    }
  }

  /** Tells the person how it went: in the terminal, in full; in a notification, in a sentence or two. */
  private report(result: Exclude<BuildAndRunResult, { status: 'refused' }>, launch: AppLaunch, terminal: BuildTerminal, dockerPath: string): void {
    const { app } = launch;
    const name = launch.run.containerName;
    switch (result.status) {
      case 'running': {
        const how = result.health === 'healthy' ? 'its HEALTHCHECK passes' : 'it answers HTTP (the image has no HEALTHCHECK)';
        terminal.write(`\n${ANSI.green}✔ ${app} is running on ${result.url}: ${how}.${ANSI.reset}\n`);
        void vscode.window.showInformationMessage(`${app} is running on ${result.url}`, 'Open in Browser', 'Show Logs')
          .then((choice) => {
            if (choice === 'Open in Browser') void vscode.env.openExternal(vscode.Uri.parse(result.url));
            else if (choice === 'Show Logs') showLogs(name, dockerPath);
          });
        return;
      }
      case 'build-failed': {
        const { step, lines, hint } = result.failure;
        const where = step ? ` at ${step.name}` : '';
        terminal.write(`\n${ANSI.red}${ANSI.bold}✘ The build failed${where}.${ANSI.reset}\n` +
          lines.map((l) => `${ANSI.red}  ${l}${ANSI.reset}\n`).join('') +
          (hint ? `${ANSI.yellow}Hint: ${hint.message}${ANSI.reset}\n` : ''));
        const why = hint?.message ?? lines[lines.length - 1] ?? `docker build exited with code ${result.exitCode}.`;
        void vscode.window.showErrorMessage(`Dockwright: building ${app} failed${where}. ${why}`, 'Show Build Output')
          .then((choice) => choice && terminal.reveal());
        return;
      }
      case 'not-ready': {
        const readiness = result.readiness;
        const what = readiness.status === 'exited' ? `stopped (exit code ${readiness.exitCode}) before it was ready`
          : readiness.status === 'unhealthy' ? `is unhealthy: its HEALTHCHECK failed (${readiness.detail})`
            : `was not healthy after ${READY_TIMEOUT_MS / 1000} s`;
        terminal.write(`\n${ANSI.red}✘ ${app} ${what}. Its last log lines:${ANSI.reset}\n${result.logs.map((l) => `  ${l}\n`).join('')}`);
        const last = result.logs.slice(-2).join(' ⏎ ');
        void vscode.window.showErrorMessage(`Dockwright: ${app} ${what}.${last ? ` Last log lines: ${last}` : ''}`, 'Show Logs', 'Show Build Output')
          .then((choice) => {
            if (choice === 'Show Logs') showLogs(name, dockerPath);
            else if (choice) terminal.reveal();
          });
        return;
      }
      case 'cancelled':
        terminal.write(`\n${ANSI.yellow}Cancelled during the ${result.during}; nothing of this run is left running.${ANSI.reset}\n`);
        return;
      case 'error':
        terminal.write(`\n${ANSI.red}✘ ${result.message}${ANSI.reset}\n`);
        void vscode.window.showErrorMessage(`Dockwright: ${result.message}`);
        return;
    }
  }

  dispose(): void {
    for (const terminal of this.terminals.values()) terminal.dispose();
    this.terminals.clear();
  }
}
