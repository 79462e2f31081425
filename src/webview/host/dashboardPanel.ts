import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { COMMANDS, VIEWS } from '../../shared/ids';
import type { HostMessage, WebviewMessage } from '../../shared/protocol';
import type { EngineMonitor } from '../../extension/engineMonitor';

/** The dashboard panel: one at a time, restored after a reload by the serializer below. */
export class DashboardPanel implements vscode.Disposable {
  private static current: DashboardPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;

  static show(extensionUri: vscode.Uri, monitor: EngineMonitor): DashboardPanel {
    if (DashboardPanel.current) {
      DashboardPanel.current.panel.reveal();
      return DashboardPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(VIEWS.dashboard, 'Dockwright Dashboard', vscode.ViewColumn.Active,
      DashboardPanel.options(extensionUri));
    return new DashboardPanel(panel, extensionUri, monitor);
  }

  static options(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
  }

  constructor(readonly panel: vscode.WebviewPanel, private readonly extensionUri: vscode.Uri, private readonly monitor: EngineMonitor) {
    DashboardPanel.current = this;
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    panel.webview.options = DashboardPanel.options(extensionUri);
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: WebviewMessage) => this.receive(m)),
      monitor.onDidChange((state) => this.post({ type: 'engine', state })),
    );
  }

  private post(message: HostMessage): void {
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  private receive(message: WebviewMessage): void {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.monitor.state) this.post({ type: 'engine', state: this.monitor.state });
        void this.monitor.check().catch(() => undefined);
        break;
      case 'refresh':
        void this.monitor.check().then(
          (state) => this.post({ type: 'engine', state, requestId: message.requestId }),
          () => undefined,
        );
        break;
    }
  }

  private html(): string {
    const webview = this.panel.webview;
    const nonce = randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'dashboard.css'));
    const csp = [
      "default-src 'none'",
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
<main id="app" aria-live="polite"></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
  }

  dispose(): void {
    if (DashboardPanel.current === this) DashboardPanel.current = undefined;
    this.panel.dispose();
    vscode.Disposable.from(...this.disposables.splice(0)).dispose();
  }
}

export function registerDashboard(context: vscode.ExtensionContext, monitor: EngineMonitor): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.openDashboard, () => DashboardPanel.show(context.extensionUri, monitor).panel),
    vscode.window.registerWebviewPanelSerializer(VIEWS.dashboard, {
      deserializeWebviewPanel: async (panel) => {
        new DashboardPanel(panel, context.extensionUri, monitor);
      },
    }),
  );
}
