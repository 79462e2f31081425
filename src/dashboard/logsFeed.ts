/**
 * One container's logs for the dashboard: the last N lines kept on the host (a reloaded webview
 * gets them again), new lines sent in batches so a container writing fast costs a few messages
 * per second, not one per line. No vscode import: the benchmark drives it in plain node.
 */
import { RingBuffer, type LogLine } from '../core/dashboard/logLines';
import type { DockerClient } from '../docker/client';
import { followLogs, type LogFollower } from '../docker/logStream';
import type { HostMessage } from '../shared/protocol';

export const LOG_BATCH_MS = 50;

export class LogsFeed {
  private session = 0;
  private follower: LogFollower | undefined;
  private readonly buffer: RingBuffer<LogLine>;
  private pending: LogLine[] = [];
  private pendingDropped = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private current: { containerId: string; name: string; tty: boolean } | undefined;
  private endReason: string | undefined;
  /** Lines received in this session, for tests and the benchmark. */
  received = 0;

  constructor(private readonly post: (message: HostMessage) => void, private maxLines: number, private readonly batchMs = LOG_BATCH_MS) {
    this.buffer = new RingBuffer<LogLine>(maxLines);
  }

  get containerId(): string | undefined {
    return this.current?.containerId;
  }

  lines(): LogLine[] {
    return this.buffer.toArray();
  }

  setMaxLines(maxLines: number): void {
    this.maxLines = maxLines;
    this.buffer.resize(maxLines);
  }

  async open(client: DockerClient, containerId: string, name: string): Promise<void> {
    this.close();
    const session = ++this.session;
    this.buffer.clear();
    this.received = 0;
    this.endReason = undefined;
    const follower = await followLogs(client, containerId, {
      tail: this.maxLines,
      onLines: (lines) => session === this.session && this.ingest(lines),
      onEnd: (reason) => {
        if (session !== this.session) return;
        this.flush();
        this.endReason = reason;
        this.post({ type: 'logsEnded', session, reason });
      },
    });
    if (session !== this.session) {
      follower.close();
      return;
    }
    this.follower = follower;
    this.current = { containerId, name, tty: follower.tty };
    this.post({ type: 'logsStarted', session, containerId, name, tty: follower.tty, maxLines: this.maxLines });
  }

  /** Public for the benchmark, which feeds lines without a container. */
  ingest(lines: LogLine[]): void {
    this.received += lines.length;
    this.buffer.pushAll(lines);
    for (const line of lines) this.pending.push(line);
    // What the webview could not keep anyway is not sent.
    if (this.pending.length > this.maxLines * 2) {
      const excess = this.pending.length - this.maxLines;
      this.pending = this.pending.slice(excess);
      this.pendingDropped += excess;
    }
    this.timer ??= setTimeout(() => this.flush(), this.batchMs);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending.length) return;
    const lines = this.pending.length > this.maxLines ? this.pending.slice(-this.maxLines) : this.pending;
    const dropped = this.pendingDropped + this.pending.length - lines.length;
    this.pending = [];
    this.pendingDropped = 0;
    this.post({ type: 'logLines', session: this.session, lines, dropped });
  }

  /** After a webview reload: the session and the lines kept so far. */
  replay(): void {
    if (!this.current) return;
    this.post({ type: 'logsStarted', session: this.session, ...this.current, maxLines: this.maxLines });
    this.post({ type: 'logLines', session: this.session, lines: this.buffer.toArray(), dropped: 0 });
    if (this.endReason) this.post({ type: 'logsEnded', session: this.session, reason: this.endReason });
  }

  close(): void {
    this.follower?.close();
    this.follower = undefined;
    this.flush();
    this.current = undefined;
    this.session++;
  }

  dispose(): void {
    this.close();
  }
}
