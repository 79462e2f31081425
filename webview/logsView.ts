/**
 * The Logs tab: the last N lines kept as data (the host's packed batches, see core LogWindow),
 * drawn as a virtual list of fixed-height rows, so 10 000 lines cost the DOM of one screenful and
 * a flood costs a few objects per batch, not per line. Redrawn at most once per animation frame
 * however fast batches arrive. Follow keeps the newest line in view; Pause freezes the view while
 * lines keep arriving. Lines the host had to skip are counted in a notice that opens the full log.
 */
import type { PackedLines } from '../src/core/dashboard/logBatch';
import { linesAsText, lineMatches, stripAnsi, type LogLine } from '../src/core/dashboard/logLines';
import { LogWindow } from '../src/core/dashboard/logWindow';
import { renderAnsi } from './ansi';
import { button, checkbox, el } from './dom';

export const LINE_HEIGHT = 18;
const OVERSCAN = 10;

export interface LogsOptions {
  timestamps: boolean;
  stdout: boolean;
  stderr: boolean;
  filter: string;
  follow: boolean;
}

export interface LogsHost {
  copy(text: string, what: string): void;
  stop(): void;
  openFullLog(timestamps: boolean): void;
  optionsChanged(options: LogsOptions): void;
}

export class LogsView {
  readonly element = el('section', undefined, 'logs');
  private window = new LogWindow(10_000);
  private session = -1;
  private frozen: LogWindow | undefined;
  private newWhilePaused = 0;
  /** With a filter or a hidden stream: the seqs of the lines shown, oldest first. */
  private matches: number[] | undefined;
  /** The last seq the filter has looked at. */
  private matchedUpTo = 0;
  private refilter = true;
  private frame = 0;
  /** Where Follow last scrolled to: a scroll event there is ours, not the person's. */
  private followedTo = -1;
  private skipped = 0;
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
        const atBottom = top + this.viewport.clientHeight >= this.viewport.scrollHeight - LINE_HEIGHT;
        if (!atBottom && this.options.follow && !this.frozen) this.setOption('follow', false);
      }
      this.schedule();
    });
    this.notice.setAttribute('role', 'status');
    this.notice.hidden = true;
    const openFull = () => host.openFullLog(this.options.timestamps);
    this.notice.append(this.noticeText, ' ', button('Open the full log', 'Open everything this container logged in an editor', openFull, 'link'));
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
      button('Copy', 'Copy the shown lines as text', () => this.copy()),
      button('Full log', 'Open everything this container logged in an editor', openFull),
      button('Stop', 'Stop following these logs', () => host.stop()),
    );
    const heading = el('div', undefined, 'logs-heading');
    heading.append(this.title, this.status);
    this.element.append(heading, toolbar, this.notice, this.viewport);
    this.showEmpty();
  }

  private showEmpty(): void {
    this.title.textContent = 'Logs';
    this.status.textContent = 'Choose Logs on a container to follow its output here.';
  }

  start(session: number, name: string, tty: boolean, maxLines: number): void {
    this.session = session;
    if (this.window.capacity !== maxLines) this.window = new LogWindow(maxLines);
    else this.window.clear();
    this.frozen = undefined;
    this.newWhilePaused = 0;
    this.skipped = 0;
    this.pauseButton.textContent = 'Pause';
    this.title.textContent = `Logs: ${name}`;
    this.status.textContent = tty ? 'following (TTY: stdout and stderr are one stream)' : 'following';
    this.schedule(true);
  }

  /** `skipped`: the host's running total of lines it could not send in time. */
  append(session: number, batch: PackedLines, skipped: number): void {
    if (session !== this.session) return;
    this.window.append(batch);
    this.skipped = skipped;
    if (this.frozen) {
      this.newWhilePaused += batch.count;
      this.pauseButton.textContent = `Resume (${this.newWhilePaused} new)`;
    }
    this.schedule();
  }

  ended(session: number, reason: string): void {
    if (session === this.session) this.status.textContent = reason;
  }

  private setOption<K extends keyof LogsOptions>(key: K, value: LogsOptions[K]): void {
    this.options = { ...this.options, [key]: value };
    if (key === 'follow') this.followBox.checked = value as boolean;
    this.host.optionsChanged(this.options);
    this.schedule(key === 'filter' || key === 'stdout' || key === 'stderr');
  }

  private togglePause(): void {
    if (this.frozen) {
      this.frozen = undefined;
      this.newWhilePaused = 0;
      this.pauseButton.textContent = 'Pause';
    } else {
      this.frozen = this.window.snapshot();
      this.pauseButton.textContent = 'Resume (0 new)';
    }
    this.schedule(true);
  }

  private copy(): void {
    const lines: LogLine[] = [];
    for (let i = 0; i < this.shownCount(); i++) lines.push(this.shownLine(i));
    this.host.copy(linesAsText(lines, this.options.timestamps), `${lines.length} log line(s)`);
  }

  private get source(): LogWindow {
    return this.frozen ?? this.window;
  }

  private shownCount(): number {
    return this.matches?.length ?? this.source.size;
  }

  private shownLine(index: number): LogLine {
    const source = this.source;
    return this.matches ? source.at(this.matches[index] - source.firstSeq) : source.at(index);
  }

  /** `refilter`: the filter or the streams changed, so every kept line is looked at again. */
  private schedule(refilter = false): void {
    this.refilter ||= refilter;
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /** Brings the matches up to date: only the lines that arrived since the last frame are tested. */
  private updateMatches(): void {
    const { filter } = this.options;
    const streams = { stdout: this.options.stdout, stderr: this.options.stderr };
    const source = this.source;
    if (!filter && streams.stdout && streams.stderr) {
      this.matches = undefined;
      return;
    }
    if (this.refilter || !this.matches) {
      this.matches = [];
      this.matchedUpTo = 0;
    }
    const first = source.firstSeq;
    let cut = 0;
    while (cut < this.matches.length && this.matches[cut] < first) cut++;
    if (cut) this.matches.splice(0, cut);
    const matches = this.matches;
    source.forEach((line) => {
      if (lineMatches(line, filter, streams, stripAnsi)) matches.push(line.seq);
    }, Math.max(0, this.matchedUpTo + 1 - first));
    this.matchedUpTo = source.lastSeq;
  }

  private draw(): void {
    this.updateMatches();
    this.refilter = false;
    const count = this.shownCount();
    const height = count * LINE_HEIGHT;
    this.spacer.style.height = `${height}px`;
    const viewHeight = this.viewport.clientHeight;
    if (this.options.follow && !this.frozen) {
      this.followedTo = Math.max(0, height - viewHeight);
      this.viewport.scrollTop = this.followedTo;
    }
    const first = Math.max(0, Math.floor(this.viewport.scrollTop / LINE_HEIGHT) - OVERSCAN);
    const end = Math.min(count, first + Math.ceil(viewHeight / LINE_HEIGHT) + OVERSCAN * 2);
    const rows: HTMLElement[] = [];
    for (let i = first; i < end; i++) rows.push(this.row(this.shownLine(i), i));
    this.spacer.replaceChildren(...rows);
    if (this.session >= 0) {
      this.element.dataset.lines = String(this.window.size);
      this.element.dataset.skipped = String(this.skipped);
    }
    this.notice.hidden = this.skipped === 0;
    if (this.skipped) {
      this.noticeText.textContent = `Skipped ${this.skipped.toLocaleString()} line${this.skipped === 1 ? '' : 's'}: they came faster than this panel can show them.`;
    }
  }

  private row(line: LogLine, index: number): HTMLElement {
    const row = el('div', undefined, `log-line ${line.stream}`);
    row.style.top = `${index * LINE_HEIGHT}px`;
    row.dataset.seq = String(line.seq);
    if (this.options.timestamps && line.time) row.append(el('span', `${line.time.replace('T', ' ').slice(0, 23)} `, 'log-time'));
    if (line.stream === 'stderr') row.append(el('span', 'err ', 'log-stream'));
    const text = el('span', undefined, 'log-text');
    renderAnsi(line.text, text);
    row.append(text);
    return row;
  }
}
