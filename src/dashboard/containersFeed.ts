/**
 * The dashboard's container list on the host side: the watcher's rows, marked as the workspace's
 * or not, kept in a map (so a reloaded webview gets them at once) and posted as a snapshot or
 * as one-row updates. No vscode import: the benchmark drives it in plain node.
 */
import { isWorkspaceContainer, type ContainerRow, type WorkspaceInfo } from '../core/dashboard/containers';
import type { DockerClient } from '../docker/client';
import { ContainerWatcher, type WatcherOptions } from '../docker/containerWatcher';
import type { ConnectionState } from '../docker/types';
import type { HostMessage } from '../shared/protocol';

export class ContainersFeed {
  private readonly rows = new Map<string, ContainerRow>();
  private watcher: ContainerWatcher | undefined;
  private connectionState: ConnectionState = { status: 'connecting' };
  private workspace: WorkspaceInfo = { folders: [], apps: [] };

  constructor(
    private readonly post: (message: HostMessage) => void,
    private readonly onConnection: (state: ConnectionState) => void = () => undefined,
    private readonly watcherOptions: Partial<WatcherOptions> = {},
  ) {}

  get connection(): ConnectionState {
    return this.connectionState;
  }

  get stats(): ContainerWatcher['stats'] | undefined {
    return this.watcher?.stats;
  }

  list(): ContainerRow[] {
    return [...this.rows.values()];
  }

  /** (Re)starts watching through `client`: after a settings change the endpoint may differ. */
  start(client: DockerClient): void {
    this.watcher?.dispose();
    this.rows.clear();
    this.watcher = new ContainerWatcher(client, {
      snapshot: (rows) => {
        this.rows.clear();
        for (const row of rows) this.rows.set(row.id, this.mark(row));
        this.post({ type: 'containers', rows: this.list() });
      },
      update: (row, eventAt) => {
        const marked = this.mark(row);
        // The inspect after an event mostly confirms what the event said: nothing to send then.
        if (JSON.stringify(marked) === JSON.stringify(this.rows.get(row.id))) return;
        this.rows.set(row.id, marked);
        this.post({ type: 'containerUpdate', row: marked, timing: eventAt ? { eventAt, postedAt: Date.now() } : undefined });
      },
      remove: (id) => {
        if (this.rows.delete(id)) this.post({ type: 'containerRemoved', id });
      },
      current: (id) => this.rows.get(id),
      connection: (state) => {
        this.connectionState = state;
        this.post({ type: 'connection', connection: state });
        this.onConnection(state);
      },
    }, this.watcherOptions);
    this.watcher.start();
  }

  resync(): Promise<void> {
    return this.watcher?.resync() ?? Promise.resolve();
  }

  setWorkspace(workspace: WorkspaceInfo): void {
    this.workspace = workspace;
    for (const [id, row] of this.rows) this.rows.set(id, this.mark(row));
    this.replay();
  }

  /** Everything the webview needs after a (re)load. */
  replay(): void {
    this.post({ type: 'connection', connection: this.connectionState });
    if (this.connectionState.status !== 'connecting') this.post({ type: 'containers', rows: this.list() });
  }

  private mark(row: ContainerRow): ContainerRow {
    return { ...row, workspace: isWorkspaceContainer(row, this.workspace) };
  }

  dispose(): void {
    this.watcher?.dispose();
    this.watcher = undefined;
  }
}
