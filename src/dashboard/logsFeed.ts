/**
 * One container's logs for the dashboard: the last N lines kept on the host (a reloaded webview
 * gets them again), new lines sent in packed batches of bounded size. The webview acknowledges
 * each batch; with about two megabytes unanswered the host waits, and when lines arrive faster
 * than the webview takes them the oldest unsent ones are skipped, counted and reported, so the
 * panel never falls behind silently nor lets messages queue without bound.
 * No vscode import: the benchmark drives it in plain node.
 */
import { packedSize, packLines, type PackedLines } from '../core/dashboard/logBatch';
import { RingBuffer, type LogLine } from '../core/dashboard/logLines';
import type { DockerClient } from '../docker/client';
import { followLogs, type LogFollower } from '../docker/logStream';
import type { HostMessage, LogBatch } from '../shared/protocol';

export const LOG_BATCH_MS = 50;
/**
 * At most about this many characters per batch: a few milliseconds for the webview to take, and
 * few enough messages at a flood's pace (each costs the workbench a relay and an acknowledgement).
 */
export const LOG_BATCH_CHARS = 256 * 1024;
/**
 * Characters sent and not yet acknowledged by the webview before the host waits: about a second
 * of a flood, so a busy moment of the workbench does not cost lines, a slow webview does.
 */
export const LOG_CHARS_IN_FLIGHT = 2 * 1024 * 1024;

/** `post` returns false when there is no webview to take the message (hidden, not ready). */
export type LogsPost = (message: HostMessage) => boolean;

export class LogsFeed {
  private session = 0;
  private follower: LogFollower | undefined;
  private readonly buffer: RingBuffer<LogLine>;
  /** The seq of the last line sent (or skipped). */
  private sentSeq = 0;
  /** The size of each batch sent and not acknowledged yet, oldest first. */
  private inFlight: number[] = [];
  private inFlightChars = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private current: { containerId: string; name: string; tty: boolean } | undefined;
  private endReason: string | undefined;
  /** Lines received in this session, for tests and the benchmark. */
  received = 0;
  /** Lines of this session that fell out of the buffer before they could be sent. */
  skipped = 0;

  constructor(private readonly post: LogsPost, private maxLines: number, private readonly batchMs = LOG_BATCH_MS) {
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
    this.countSkipped();
  }

  async open(client: DockerClient, containerId: string, name: string): Promise<void> {
    this.close();
    const session = ++this.session;
    this.buffer.clear();
    this.received = 0;
    this.skipped = 0;
    this.sentSeq = 0;
    this.clearInFlight();
    this.endReason = undefined;
    const follower = await followLogs(client, containerId, {
      tail: this.maxLines,
      onLines: (lines) => session === this.session && this.ingest(lines),
      onEnd: (reason) => {
        if (session !== this.session) return;
        this.endReason = reason;
        this.flush();
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

  /** Public for the benchmark and tests, which feed lines without a container. */
  ingest(lines: LogLine[]): void {
    this.received += lines.length;
    this.buffer.pushAll(lines);
    this.countSkipped();
    this.schedule();
  }

  /** The webview took a batch of this session. */
  acknowledge(session: number): void {
    if (session !== this.session || !this.inFlight.length) return;
    this.inFlightChars -= this.inFlight.shift() ?? 0;
    this.schedule();
  }

  /** Unsent lines that the buffer no longer holds are skipped: counted, never sent. */
  private countSkipped(): void {
    const oldest = this.buffer.size ? this.buffer.at(0).seq : this.sentSeq + 1;
    if (oldest > this.sentSeq + 1) {
      this.skipped += oldest - this.sentSeq - 1;
      this.sentSeq = oldest - 1;
    }
  }

  private unsent(): number {
    return this.buffer.size ? this.buffer.at(this.buffer.size - 1).seq - this.sentSeq : 0;
  }

  private schedule(): void {
    if (this.timer || !this.unsent() || this.inFlightChars >= LOG_CHARS_IN_FLIGHT) return;
    this.timer = setTimeout(() => this.flush(), this.batchMs);
  }

  /** Sends the oldest unsent lines, in batches, as far as the webview is not behind. */
  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.unsent() && this.inFlightChars < LOG_CHARS_IN_FLIGHT) {
      const lines: LogLine[] = [];
      let chars = 0;
      for (let i = this.buffer.size - this.unsent(); i < this.buffer.size && chars < LOG_BATCH_CHARS; i++) {
        const line = this.buffer.at(i);
        lines.push(line);
        chars += packedSize(line);
      }
      // Without a webview nothing was sent: the lines wait (and may be skipped) until it is back.
      if (!this.send(lines)) return;
      this.sentSeq = lines[lines.length - 1].seq;
      this.inFlight.push(chars);
      this.inFlightChars += chars;
    }
  }

  private send(lines: LogLine[]): boolean {
    return this.post({ type: 'logLines', session: this.session, batch: encode(packLines(lines)), skipped: this.skipped });
  }

  private clearInFlight(): void {
    this.inFlight = [];
    this.inFlightChars = 0;
  }

  /** After a webview (re)load: the session, the lines kept so far and what was skipped. */
  replay(): void {
    if (!this.current) return;
    this.post({ type: 'logsStarted', session: this.session, ...this.current, maxLines: this.maxLines });
    // The kept lines go at once, unacknowledged batches of the webview before it forgotten.
    this.clearInFlight();
    const kept = this.buffer.toArray();
    if (this.send(kept)) this.sentSeq = kept.at(-1)?.seq ?? this.sentSeq;
    if (this.endReason) this.post({ type: 'logsEnded', session: this.session, reason: this.endReason });
  }

  close(): void {
    this.follower?.close();
    this.follower = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.current = undefined;
    this.session++;
  }

  dispose(): void {
    this.close();
  }
}

/** Bytes, which VS Code hands to the webview as they are (no JSON on the way). */
function encode(batch: PackedLines): LogBatch {
  return { firstSeq: batch.firstSeq, count: batch.count, bytes: new TextEncoder().encode(batch.text) };
}
