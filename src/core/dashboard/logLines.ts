/**
 * Container log lines: a ring buffer that keeps the last N (both the host and the webview keep
 * one, so memory stays bounded however much a container writes), and the assembly of stream
 * chunks into lines. Pure: the adapter demultiplexes and decodes, this only sees text.
 */

export type LogStream = 'stdout' | 'stderr';

export interface LogLine {
  /** Increases by one per line of a session; lets the webview tell what it already has. */
  seq: number;
  stream: LogStream;
  /** RFC 3339 timestamp from the daemon (logs are always requested with timestamps). */
  time?: string;
  /** The line as the container wrote it, ANSI escapes included, without the newline. */
  text: string;
}

/** A fixed-capacity ring: push is O(1), the oldest entries fall out. */
export class RingBuffer<T> {
  private items: (T | undefined)[];
  private start = 0;
  private count = 0;
  /** How many entries fell out since the buffer was created or cleared. */
  dropped = 0;

  constructor(private cap: number) {
    this.items = new Array<T | undefined>(Math.max(1, cap));
  }

  get capacity(): number {
    return this.cap;
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    if (this.count < this.cap) {
      this.items[(this.start + this.count) % this.cap] = item;
      this.count++;
      return;
    }
    this.items[this.start] = item;
    this.start = (this.start + 1) % this.cap;
    this.dropped++;
  }

  pushAll(items: readonly T[]): void {
    // Only the last `capacity` of a large batch can survive: skip the rest without copying them.
    const skip = Math.max(0, items.length - this.cap);
    this.dropped += Math.min(skip, items.length);
    for (let i = skip; i < items.length; i++) this.push(items[i]);
  }

  at(index: number): T {
    return this.items[(this.start + index) % this.cap] as T;
  }

  toArray(): T[] {
    const out = new Array<T>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.at(i);
    return out;
  }

  clear(): void {
    this.items = new Array<T | undefined>(this.cap);
    this.start = 0;
    this.count = 0;
    this.dropped = 0;
  }

  /** Keeps the newest entries that fit the new capacity. */
  resize(capacity: number): void {
    const kept = this.toArray().slice(-Math.max(1, capacity));
    this.cap = Math.max(1, capacity);
    this.items = new Array<T | undefined>(this.cap);
    this.start = 0;
    this.count = 0;
    for (const item of kept) this.push(item);
  }
}

/** A line longer than this is cut: one runaway line must not hold megabytes. */
export const MAX_LINE_CHARS = 16_384;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})) /;

/**
 * Turns decoded chunks of each stream into lines. A partial line waits for its end (per stream,
 * since stdout and stderr interleave at frame boundaries).
 */
export class LineAssembler {
  private readonly partial: Record<LogStream, string> = { stdout: '', stderr: '' };
  private seq = 0;

  constructor(private readonly timestamps = true) {}

  push(stream: LogStream, text: string, out: LogLine[] = []): LogLine[] {
    let rest = this.partial[stream] + text;
    let nl = rest.indexOf('\n');
    while (nl !== -1) {
      out.push(this.line(stream, rest.slice(0, nl)));
      rest = rest.slice(nl + 1);
      nl = rest.indexOf('\n');
    }
    if (rest.length > MAX_LINE_CHARS) {
      out.push(this.line(stream, rest));
      rest = '';
    }
    this.partial[stream] = rest;
    return out;
  }

  /** The partial lines left when the stream ends. */
  flush(out: LogLine[] = []): LogLine[] {
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream]) out.push(this.line(stream, this.partial[stream]));
      this.partial[stream] = '';
    }
    return out;
  }

  private line(stream: LogStream, raw: string): LogLine {
    let text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    let time: string | undefined;
    if (this.timestamps) {
      const m = TIMESTAMP.exec(text);
      if (m) {
        time = m[1];
        text = text.slice(m[0].length);
      }
    }
    if (text.length > MAX_LINE_CHARS) text = `${text.slice(0, MAX_LINE_CHARS)} … [line cut at ${MAX_LINE_CHARS} characters]`;
    return { seq: ++this.seq, stream, time, text };
  }
}

/** Lines matching a filter (case-insensitive substring, ANSI escapes ignored) and the chosen streams. */
export function lineMatches(line: LogLine, filter: string, streams: { stdout: boolean; stderr: boolean }, plain: (s: string) => string): boolean {
  if (!streams[line.stream]) return false;
  return !filter || plain(line.text).toLowerCase().includes(filter.toLowerCase());
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

/** The text without ANSI escape sequences (for filtering and copying). */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** Lines as plain text for the clipboard, with timestamps when they are shown. */
export function linesAsText(lines: readonly LogLine[], withTime: boolean): string {
  return lines.map((l) => `${withTime && l.time ? `${l.time} ` : ''}${stripAnsi(l.text)}`).join('\n');
}
