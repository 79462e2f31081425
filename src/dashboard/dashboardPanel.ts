import * as vscode from 'vscode';
import type { CompareResult } from '../core/dashboard/compareBuilds';
import { isPodmanEndpoint } from '../core/knowledge/dockerErrors';
import { DockerClient, DockerError } from '../docker/client';
import { openStreamCount } from '../docker/streams';
import { COMMANDS, VIEWS, SETTINGS } from '../shared/ids';
import type {
  AppImage, CompareProgress, ContainerActionKind, EndpointInfo, HostMessage, ImageLayers, ImageList, ReplyMessage, RequestMessage,
  RequestName, RequestParams, RequestResult, WebviewMessage,
} from '../shared/protocol';
import type { CompareService } from './compareService';
import { runContainerCommand } from './containerActions';
import { ContainersFeed } from './containersFeed';
import { dashboardHtml } from './dashboardHtml';
import { imageLayers, listAppImages } from './imagesFeed';
import { LogsFeed } from './logsFeed';
import type { DashboardServices } from './services';
import { detectWorkspaceApps, type WorkspaceApps } from './workspaceApps';

type RequestHandlers = { [K in RequestName]: (params: RequestParams<K>) => Promise<RequestResult<K>> };

/** A failure as the person reads it: the daemon's, explained with its fix, or the error's own words. */
function errorText(err: unknown): string {
  if (err instanceof DockerError) return `${err.failure.message} ${err.failure.fix}`;
  return err instanceof Error ? err.message : String(err);
}

/** The dashboard panel: one at a time, restored after a reload by the serializer (see register.ts). */
export class DashboardPanel implements vscode.Disposable {
  private static current: DashboardPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly posted = new vscode.EventEmitter<HostMessage>();
  /** Every message the webview was sent (tests observe the panel through it). */
  readonly onDidPost = this.posted.event;
  readonly containers: ContainersFeed;
  readonly logs: LogsFeed;
  private ready = false;
  /** Counts the webview's loads: a reloaded webview numbers its requests afresh. */
  private generation = 0;
  private client: DockerClient;
  private workspace: Promise<WorkspaceApps>;
  private images: AppImage[] = [];
  private readonly handlers: RequestHandlers = {
    refresh: () => {
      void this.containers.resync().catch(() => undefined);
      return this.services.monitor.check();
    },
    containerAction: ({ id, action }) => this.containerAction(id, action),
    listImages: () => this.imageList(),
    imageLayers: ({ imageId }) => this.imageLayers(imageId),
    compare: ({ appKey }) => this.compareApp(appKey),
  };

