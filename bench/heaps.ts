/**
 * Reading the two heaps the dashboard lives in, each after a garbage collection: the webview's
 * renderer through Playwright's CDP session, and the extension host through its inspector (the
 * workbench starts it with one when its URL asks for `inspect-extensions`). The inspector also runs
 * Dockwright's diagnostics command in the extension host and counts the host's open handles.
 */
import * as http from 'node:http';
import type { DashboardDiagnostics } from '../src/dashboard/register';
import type { Page } from '../test/harness/playwright';

export interface CdpSession { send(method: string, params?: object): Promise<unknown>; detach(): Promise<void>; on(event: string, listener: (params: { response?: { payloadData?: string } }) => void): void }
interface PwFrame { url(): string }
export interface PageInternals { frames(): PwFrame[]; context(): { newCDPSession(target: unknown): Promise<CdpSession> } }

/**
 * The JS heap of the renderer that runs the webview, after a garbage collection: the webview's
 * own session when its frame is out of process, else the page's (the isolate it shares).
 */
export async function webviewHeap(page: Page): Promise<{ bytes: number; scope: string }> {
  const internals = page as unknown as PageInternals;
  const frame = internals.frames().filter((f) => f.url().includes('fake.html')).at(-1);
  let session: CdpSession;
  let scope = 'webview process';
  try {
    session = await internals.context().newCDPSession(frame);
  } catch {
    session = await internals.context().newCDPSession(page);
    scope = 'renderer shared with the workbench';
  }
  await session.send('HeapProfiler.collectGarbage');
  const usage = (await session.send('Runtime.getHeapUsage')) as { usedSize: number };
  await session.detach();
  return { bytes: usage.usedSize, scope };
}

function getJson<T>(url: string): Promise<T> {
  return new Promise((resolve, reject) => {
    http.get(url, { timeout: 2000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => {
        try {
          resolve(JSON.parse(body) as T);
        } catch (err) {
          reject(err as Error);
        }
      });
    }).on('error', reject).on('timeout', function (this: http.ClientRequest) {
      this.destroy(new Error('timeout'));
    });
  });
}

interface RemoteResult { result: { value?: unknown }; exceptionDetails?: { text: string; exception?: { description?: string } } }

/** The extension host's inspector (Chrome DevTools Protocol over a WebSocket, Node's own client). */
export class ExtensionHostInspector {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
      const waiting = message.id === undefined ? undefined : this.pending.get(message.id);
      if (!waiting || message.id === undefined) return;
      this.pending.delete(message.id);
      if (message.error) waiting.reject(new Error(message.error.message));
      else waiting.resolve(message.result);
    });
  }

  /** Waits for the extension host to listen on `port` (it starts with the workbench), then attaches. */
  static async connect(port: number, timeoutMs = 60_000): Promise<ExtensionHostInspector> {
    if (typeof WebSocket === 'undefined') throw new Error('this node has no WebSocket client: run it with --experimental-websocket');
    const deadline = Date.now() + timeoutMs;
    let targets: { webSocketDebuggerUrl: string }[] = [];
    while (!targets.length) {
      targets = await getJson<{ webSocketDebuggerUrl: string }[]>(`http://127.0.0.1:${port}/json/list`).catch(() => []);
      if (targets.length) break;
      if (Date.now() > deadline) throw new Error(`no extension host inspector on 127.0.0.1:${port}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
    await new Promise((resolve, reject) => {
      socket.addEventListener('open', resolve);
      socket.addEventListener('error', () => reject(new Error('could not attach to the extension host inspector')));
    });
    return new ExtensionHostInspector(socket);
  }

  send(method: string, params: object = {}): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Runs `expression` in the extension host (awaited; `require` as in its REPL) and returns its value. */
  async evaluate<T>(expression: string): Promise<T> {
    const answer = (await this.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true, includeCommandLineAPI: true })) as RemoteResult;
    if (answer.exceptionDetails) throw new Error(`in the extension host: ${answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text}`);
    return answer.result.value as T;
  }

  /** The extension host's used JS heap after two full collections (the second frees what finalizers released). */
  async heap(): Promise<number> {
    await this.send('HeapProfiler.collectGarbage');
    await this.send('HeapProfiler.collectGarbage');
    return ((await this.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
  }

  /**
   * Dockwright's own counts, from its Dashboard Diagnostics command, called through the API the
   * extension host gives a module inside `extensionRoot` (its interceptor answers `require('vscode')`
   * by the requiring file's path, once installed: a moment after the inspector listens).
   */
  async diagnostics(extensionRoot: string): Promise<DashboardDiagnostics> {
    const inside = JSON.stringify(`${extensionRoot}/package.json`);
    const expression = `require('module').createRequire(${inside})('vscode').commands.executeCommand('dockwright.dashboardDiagnostics')`;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.evaluate<DashboardDiagnostics>(expression);
      } catch (err) {
        if (attempt >= 60 || !/Cannot find module 'vscode'/.test(String(err))) throw err;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  /** The host process's open handles by kind (sockets, pipes, timers), as node counts them. */
  handles(): Promise<Record<string, number>> {
    return this.evaluate('process.getActiveResourcesInfo().reduce((n, k) => ({ ...n, [k]: (n[k] ?? 0) + 1 }), {})');
  }

  close(): void {
    this.socket.close();
  }
}
