/**
 * The Logs tab: the last N lines (a ring buffer, like the host's), drawn as a virtual list so
 * 10 000 lines cost the DOM of one screenful, and redrawn at most once per animation frame
 * however fast batches arrive. Follow keeps the newest line in view; Pause freezes the view
 * while lines keep arriving.
 */
import { linesAsText, lineMatches, RingBuffer, stripAnsi, type LogLine } from '../src/core/dashboard/logLines';
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
  optionsChanged(options: LogsOptions): void;
}

const plainCache = new WeakMap<LogLine, string>();
function plain(text: string, line?: LogLine): string {
  if (!line) return stripAnsi(text);
  let cached = plainCache.get(line);
  if (cached === undefined) {
    cached = stripAnsi(text);
    plainCache.set(line, cached);
  }
  return cached;
}

export class LogsView {
  readonly element = el('section', undefined, 'logs');
  private buffer = new RingBuffer<LogLine>(10_000);
  private session = -1;
  private frozen: LogLine[] | undefined;
  private newWhilePaused = 0;
  private visible: LogLine[] = [];
  private dirty = true;
  private frame = 0;
  private readonly title = el('h2', 'Logs');
  private readonly status = el('span', '', 'muted log-status');
  private readonly viewport = el('div', undefined, 'log-viewport');
  private readonly spacer = el('div', undefined, 'log-spacer');
  private readonly pauseButton: HTMLButtonElement;
  private followBox: HTMLElement & { checked?: boolean };
  private droppedTotal = 0;

  constructor(private readonly host: LogsHost, private options: LogsOptions) {
    this.element.setAttribute('aria-label', 'Container logs');
    this.viewport.tabIndex = 0;
    this.viewport.setAttribute('role', 'log');
    this.viewport.setAttribute('aria-label', 'Log lines');
    this.viewport.append(this.spacer);
    this.viewport.addEventListener('scroll', () => {
      const atBottom = this.viewport.scrollTop + this.viewport.clientHeight >= this.viewport.scrollHeight - LINE_HEIGHT;
      if (!atBottom && this.options.follow && !this.frozen) this.setOption('follow', false);
      this.schedule(false);
    });
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
      button('Stop', 'Stop following these logs', () => host.stop()),
    );
    const heading = el('div', undefined, 'logs-heading');
    heading.append(this.title, this.status);
    this.element.append(heading, toolbar, this.viewport);
    this.showEmpty();
  }

  private showEmpty(): void {
    this.title.textContent = 'Logs';
    this.status.textContent = 'Choose Logs on a container to follow its output here.';
  }

  start(session: number, name: string, tty: boolean, maxLines: number): void {
    this.session = session;
    if (this.buffer.capacity !== maxLines) this.buffer = new RingBuffer<LogLine>(maxLines);
    else this.buffer.clear();
    this.frozen = undefined;
    this.newWhilePaused = 0;
    this.droppedTotal = 0;
    this.pauseButton.textContent = 'Pause';
    this.title.textContent = `Logs: ${name}`;
    this.status.textContent = tty ? 'following (TTY: stdout and stderr are one stream)' : 'following';
    this.schedule(true);
  }

  append(session: number, lines: LogLine[], dropped: number): void {
    if (session !== this.session) return;
    this.buffer.pushAll(lines);
    this.droppedTotal += dropped;
    if (this.frozen) {
      this.newWhilePaused += lines.length;
      this.pauseButton.textContent = `Resume (${this.newWhilePaused} new)`;
      return;
    }
    this.schedule(true);
  }

  ended(session: number, reason: string): void {
    if (session === this.session) this.status.textContent = reason;
  }

  /** Lines in the buffer and DOM rows drawn, for tests and the benchmark. */
  stats(): { buffered: number; rows: number; dropped: number } {
    return { buffered: this.buffer.size, rows: this.spacer.childElementCount, dropped: this.buffer.dropped + this.droppedTotal };
  }

  private setOption<K extends keyof LogsOptions>(key: K, value: LogsOptions[K]): void {
    this.options = { ...this.options, [key]: value };
    if (key === 'follow') this.followBox.checked = value as boolean;
    this.host.optionsChanged(this.options);
    this.schedule(true);
  }

  private togglePause(): void {
    if (this.frozen) {
      this.frozen = undefined;
      this.newWhilePaused = 0;
      this.pauseButton.textContent = 'Pause';
    } else {
      this.frozen = this.buffer.toArray();
      this.pauseButton.textContent = 'Resume (0 new)';
    }
    this.schedule(true);
  }

  private copy(): void {
    const text = linesAsText(this.visible, this.options.timestamps);
    this.host.copy(text, `${this.visible.length} log line(s)`);
  }

  /** `refilter`: the set of lines changed, not just the scroll position. */
  private schedule(refilter: boolean): void {
    this.dirty ||= refilter;
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private draw(): void {
    if (this.dirty) {
      const source = this.frozen ?? this.buffer.toArray();
      const { filter } = this.options;
      const streams = { stdout: this.options.stdout, stderr: this.options.stderr };
      this.visible = filter || !streams.stdout || !streams.stderr
        ? source.filter((l) => lineMatches(l, filter, streams, (t) => plain(t, l)))
        : source;
      this.dirty = false;
      this.spacer.style.height = `${this.visible.length * LINE_HEIGHT}px`;
      if (this.options.follow && !this.frozen) this.viewport.scrollTop = this.viewport.scrollHeight;
    }
    const first = Math.max(0, Math.floor(this.viewport.scrollTop / LINE_HEIGHT) - OVERSCAN);
    const count = Math.ceil(this.viewport.clientHeight / LINE_HEIGHT) + OVERSCAN * 2;
    const rows: HTMLElement[] = [];
    for (let i = first; i < Math.min(this.visible.length, first + count); i++) {
      const line = this.visible[i];
      const row = el('div', undefined, `log-line ${line.stream}`);
      row.style.top = `${i * LINE_HEIGHT}px`;
      row.dataset.seq = String(line.seq);
      if (this.options.timestamps && line.time) row.append(el('span', `${line.time.replace('T', ' ').slice(0, 23)} `, 'log-time'));
      if (line.stream === 'stderr') row.append(el('span', 'err ', 'log-stream'));
      const text = el('span', undefined, 'log-text');
      renderAnsi(line.text, text);
      row.append(text);
      rows.push(row);
    }
    this.spacer.replaceChildren(...rows);
    const dropped = this.buffer.dropped + this.droppedTotal;
    if (this.session >= 0) {
      this.element.dataset.lines = String(this.buffer.size);
      this.element.dataset.dropped = String(dropped);
    }
  }
}
