/**
 * The Logs tab: a virtual list of fixed-height rows over lines the host keeps. The host works out
 * what is shown (streams, filter, pause) and sends only the rows of the viewport, one update at a
 * time: this view says where it is scrolled, draws what it got at the next animation frame and
 * acknowledges it, which lets the host send the next. A flood of a million lines therefore costs
 * the panel one screenful per frame. Follow keeps the newest line in view; Pause freezes the lines
 * while new ones keep arriving. Lines older than the kept ones are counted in a notice that opens
 * the full log.
 */
import { unpackLines } from '../src/core/dashboard/logBatch';
import { stripAnsi, type LogLine } from '../src/core/dashboard/logLines';
import type { LogsViewRequest, LogViewUpdate } from '../src/shared/protocol';
import { renderAnsi } from './ansi';
import { button, checkbox, el } from './dom';

export const LINE_HEIGHT = 18;
/** Rows asked for above and below the screen, so a scroll shows lines before the host answers. */
const OVERSCAN = 40;

export interface LogsOptions {
  timestamps: boolean;
  stdout: boolean;
  stderr: boolean;
  filter: string;
  follow: boolean;
}

export interface LogsHost {
  /** What the view shows and where it is scrolled changed. */
  view(session: number, request: LogsViewRequest): void;
  /** The last update is drawn. */
  drawn(session: number): void;
  copy(session: number, timestamps: boolean): void;
  stop(): void;
  openFullLog(timestamps: boolean): void;
  optionsChanged(options: LogsOptions): void;
}

/** An update as drawn: its lines decoded once. */
interface Shown extends Omit<LogViewUpdate, 'batch'> {
  lines: LogLine[];
}

const NOTHING: Shown = { count: 0, first: 0, lines: [], kept: 0, received: 0, paused: false, newWhilePaused: 0 };
const decoder = new TextDecoder();

/** What the view's own work costs the renderer's main thread (read by the benchmark; fixed size). */
export interface LogsViewStats {
  updates: number;
  /** Decoding updates as they arrive. */
  updateMs: number;
  draws: number;
  drawMs: number;
  /** The slowest draws over a frame (16 ms), at most 20: when (performance clock), how long, rows drawn. */
  slowDraws: { at: number; ms: number; rows: number }[];
}

export class LogsView {
  readonly element = el('section', undefined, 'logs');
  readonly stats: LogsViewStats = { updates: 0, updateMs: 0, draws: 0, drawMs: 0, slowDraws: [] };
  private session = -1;
  private shown: Shown = NOTHING;
  private paused = false;
  /** The host's `received` in the update shown when the person paused. */
  private pausedAt = 0;
  private frame = 0;
  /** An update arrived and is not drawn yet. */
  private unacknowledged = false;
  /** The last request sent, to send only changes. */
  private asked = '';
  /** Where Follow last scrolled to: a scroll event there is ours, not the person's. */
  private followedTo = -1;
  /** A Follow position to write once the spacer's new height is laid out (-1: none). */
  private scrollAfterLayout = -1;
  /**
   * The viewport's height and the spacer's, kept here: reading them back from the DOM after a
   * write forces a layout in the middle of the frame (which cost more than the rest of a flood).
   */
  private viewHeight = 0;
  private spacerHeight = -1;
  /** The widest line drawn in this session, in columns: the rows' box only grows. */
  private columns = 0;
  private readonly title = el('h2', 'Logs');
  private readonly status = el('span', '', 'muted log-status');
  private readonly notice = el('div', undefined, 'log-skipped');
  private readonly noticeText = el('span');
  private readonly viewport = el('div', undefined, 'log-viewport');
  private readonly spacer = el('div', undefined, 'log-spacer');
  private readonly pauseButton: HTMLButtonElement;
  private followBox: HTMLElement & { checked?: boolean };