  static show(extensionUri: vscode.Uri, services: DashboardServices, compare: CompareService): DashboardPanel {
    if (DashboardPanel.current) {
      DashboardPanel.current.panel.reveal();
      return DashboardPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(VIEWS.dashboard, 'Dockwright Dashboard', vscode.ViewColumn.Active,
      DashboardPanel.options(extensionUri));
    return new DashboardPanel(panel, extensionUri, services, compare);
  }

  static diagnostics(): { dashboardOpen: boolean; openStreams: number } {
    return { dashboardOpen: DashboardPanel.current !== undefined, openStreams: openStreamCount() };
  }

  static options(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
  }

  constructor(
    readonly panel: vscode.WebviewPanel, extensionUri: vscode.Uri,
    private readonly services: DashboardServices, private readonly compare: CompareService,
  ) {
    DashboardPanel.current = this;
    const settings = services.settings;
    this.client = this.newClient();
    this.containers = new ContainersFeed((m) => this.post(m), (state) => {
      // The first failed attempt and the recovery are what the status bar and the engine card need to hear.
      if ((state.status === 'reconnecting' && state.attempt === 1) || state.status === 'live') void services.monitor.check().catch(() => undefined);
    });
    this.logs = new LogsFeed((m) => this.post(m), settings.readLogsMaxLines());
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    panel.webview.options = DashboardPanel.options(extensionUri);
    panel.webview.html = dashboardHtml(panel.webview, extensionUri);
    this.disposables.push(
      this.posted,
      panel.onDidDispose(() => this.dispose()),
      // Without retainContextWhenHidden a hidden webview is torn down; it says `ready` again when shown.
      panel.onDidChangeViewState(() => !panel.visible && (this.ready = false)),
      panel.webview.onDidReceiveMessage((m: WebviewMessage) => void this.handle(m)),
      services.monitor.onDidChange((state) => this.post({ type: 'engine', state })),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SETTINGS.section}.docker`)) this.reconnect();
        if (e.affectsConfiguration(`${SETTINGS.section}.${SETTINGS.logsMaxLines}`)) this.logs.setMaxLines(settings.readLogsMaxLines());
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => (this.workspace = this.loadWorkspace())),
    );
    this.containers.start(this.client);
    this.workspace = this.loadWorkspace();
  }

  /** A remote (ssh://) engine's port is opened through a tunnel; its host name means nothing here. */
  private async openPort(url: string): Promise<void> {
    try {
      const target = this.client.ssh ? (await this.client.reachPort(Number(new URL(url).port))).url : url;
      await vscode.env.openExternal(vscode.Uri.parse(target));
    } catch (err) {
      void vscode.window.showErrorMessage(err instanceof Error ? err.message : String(err));
    }
  }

  private newClient(): DockerClient {
    return DockerClient.fromSettings(this.services.settings);
  }

  /** A changed dockwright.docker.* setting may point somewhere else: start over there. */
  private reconnect(): void {
    this.client = this.newClient();
    this.logs.close();
    this.containers.start(this.client);
    this.post({ type: 'endpoint', endpoint: this.endpointInfo() });
  }

  private loadWorkspace(): Promise<WorkspaceApps> {
    const detection = this.services.detection;
    const workspace = detection ? detectWorkspaceApps(detection) : Promise.resolve({ apps: [], targets: new Map(), info: { folders: [], apps: [] } });
    void workspace.then((ws) => this.containers.setWorkspace(ws.info), () => undefined);
    return workspace;
  }

  private endpointInfo(): EndpointInfo {
    const endpoint = this.client.endpoint;
    const source = this.services.settings.readDockerHost() ? 'setting' : process.env.DOCKER_HOST ? 'DOCKER_HOST' : endpoint.context ? 'context' : 'default';
    return { display: endpoint.display, source, context: endpoint.context, podman: isPodmanEndpoint(endpoint.display) };
  }

  /** False when there is no webview to take it (hidden or not loaded yet). */
  private post(message: HostMessage): boolean {
    if (!this.ready) return false;
    void this.panel.webview.postMessage(message);
    this.posted.fire(message);
    return true;
  }

  /** A message from the webview (public so tests can act as the webview does). */
  async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.generation++;
        this.post({ type: 'endpoint', endpoint: this.endpointInfo() });
        if (this.services.monitor.state) this.post({ type: 'engine', state: this.services.monitor.state });
        this.containers.replay();
        this.logs.replay();
        for (const [appKey, result] of Object.entries(this.compare.results())) this.post({ type: 'compareResult', appKey, result });
        void this.services.monitor.check().catch(() => undefined);
        this.pushImages();
        break;
      case 'request':
        await this.answer(message);
        break;
      case 'openPort':
        if (/^http:\/\/[^/\s]+\/$/.test(message.url)) void this.openPort(message.url);
        break;
      case 'stopLogs':
        this.logs.close();
        break;
      case 'logsView':
        this.logs.setView(message.session, message);
        break;
      case 'logsAck':
        this.logs.acknowledge(message.session);
        break;
      case 'copyLogs': {
        const shown = this.logs.shownText(message.session, message.timestamps);
        if (!shown) break;
        await vscode.env.clipboard.writeText(shown.text);
        void vscode.window.setStatusBarMessage(`Dockwright: copied ${shown.lines} log line(s)`, 3000);
        break;
      }
      case 'openFullLog':
        // The command says itself what went wrong.
        await vscode.commands.executeCommand(COMMANDS.openFullLog, { containerId: message.containerId, timestamps: message.timestamps })
          .then(undefined, () => undefined);
        break;
      case 'openDockerfile': {
        const document = await vscode.workspace.openTextDocument(vscode.Uri.file(message.path));
        const position = new vscode.Position(Math.max(0, message.line - 1), 0);
        await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.Beside });
        break;
      }
      case 'tab':
        break;
    }
  }

  /** Runs the request's handler and replies to the webview load that asked, with the result or the error. */
  private async answer<K extends RequestName>(request: RequestMessage<K>): Promise<void> {
    const generation = this.generation;
    const { id, method } = request;
    let reply: ReplyMessage<K>;
    try {
      reply = { type: 'reply', id, method, result: await this.handlers[method](request.params) };
    } catch (err) {
      reply = { type: 'reply', id, method, error: errorText(err) };
    }
    if (generation === this.generation) this.post(reply);
  }

  private async containerAction(id: string, action: ContainerActionKind): Promise<RequestResult<'containerAction'>> {
    const row = this.containers.list().find((r) => r.id === id);
    const name = row?.name ?? id.slice(0, 12);
    try {
      if (action !== 'logs') return await runContainerCommand(this.client, this.services.settings, id, name, action);
      this.post({ type: 'showTab', tab: 'logs' });
      await this.logs.open(this.client, id, name);
      return 'done';
    } catch (err) {
      void vscode.window.showErrorMessage(`Dockwright could not ${action} "${name}": ${errorText(err)}`);
      throw err;
    }
  }

  private async imageList(): Promise<ImageList> {
    const workspace = await this.workspace;
    try {
      this.images = await listAppImages(this.client, workspace);
    } catch {
      this.images = [];
    }
    return { images: this.images, apps: workspace.apps };
  }

  /** The list without being asked: when the webview loads and after a comparison built new images. */
  private pushImages(): void {
    void this.imageList().then((list) => this.post({ type: 'images', ...list }), () => undefined);
  }

  private async imageLayers(imageId: string): Promise<ImageLayers> {
    const image = this.images.find((i) => i.id === imageId);
    if (!image) throw new Error('That image is no longer listed: refresh the list.');
    try {
      return await imageLayers(this.client, image, this.compare.results());
    } catch (err) {
      const error = err instanceof DockerError ? err.failure.message : String(err);
      return { imageId, layers: [], size: image.size, error };
    }
  }

  /**
   * Progress and the outcome also go out as notifications: a webview hidden during the minutes a
   * comparison takes is a new one when shown again, and it shows them too.
   */
  private async compareApp(appKey: string): Promise<CompareResult> {
    const progress = (state: CompareProgress) => this.post({ type: 'compareProgress', appKey, progress: state });
    try {
      const target = (await this.workspace).targets.get(appKey);
      if (!target) throw new Error('That app is no longer detected in the workspace.');
      const result = await this.compare.run(target, (variant, step) => progress({ status: 'running', variant, step }));
      progress({ status: 'idle' });
      this.post({ type: 'compareResult', appKey, result });
      this.pushImages();
      return result;
    } catch (err) {
      progress({ status: 'failed', message: errorText(err) });
      throw err;
    }
  }

  dispose(): void {
    // The webview is gone: what the feeds flush while closing has nowhere to go (and posting would throw).
    this.ready = false;
    if (DashboardPanel.current === this) DashboardPanel.current = undefined;
    this.containers.dispose();
    this.logs.dispose();
    this.panel.dispose();
    vscode.Disposable.from(...this.disposables.splice(0)).dispose();
  }
}
