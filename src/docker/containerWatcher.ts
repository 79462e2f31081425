/**
 * The live container list: the daemon's event stream drives it, not polling. On a dropped
 * stream it reconnects with backoff and resynchronizes with one list call; each event then
 * costs one inspect of its container. Events that arrive while a list call runs wait for it,
 * so an older list never overwrites a newer state.
 */
import { rowAfterEvent, type ContainerEvent } from '../core/dashboard/containerEvents';
import type { ContainerRow } from '../core/dashboard/containers';
import { DockerError, toDockerError, type DockerClient } from './client';
import { inspectContainerRow, listContainerRows, withImageBuilds } from './containers';
import { openStream, type OpenStream } from './streams';
import type { ConnectionState } from './types';

export interface WatcherListener {
  /** The full list, after connecting and after each reconnect. */
  snapshot(rows: ContainerRow[]): void;
  /** `eventAt`: when the daemon event that this update applies was read (absent for inspect refinements). */
  update(row: ContainerRow, eventAt?: number): void;
  remove(id: string): void;
  /** The row as shown now, so an event can be applied to it at once (before the inspect that refines it). */
  current?(id: string): ContainerRow | undefined;
  connection(state: ConnectionState): void;
}

export interface WatcherOptions {
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** Events for one container within this window cost one inspect. */
  coalesceMs: number;
}

const DEFAULTS: WatcherOptions = { initialBackoffMs: 250, maxBackoffMs: 5000, coalesceMs: 15 };

/** Actions that change what the list shows; exec_* (health checks, shells) and attach do not. */
const RELEVANT = /^(create|start|restart|stop|die|kill|pause|unpause|destroy|rename|update|oom|health_status)/;

interface DockerEvent extends ContainerEvent {
  Type?: string;
  id?: string;
}

export class ContainerWatcher {
  private readonly options: WatcherOptions;
  private events: OpenStream | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private syncing = false;
  private disposed = false;
  private readonly pending = new Map<string, boolean>();
  /** Counters for tests and the benchmark: how the list was kept current. */
  readonly stats = { snapshots: 0, listCalls: 0, inspectCalls: 0, events: 0, reconnects: 0 };

  constructor(private readonly client: DockerClient, private readonly listener: WatcherListener, options: Partial<WatcherOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  start(): void {
    this.listener.connection({ status: 'connecting' });
    void this.connect();
  }

  /** One list call, e.g. for a Refresh button; the stream keeps running. */
  async resync(): Promise<void> {
    this.syncing = true;
    try {
      this.stats.listCalls++;
      const rows = await withImageBuilds(this.client, await listContainerRows(this.client));
      if (this.disposed) return;
      this.stats.snapshots++;
      this.listener.snapshot(rows);
    } finally {
      this.syncing = false;
      this.scheduleFlush();
    }
  }

  private async connect(): Promise<void> {
    this.retryTimer = undefined;
    if (this.disposed) return;
    try {
      const events = await openStream(this.client, 'follow container events', (abortSignal) =>
        this.client.docker.getEvents({ filters: JSON.stringify({ type: ['container'] }), abortSignal } as object));
      if (this.disposed) {
        events.close();
        return;
      }
      this.events = events;
      this.follow(events);
      await this.resync();
      if (this.events !== events) return;
      this.attempt = 0;
      this.listener.connection({ status: 'live', since: new Date().toISOString() });
    } catch (err) {
      this.events?.close();
      this.events = undefined;
      this.retry(err);
    }
  }

  private follow(events: OpenStream): void {
    let partial = '';
    events.stream.setEncoding('utf8');
    events.stream.on('data', (chunk: string) => {
      const readAt = Date.now();
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) this.onEvent(line, readAt);
    });
    const dropped = (err?: Error) => {
      if (this.events !== events || this.disposed) return;
      this.events = undefined;
      events.close();
      this.retry(err ?? new DockerError({
        kind: 'unknown',
        message: `The Docker engine at ${this.client.endpoint.display} closed the event stream.`,
        fix: 'Dockwright reconnects by itself; if the engine stopped, start it again.',
      }));
    };
    events.stream.on('error', dropped);
    events.stream.on('end', () => dropped());
    events.stream.on('close', () => dropped());
  }

  private onEvent(line: string, readAt: number): void {
    let event: DockerEvent;
    try {
      event = JSON.parse(line) as DockerEvent;
    } catch {
      return;
    }
    const action = event.Action ?? event.status ?? '';
    const id = event.Actor?.ID ?? event.id;
    if ((event.Type && event.Type !== 'container') || !id || !RELEVANT.test(action)) return;
    this.stats.events++;
    // What the event says is shown at once; the inspect below confirms it (ports, health, times).
    const now = this.syncing ? null : rowAfterEvent(this.listener.current?.(id), event);
    if (now) this.listener.update(now, readAt);
    this.pending.set(id, action === 'destroy' || this.pending.get(id) === true);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushTimer || this.syncing || !this.pending.size || this.disposed) return;
    this.flushTimer = setTimeout(() => void this.flush(), this.options.coalesceMs);
  }

  private async flush(): Promise<void> {
    this.flushTimer = undefined;
    if (this.syncing || this.disposed) return;
    const batch = [...this.pending];
    this.pending.clear();
    for (const [id, destroyed] of batch) if (destroyed) this.listener.remove(id);
    const ids = batch.filter(([, destroyed]) => !destroyed).map(([id]) => id);
    if (ids.length) {
      try {
        this.stats.inspectCalls += ids.length;
        const inspected = await Promise.all(ids.map((id) => inspectContainerRow(this.client, id)));
        const builds = await withImageBuilds(this.client, inspected.filter((row) => row !== undefined));
        const rows = inspected.map((row) => row && builds.find((b) => b.id === row.id));
        if (this.disposed) return;
        // A container that is gone by the time we ask was removed.
        rows.forEach((row, i) => (row ? this.listener.update(row) : this.listener.remove(ids[i])));
      } catch {
        // The stream's own error handling reconnects and resyncs; nothing is lost.
      }
    }
    this.scheduleFlush();
  }

  private retry(err: unknown): void {
    if (this.disposed || this.retryTimer) return;
    const failure = toDockerError(err, this.client.endpoint, 'follow container events').failure;
    const retryInMs = Math.min(this.options.maxBackoffMs, this.options.initialBackoffMs * 2 ** this.attempt);
    this.attempt++;
    this.stats.reconnects++;
    this.listener.connection({ status: 'reconnecting', failure, retryInMs, attempt: this.attempt });
    this.retryTimer = setTimeout(() => void this.connect(), retryInMs);
  }

  dispose(): void {
    this.disposed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.events?.close();
    this.events = undefined;
  }
}