  constructor(private readonly host: LogsHost, private options: LogsOptions) {
    this.element.setAttribute('aria-label', 'Container logs');
    this.viewport.tabIndex = 0;
    this.viewport.setAttribute('role', 'log');
    this.viewport.setAttribute('aria-label', 'Log lines');
    this.viewport.append(this.spacer);
    this.viewport.addEventListener('scroll', () => {
      const top = this.viewport.scrollTop;
      if (Math.abs(top - this.followedTo) > 1) {
        const atBottom = top + this.viewHeight >= this.spacerHeight - LINE_HEIGHT;
        if (!atBottom && this.options.follow && !this.paused) this.setOption('follow', false);
      }
      this.schedule();
    });
    new ResizeObserver(() => {
      this.viewHeight = this.viewport.clientHeight;
      this.schedule();
    }).observe(this.viewport);
    // Called after layout: the Follow position is written where it costs no layout of its own.
    new ResizeObserver(() => {
      if (this.scrollAfterLayout < 0) return;
      this.viewport.scrollTop = this.scrollAfterLayout;
      this.scrollAfterLayout = -1;
    }).observe(this.spacer);
    this.notice.setAttribute('role', 'status');
    this.notice.hidden = true;
    const openFull = () => host.openFullLog(this.options.timestamps);
    this.notice.append(this.noticeText, button('Open the full log', 'Open everything this container logged in an editor', openFull, 'link'));
    this.pauseButton = button('Pause', 'Pause the log view (lines keep arriving)', () => this.togglePause());
    this.followBox = checkbox('Follow', options.follow, (v) => this.setOption('follow', v));
    const filter = el('vscode-textfield') as HTMLElement & { value: string };
    filter.setAttribute('placeholder', 'Filter lines');
    filter.setAttribute('aria-label', 'Filter log lines');
    filter.value = options.filter;
    filter.addEventListener('input', () => this.setOption('filter', filter.value));
    const toolbar = el('div', undefined, 'toolbar');
    toolbar.append(
      this.followBox,
      this.pauseButton,
      checkbox('stdout', options.stdout, (v) => this.setOption('stdout', v)),
      checkbox('stderr', options.stderr, (v) => this.setOption('stderr', v)),
      checkbox('Timestamps', options.timestamps, (v) => this.setOption('timestamps', v)),
      filter,
      button('Copy', 'Copy the shown lines as text', () => host.copy(this.session, this.options.timestamps)),
      button('Full log', 'Open everything this container logged in an editor', openFull),
      button('Stop', 'Stop following these logs', () => host.stop()),
    );
    const heading = el('div', undefined, 'logs-heading');
    heading.append(this.title, this.status, this.notice);
    this.element.append(heading, toolbar, this.viewport);
    this.showEmpty();
  }

  private showEmpty(): void {
    this.title.textContent = 'Logs';
    this.status.textContent = 'Choose Logs on a container to follow its output here.';
  }

  start(session: number, name: string, tty: boolean): void {
    this.session = session;
    this.shown = NOTHING;
    this.columns = 0;
    this.paused = false;
    this.unacknowledged = false;
    this.asked = '';
    this.showPause(0);
    this.title.textContent = `Logs: ${name}`;
    this.status.textContent = tty ? 'following (TTY: stdout and stderr are one stream)' : 'following';
    this.schedule();
  }

  /** The host's answer: drawn at the next frame, then acknowledged. Any session's is acknowledged. */
  update(session: number, update: LogViewUpdate): void {
    if (session !== this.session) {
      this.host.drawn(session);
      return;
    }
    // Paused here but not yet on the host: an update sent before it heard is not shown.
    if (this.paused && !update.paused) {
      this.host.drawn(session);
      this.schedule();
      return;
    }
    const started = performance.now();
    const { batch, ...rest } = update;
    const lines = unpackLines({ firstSeq: batch.firstSeq, count: batch.count, text: decoder.decode(batch.bytes) });
    this.shown = { ...rest, lines };
    this.unacknowledged = true;
    this.stats.updates++;
    this.stats.updateMs += performance.now() - started;
    this.schedule();
  }

  ended(session: number, reason: string): void {
    if (session === this.session) this.status.textContent = reason;
  }

  private setOption<K extends keyof LogsOptions>(key: K, value: LogsOptions[K]): void {
    this.options = { ...this.options, [key]: value };
    if (key === 'follow') this.followBox.checked = value as boolean;
    this.host.optionsChanged(this.options);
    this.schedule();
  }

  private togglePause(): void {
    this.paused = !this.paused;
    this.pausedAt = this.shown.received;
    this.showPause(0);
    this.schedule();
  }

