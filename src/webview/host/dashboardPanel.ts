import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { DockerClient, DockerError } from '../../docker/client';
import { runContainerAction, inspectContainer } from '../../docker/containers';
import { isPodmanEndpoint } from '../../core/knowledge/dockerErrors';
import type { CompareService } from '../../extension/compareBuilds';
import type { DetectionService } from '../../extension/detectionService';
import type { EngineMonitor } from '../../extension/engineMonitor';
import { dockerEnvironment, readLogsMaxLines, readSettings } from '../../extension/settings';
import { SETTINGS, VIEWS } from '../../shared/ids';
import type { AppImage, ContainerActionKind, EndpointInfo, HostMessage, WebviewMessage } from '../../shared/protocol';
import { ContainersFeed } from './containersFeed';
import { imageLayersMessage, listAppImages } from './imagesFeed';
import { LogsFeed } from './logsFeed';
import { detectWorkspaceApps, type WorkspaceApps } from './workspaceApps';

export interface DashboardServices {
  monitor: EngineMonitor;
  detection?: DetectionService;
  compare: CompareService;
}

/** The dashboard panel: one at a time, restored after a reload by the serializer below. */
export class DashboardPanel implements vscode.Disposable {
  private static current: DashboardPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly posted = new vscode.EventEmitter<HostMessage>();
  /** Every message the webview was sent (tests observe the panel through it). */
  readonly onDidPost = this.posted.event;
  readonly containers: ContainersFeed;
  readonly logs: LogsFeed;
  private ready = false;
  private client: DockerClient;
  private workspace: Promise<WorkspaceApps> | undefined;
  private images: AppImage[] = [];

