/**
 * What the Logs tab shows, worked out where the lines are kept (the extension host): the kept
 * lines, or a frozen copy of them while paused, narrowed by the streams and the filter. The
 * webview asks for the rows of its viewport and gets only those, so a flood of a million lines
 * costs the panel one screenful per frame, whatever the rate.
 *
 * Filtering is incremental: only lines that arrived since the last look are tested, and lines
 * that fell out of the window leave the matches from the front.
 */
import { lineMatches, linesAsText, stripAnsi, type LogLine, type RingBuffer } from './logLines';

export interface LogViewFilter {
  stdout: boolean;
  stderr: boolean;
  /** Case-insensitive substring; ANSI escapes ignored. */
  filter: string;
}

/** The lines a view shows, indexed from 0 (the oldest shown). */
interface LineSource {
  readonly size: number;
  at(index: number): LogLine;
}

export class LogView {
  private shown: LogViewFilter = { stdout: true, stderr: true, filter: '' };
  private frozen: LogLine[] | undefined;
  /** Lines that arrived while paused. */
  private arrivedWhilePaused = 0;
  /** With a filter or a hidden stream: the seqs of the lines shown, oldest first. */
  private matches: number[] | undefined;
  /** The highest seq the filter has looked at. */
  private matchedUpTo = 0;

  constructor(private readonly window: RingBuffer<LogLine>) {}

  /** Changing what is shown looks at every kept line again. */
  setFilter(filter: LogViewFilter): boolean {
    const same = filter.stdout === this.shown.stdout && filter.stderr === this.shown.stderr && filter.filter === this.shown.filter;
    if (same) return false;
    this.shown = { stdout: filter.stdout, stderr: filter.stderr, filter: filter.filter };
    this.matches = undefined;
    this.matchedUpTo = 0;
    return true;
  }

  get paused(): boolean {
    return this.frozen !== undefined;
  }

  get newWhilePaused(): number {
    return this.arrivedWhilePaused;
  }

  /**
   * Pausing freezes the lines shown (a copy of the window); new lines keep arriving behind it.
   * `unseen`: the newest lines of the window the person never saw (they arrived while the pause
   * was on its way), left out of the copy and counted as new.
   */
  setPaused(paused: boolean, unseen = 0): boolean {
    if (paused === this.paused) return false;
    const all = paused ? this.window.toArray() : undefined;
    const left = Math.max(0, Math.min(all?.length ?? 0, Math.floor(unseen) || 0));
    this.frozen = all && left ? all.slice(0, all.length - left) : all;
    this.arrivedWhilePaused = left;
    this.matches = undefined;
    this.matchedUpTo = 0;
    return true;
  }

  /** The window took `count` new lines. */
  arrived(count: number): void {
    if (this.frozen) this.arrivedWhilePaused += count;
  }

  /** A new session: nothing shown, not paused, the filter kept. */
  reset(): void {
    this.frozen = undefined;
    this.arrivedWhilePaused = 0;
    this.matches = undefined;
    this.matchedUpTo = 0;
  }

  private get source(): LineSource {
    const frozen = this.frozen;
    if (!frozen) return this.window;
    return { size: frozen.length, at: (i) => frozen[i] };
  }

  /** How many lines are shown. */
  count(): number {
    this.update();
    return this.matches?.length ?? this.source.size;
  }

  /** Up to `count` shown lines from the `first` shown one. */
  slice(first: number, count: number): LogLine[] {
    const total = this.count();
    const from = Math.max(0, Math.min(first, total));
    const to = Math.min(total, from + Math.max(0, count));
    const out: LogLine[] = [];
    for (let i = from; i < to; i++) out.push(this.line(i));
    return out;
  }

  /** Every shown line as plain text, for the clipboard. */
  text(withTime: boolean): { text: string; lines: number } {
    const lines = this.slice(0, this.count());
    return { text: linesAsText(lines, withTime), lines: lines.length };
  }

  private line(index: number): LogLine {
    const source = this.source;
    if (!this.matches) return source.at(index);
    return source.at(this.matches[index] - source.at(0).seq);
  }

  /** Brings the matches up to date: only lines that arrived since the last look are tested. */
  private update(): void {
    const { filter, stdout, stderr } = this.shown;
    if (!filter && stdout && stderr) {
      this.matches = undefined;
      return;
    }
    const source = this.source;
    this.matches ??= [];
    if (!source.size) {
      this.matches.length = 0;
      return;
    }
    const first = source.at(0).seq;
    const last = source.at(source.size - 1).seq;
    let cut = 0;
    while (cut < this.matches.length && this.matches[cut] < first) cut++;
    if (cut) this.matches.splice(0, cut);
    // After a new session the seqs start again: look at everything.
    if (this.matchedUpTo > last) {
      this.matches.length = 0;
      this.matchedUpTo = 0;
    }
    const streams = { stdout, stderr };
    for (let i = Math.max(0, this.matchedUpTo + 1 - first); i < source.size; i++) {
      const line = source.at(i);
      if (lineMatches(line, filter, streams, stripAnsi)) this.matches.push(line.seq);
    }
    this.matchedUpTo = last;
  }
}