  private showPause(newLines: number): void {
    const [text, label] = this.paused
      ? [`Resume (${newLines} new)`, `Resume the log view (${newLines} new lines)`]
      : ['Pause', 'Pause the log view (lines keep arriving)'];
    setText(this.pauseButton, text);
    if (this.pauseButton.title !== label) {
      this.pauseButton.title = label;
      this.pauseButton.setAttribute('aria-label', label);
    }
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /** Tells the host what the viewport wants, when that changed. */
  private ask(top: number): void {
    if (this.session < 0) return;
    const { stdout, stderr, filter, follow } = this.options;
    // Following, the host picks the rows (the newest, nothing below them): where the scroll is does not matter.
    const following = follow && !this.paused;
    const rows = Math.ceil(this.viewHeight / LINE_HEIGHT) + (following ? 10 : OVERSCAN * 2);
    const first = following ? 0 : Math.max(0, Math.floor(top / LINE_HEIGHT) - OVERSCAN);
    const request: LogsViewRequest = { stdout, stderr, filter, follow, paused: this.paused, first, rows };
    if (this.paused) request.pausedAt = this.pausedAt;
    const key = JSON.stringify(request);
    if (key === this.asked) return;
    this.asked = key;
    this.host.view(this.session, request);
  }

  private draw(): void {
    const started = performance.now();
    this.render();
    const ms = performance.now() - started;
    this.stats.draws++;
    this.stats.drawMs += ms;
    if (ms > 16) noteSlow(this.stats.slowDraws, { at: started, ms, rows: this.spacer.childElementCount });
  }

  /**
   * Reads first (the scroll position, unless Follow sets it), then writes, and writes only what
   * changed: a steady flood then costs the frame the new rows and nothing else.
   */
  private render(): void {
    const shown = this.shown;
    const height = shown.count * LINE_HEIGHT;
    const viewHeight = this.viewHeight;
    const following = this.options.follow && !this.paused;
    const top = following ? Math.max(0, height - viewHeight) : this.viewport.scrollTop;
    const heightChanged = height !== this.spacerHeight;
    if (heightChanged) {
      this.spacerHeight = height;
      this.spacer.style.height = `${height}px`;
    }
    if (following && top !== this.followedTo) {
      this.followedTo = top;
      // Writing scrollTop lays the page out at once, and a new height has just made it stale: the
      // spacer's ResizeObserver writes it after this frame's own layout instead (cost 27 ms a frame
      // in a trace of a flood's first second, when the height grows with every update).
      if (heightChanged) this.scrollAfterLayout = top;
      else this.viewport.scrollTop = top;
    }
    // Rows of the screen that the last update holds; the others wait for the host's answer. Off
    // screen: a few rows below and above, more above when not following (where a scroll goes).
    const topRow = Math.floor(top / LINE_HEIGHT);
    const above = following ? 2 : 10;
    const from = Math.max(shown.first, topRow - above);
    const to = Math.min(shown.first + shown.lines.length, topRow + Math.ceil(viewHeight / LINE_HEIGHT) + 2);
    const rows: HTMLElement[] = [];
    let columns = this.columns;
    for (let i = from; i < to; i++) {
      const line = shown.lines[i - shown.first];
      rows.push(this.row(line, i));
      columns = Math.max(columns, lineColumns(line, this.options.timestamps));
    }
    if (columns > this.columns) {
      this.columns = columns;
      this.spacer.style.width = `calc(${columns}ch + 16px)`;
    }
    this.spacer.replaceChildren(...rows);
    // Lines of this session no longer kept on the host (the full log has them).
    const dropped = Math.max(0, shown.received - shown.kept);
    if (this.session >= 0) {
      setData(this.element, 'lines', shown.kept);
      setData(this.element, 'shown', shown.count);
      setData(this.element, 'received', shown.received);
      setData(this.element, 'dropped', dropped);
      setData(this.element, 'paused', shown.paused);
    }
    if (this.paused) this.showPause(shown.paused ? shown.newWhilePaused : 0);
    if (this.notice.hidden !== (dropped === 0)) this.notice.hidden = dropped === 0;
    if (dropped) {
      const s = dropped === 1 ? '' : 's';
      const text = `${dropped.toLocaleString()} older line${s} not kept: showing the last ${shown.kept.toLocaleString()} of ${shown.received.toLocaleString()}.`;
      setText(this.noticeText, text);
      // The whole sentence on hover when a narrow panel cuts it.
      if (this.noticeText.title !== text) this.noticeText.title = text;
    }
    this.ask(top);
    if (this.unacknowledged) {
      this.unacknowledged = false;
      this.host.drawn(this.session);
    }
  }

  private row(line: LogLine, index: number): HTMLElement {
    const row = el('div', undefined, `log-line ${line.stream}`);
    row.style.top = `${index * LINE_HEIGHT}px`;
    row.dataset.index = String(index);
    if (this.options.timestamps && line.time) row.append(el('span', `${line.time.replace('T', ' ').slice(0, 23)} `, 'log-time'));
    if (line.stream === 'stderr') row.append(el('span', 'err ', 'log-stream'));
    const text = el('span', undefined, 'log-text');
    renderAnsi(line.text, text);
    row.append(text);
    return row;
  }
}

/**
 * About the columns a row takes in a monospace font: its text without escapes, a tab as 8, a wide
 * (East Asian, emoji) character as 2, plus the timestamp and stream marker when shown.
 */
function lineColumns(line: LogLine, timestamps: boolean): number {
  const text = line.text.includes('\u001b') ? stripAnsi(line.text) : line.text;
  let columns = (timestamps && line.time ? 24 : 0) + (line.stream === 'stderr' ? 4 : 0);
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    columns += code === 9 ? 8 : code >= 0x1100 ? 2 : 1;
  }
  return columns;
}

/** Writes only a change: an equal write still invalidates style and layout. */
function setText(node: HTMLElement, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

function noteSlow(slow: LogsViewStats['slowDraws'], draw: LogsViewStats['slowDraws'][number]): void {
  if (slow.length < 20) {
    slow.push(draw);
    return;
  }
  const fastest = slow.reduce((at, d, i) => (d.ms < slow[at].ms ? i : at), 0);
  if (draw.ms > slow[fastest].ms) slow[fastest] = draw;
}

function setData(node: HTMLElement, key: string, value: number | boolean): void {
  const text = String(value);
  if (node.dataset[key] !== text) node.dataset[key] = text;
}