  static show(extensionUri: vscode.Uri, services: DashboardServices): DashboardPanel {
    if (DashboardPanel.current) {
      DashboardPanel.current.panel.reveal();
      return DashboardPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(VIEWS.dashboard, 'Dockwright Dashboard', vscode.ViewColumn.Active,
      DashboardPanel.options(extensionUri));
    return new DashboardPanel(panel, extensionUri, services);
  }

  static options(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
  }

  constructor(readonly panel: vscode.WebviewPanel, private readonly extensionUri: vscode.Uri, private readonly services: DashboardServices) {
    DashboardPanel.current = this;
    this.client = DashboardPanel.newClient();
    this.containers = new ContainersFeed((m) => this.post(m), (state) => {
      // The first failed attempt and the recovery are what the status bar and the engine card need to hear.
      if ((state.status === 'reconnecting' && state.attempt === 1) || state.status === 'live') void services.monitor.check().catch(() => undefined);
    });
    this.logs = new LogsFeed((m) => this.post(m), readLogsMaxLines());
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    panel.webview.options = DashboardPanel.options(extensionUri);
    panel.webview.html = this.html();
    this.disposables.push(
      this.posted,
      panel.onDidDispose(() => this.dispose()),
      // Without retainContextWhenHidden a hidden webview is torn down; it says `ready` again when shown.
      panel.onDidChangeViewState(() => !panel.visible && (this.ready = false)),
      panel.webview.onDidReceiveMessage((m: WebviewMessage) => void this.handle(m)),
      services.monitor.onDidChange((state) => this.post({ type: 'engine', state })),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SETTINGS.section}.docker`)) this.reconnect();
        if (e.affectsConfiguration(`${SETTINGS.section}.${SETTINGS.logsMaxLines}`)) this.logs.setMaxLines(readLogsMaxLines());
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.loadWorkspace()),
    );
    this.containers.start(this.client);
    this.loadWorkspace();
  }

  private static newClient(): DockerClient {
    return new DockerClient(readSettings().requestTimeoutMs, dockerEnvironment());
  }

  /** A changed dockwright.docker.* setting may point somewhere else: start over there. */
  private reconnect(): void {
    this.client = DashboardPanel.newClient();
    this.logs.close();
    this.containers.start(this.client);
    this.post({ type: 'endpoint', endpoint: this.endpointInfo() });
  }

  private loadWorkspace(): void {
    const detection = this.services.detection;
    this.workspace = detection ? detectWorkspaceApps(detection) : Promise.resolve({ apps: [], targets: new Map(), info: { folders: [], apps: [] } });
    void this.workspace.then((ws) => this.containers.setWorkspace(ws.info), () => undefined);
  }

  private endpointInfo(): EndpointInfo {
    const endpoint = this.client.endpoint;
    const fromSetting = vscode.workspace.getConfiguration(SETTINGS.section).get<string>(SETTINGS.dockerHost, '').trim();
    const source = fromSetting ? 'setting' : process.env.DOCKER_HOST ? 'DOCKER_HOST' : endpoint.context ? 'context' : 'default';
    return { display: endpoint.display, source, context: endpoint.context, podman: isPodmanEndpoint(endpoint.display) };
  }

  private post(message: HostMessage): void {
    if (!this.ready) return;
    void this.panel.webview.postMessage(message);
    this.posted.fire(message);
  }

  /** A message from the webview (public so tests can act as the webview does). */
  async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.post({ type: 'endpoint', endpoint: this.endpointInfo() });
        if (this.services.monitor.state) this.post({ type: 'engine', state: this.services.monitor.state });
        this.containers.replay();
        this.logs.replay();
        for (const [appKey, result] of Object.entries(this.services.compare.results())) this.post({ type: 'compareResult', appKey, result });
        void this.services.monitor.check().catch(() => undefined);
        void this.sendImages();
        break;
      case 'refresh':
        void this.containers.resync().catch(() => undefined);
        void this.services.monitor.check().then(
          (state) => this.post({ type: 'engine', state, requestId: message.requestId }),
          () => undefined,
        );
        break;
      case 'containerAction':
        await this.containerAction(message.requestId, message.id, message.action);
        break;
      case 'openPort':
        if (/^http:\/\/[^/\s]+\/$/.test(message.url)) void vscode.env.openExternal(vscode.Uri.parse(message.url));
        break;
      case 'stopLogs':
        this.logs.close();
        break;
      case 'copyText':
        await vscode.env.clipboard.writeText(message.text);
        void vscode.window.setStatusBarMessage(`Dockwright: copied ${message.what}`, 3000);
        break;
      case 'listImages':
        await this.sendImages(message.requestId);
        break;
      case 'imageLayers':
        await this.sendLayers(message.requestId, message.imageId);
        break;
      case 'openDockerfile': {
        const document = await vscode.workspace.openTextDocument(vscode.Uri.file(message.path));
        const position = new vscode.Position(Math.max(0, message.line - 1), 0);
        await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.Beside });
        break;
      }
      case 'compare':
        await this.compare(message.appKey);
        break;
      case 'tab':
        break;
    }
  }

  private async containerAction(requestId: number, id: string, action: ContainerActionKind): Promise<void> {
    const row = this.containers.list().find((r) => r.id === id);
    const name = row?.name ?? id.slice(0, 12);
    try {
      switch (action) {
        case 'logs':
          this.post({ type: 'showTab', tab: 'logs' });
          await this.logs.open(this.client, id, name);
          break;
        case 'shell':
          this.openShell(id, name);
          break;
        case 'inspect': {
          const info = await inspectContainer(this.client, id);
          const document = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(info, null, 2) });
          await vscode.window.showTextDocument(document, { preview: true });
          break;
        }
        case 'remove': {
          const choice = await vscode.window.showWarningMessage(`Remove the container "${name}"?`,
            { modal: true, detail: 'It is stopped first if it runs; its writable layer is deleted. Named volumes stay.' }, 'Remove');
          if (choice !== 'Remove') {
            this.post({ type: 'actionResult', requestId, ok: false, message: 'Cancelled.' });
            return;
          }
          await runContainerAction(this.client, id, 'remove');
          break;
        }
        default:
          await runContainerAction(this.client, id, action);
      }
      this.post({ type: 'actionResult', requestId, ok: true });
    } catch (err) {
      const message = err instanceof DockerError ? `${err.failure.message} ${err.failure.fix}` : String(err);
      this.post({ type: 'actionResult', requestId, ok: false, message });
      void vscode.window.showErrorMessage(`Dockwright could not ${action} "${name}": ${message}`);
    }
  }

  private openShell(id: string, name: string): void {
    const docker = readSettings().dockerPath;
    const terminal = vscode.window.createTerminal({
      name: `Shell: ${name}`,
      shellPath: docker,
      // bash when the image has it, else sh (slim and alpine images).
      shellArgs: ['exec', '-it', id, 'sh', '-c', 'if command -v bash >/dev/null; then exec bash; else exec sh; fi'],
      env: { DOCKER_HOST: dockerEnvironment().DOCKER_HOST ?? null },
    });
    terminal.show();
  }

  private async sendImages(requestId?: number): Promise<void> {
    const workspace = await this.workspace;
    if (!workspace) return;
    try {
      this.images = await listAppImages(this.client, workspace);
    } catch {
      this.images = [];
    }
    this.post({ type: 'images', requestId, images: this.images, apps: workspace.apps });
  }

  private async sendLayers(requestId: number, imageId: string): Promise<void> {
    const image = this.images.find((i) => i.id === imageId);
    if (!image) return;
    try {
      this.post(await imageLayersMessage(this.client, requestId, image, this.services.compare.results()));
    } catch (err) {
      const error = err instanceof DockerError ? err.failure.message : String(err);
      this.post({ type: 'imageLayers', requestId, imageId, layers: [], size: image.size, error });
    }
  }

  private async compare(appKey: string): Promise<void> {
    const target = (await this.workspace)?.targets.get(appKey);
    if (!target) {
      this.post({ type: 'compareProgress', appKey, progress: { status: 'failed', message: 'That app is no longer detected in the workspace.' } });
      return;
    }
    try {
      const result = await this.services.compare.run(target, (variant, step) =>
        this.post({ type: 'compareProgress', appKey, progress: { status: 'running', variant, step } }));
      this.post({ type: 'compareProgress', appKey, progress: { status: 'idle' } });
      this.post({ type: 'compareResult', appKey, result });
      void this.sendImages();
    } catch (err) {
      this.post({ type: 'compareProgress', appKey, progress: { status: 'failed', message: err instanceof Error ? err.message : String(err) } });
    }
  }

  private html(): string {
    const webview = this.panel.webview;
    const nonce = randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'dashboard.css'));
    const csp = [
      "default-src 'none'",
      // vscode-elements (Lit) adopt constructed stylesheets and set inline styles on their own elements.
      `style-src ${webview.cspSource} 'unsafe-inline'`,
      `font-src ${webview.cspSource}`,
      `img-src ${webview.cspSource} data:`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>Dockwright Dashboard</title>
</head>
<body>
<main id="app"></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
  }

  dispose(): void {
    if (DashboardPanel.current === this) DashboardPanel.current = undefined;
    this.containers.dispose();
    this.logs.dispose();
    this.panel.dispose();
    vscode.Disposable.from(...this.disposables.splice(0)).dispose();
  }
}
