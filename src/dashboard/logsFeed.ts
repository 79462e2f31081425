/**
 * One container's logs for the dashboard. The host keeps the last N lines (a reloaded webview
 * gets its view back at once) and works out what the Logs tab shows (core LogView: streams,
 * filter, pause); the webview says where it is scrolled and gets only the rows of its viewport.
 * So however fast a container writes, the panel receives one screenful per frame: one update at
 * a time, the next only once the webview has drawn the last (its acknowledgement), and only when
 * something it shows changed. Lines older than the kept ones are counted and the full log is one
 * click away.
 * No vscode import: the benchmark drives it in plain node.
 */
import { packLines } from '../core/dashboard/logBatch';
import { RingBuffer, type LogLine } from '../core/dashboard/logLines';
import { LogView } from '../core/dashboard/logView';
import type { DockerClient } from '../docker/client';
import { followLogs, type LogFollower } from '../docker/logStream';
import type { HostMessage, LogBatch, LogsViewRequest } from '../shared/protocol';

/**
 * Updates that only bring new lines start at least this far apart: 10 a second while a container
 * floods, as fast as anyone reads a moving log. A quiet container's line goes at once, and so does
 * the answer to a scroll or a filter. Measured (bench:dashboard, 20 containers, 1M lines, on a
 * 2-core machine whose daemon takes a core copying the flood): at 20 updates a second 2–5 frames
 * of ~650 were over 50 ms (3.75 on average over four runs) and no run was without; at 10 a second
 * 0–6 (2.2 over nine runs), two runs had none, and the renderer used 0.16–0.18 cores instead of
 * 0.26–0.29. The renderer that draws the panel is the workbench's: what the log takes of it, the
 * editor loses.
 */
export const LOG_UPDATE_MS = 100;
/** The viewport's rows at most: a tall panel's screenful and overscan, not the window. */
export const LOG_MAX_ROWS = 500;

/** `post` returns false when there is no webview to take the message (hidden, not ready). */
export type LogsPost = (message: HostMessage) => boolean;

export class LogsFeed {
  private session = 0;
  private follower: LogFollower | undefined;
  private readonly buffer: RingBuffer<LogLine>;
  private readonly view: LogView;
  /** The webview's last word on what it shows; until it speaks, the newest screenful. */
  private viewport: LogsViewRequest = { stdout: true, stderr: true, filter: '', follow: true, paused: false, first: 0, rows: 100 };
  /** Something the webview shows changed since the last update. */
  private dirty = false;
  /** An update was posted and the webview has not drawn it yet. */
  private awaiting = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the last update was posted (ms, performance clock). */
  private lastPosted = -Infinity;
  /** The webview asked for something else (scroll, filter, pause): answered without the wait. */
  private asked = false;
  private current: { containerId: string; name: string; tty: boolean } | undefined;
  private endReason: string | undefined;
  /** Lines received in this session, for tests and the benchmark. */
  received = 0;

  constructor(private readonly post: LogsPost, private maxLines: number, private readonly updateMs = LOG_UPDATE_MS) {
    this.buffer = new RingBuffer<LogLine>(maxLines);
    this.view = new LogView(this.buffer);
  }

  get containerId(): string | undefined {
    return this.current?.containerId;
  }

  /** The kept lines, oldest first. */
  lines(): LogLine[] {
    return this.buffer.toArray();
  }

  /** Lines of this session no longer kept (the full log has them). */
  get dropped(): number {
    return Math.max(0, this.received - this.buffer.size);
  }

  setMaxLines(maxLines: number): void {
    this.maxLines = maxLines;
    this.buffer.resize(maxLines);
    this.changed();
  }

  async open(client: DockerClient, containerId: string, name: string): Promise<void> {
    this.close();
    const session = ++this.session;
    this.buffer.clear();
    this.view.reset();
    this.received = 0;
    this.awaiting = false;
    this.dirty = false;
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
    this.view.arrived(lines.length);
    // While paused, or scrolled up with the window not yet full, the rows shown do not move: only the counts.
    this.changed();
  }

  /** The webview says what it shows and where it is scrolled. */
  setView(session: number, request: LogsViewRequest): void {
    if (session !== this.session) return;
    const { stdout, stderr, filter, follow, paused } = request;
    const whole = (n: number, max: number) => (Number.isFinite(n) ? Math.max(0, Math.min(max, Math.floor(n))) : 0);
    this.viewport = { stdout, stderr, filter: String(filter), follow, paused, first: whole(request.first, Number.MAX_SAFE_INTEGER), rows: whole(request.rows, LOG_MAX_ROWS) };
    this.view.setFilter(this.viewport);
    // Lines that came after the screen the person paused on stay out of the frozen copy.
    const unseen = paused && Number.isFinite(request.pausedAt) ? this.received - whole(Number(request.pausedAt), this.received) : 0;
    this.view.setPaused(paused, unseen);
    this.asked = true;
    this.changed();
  }

  /** The webview drew the last update. */
  acknowledge(session: number): void {
    if (session !== this.session) return;
    this.awaiting = false;
    this.schedule();
  }

  /** Every line the Logs tab shows, as plain text. */
  shownText(session: number, timestamps: boolean): { text: string; lines: number } | undefined {
    return session === this.session ? this.view.text(timestamps) : undefined;
  }

  private changed(): void {
    this.dirty = true;
    this.schedule();
  }

  private schedule(): void {
    if (this.awaiting || !this.dirty) return;
    if (this.timer && !this.asked) return;
    if (this.timer) clearTimeout(this.timer);
    const wait = this.asked ? 0 : Math.max(0, this.lastPosted + this.updateMs - performance.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Posts what the viewport shows now, if the webview is there to take it. */
  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.dirty || this.awaiting) return;
    const count = this.view.count();
    const { rows, follow, paused } = this.viewport;
    const last = Math.max(0, count - rows);
    const first = follow && !paused ? last : Math.min(this.viewport.first, last);
    const lines = this.view.slice(first, rows);
    const sent = this.post({
      type: 'logView', session: this.session, count, first, batch: encode(lines),
      kept: this.buffer.size, received: this.received, paused: this.view.paused, newWhilePaused: this.view.newWhilePaused,
    });
    // Without a webview nothing was sent: the next one to load asks again.
    if (!sent) return;
    this.lastPosted = performance.now();
    this.asked = false;
    this.dirty = false;
    this.awaiting = true;
  }

  /** After a webview (re)load: the session and how it ended; the webview then says what it shows. */
  replay(): void {
    if (!this.current) return;
    this.awaiting = false;
    this.dirty = true;
    this.post({ type: 'logsStarted', session: this.session, ...this.current, maxLines: this.maxLines });
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
function encode(lines: readonly LogLine[]): LogBatch {
  const batch = packLines(lines);
  return { firstSeq: batch.firstSeq, count: batch.count, bytes: new TextEncoder().encode(batch.text) };
}
