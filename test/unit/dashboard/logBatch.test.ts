import * as assert from 'node:assert/strict';
import { packLines, unpackLines } from '../../../src/core/dashboard/logBatch';
import type { LogLine } from '../../../src/core/dashboard/logLines';
import { RingBuffer } from '../../../src/core/dashboard/logLines';
import { LogView } from '../../../src/core/dashboard/logView';
import { LOG_MAX_ROWS, LogsFeed } from '../../../src/dashboard/logsFeed';
import type { HostMessage, LogsViewRequest } from '../../../src/shared/protocol';

const line = (seq: number, text = `line ${seq}`, stream: LogLine['stream'] = 'stdout', time: string | undefined = '2025-01-01T10:00:00.1Z'): LogLine =>
  ({ seq, stream, time, text });
const lines = (from: number, count: number, text?: (seq: number) => string) =>
  Array.from({ length: count }, (_, i) => line(from + i, text?.(from + i)));

type LogViewMessage = Extract<HostMessage, { type: 'logView' }>;
function batchLines(m: LogViewMessage): LogLine[] {
  return unpackLines({ firstSeq: m.batch.firstSeq, count: m.batch.count, text: new TextDecoder().decode(m.batch.bytes) });
}

/** A feed whose "webview" records the updates and draws (acknowledges) only when told to. */
function feedWithWebview(maxLines: number, connected = () => true, updateMs = 0) {
  const sent: LogViewMessage[] = [];
  const feed = new LogsFeed((m) => {
    if (!connected()) return false;
    if (m.type === 'logView') sent.push(m);
    return true;
  }, maxLines, updateMs);
  const session = () => (feed as unknown as { session: number }).session;
  const view = (request: Partial<LogsViewRequest>) =>
    feed.setView(session(), { stdout: true, stderr: true, filter: '', follow: true, paused: false, first: 0, rows: 20, ...request });
  const drawn = () => feed.acknowledge(session());
  return { feed, sent, view, drawn };
}
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('dashboard logs: packed lines, the host-side view, one update at a time', () => {
  it('packs lines into one string and back, whatever their text holds', () => {
    const original: LogLine[] = [
      line(7, '\u001b[31mred\u001b[0m with  spaces\tand a tab'),
      line(8, '', 'stderr'),
      line(9, ' leading space, no time', 'stdout', undefined),
      line(10, 'ünïcødé ✓ 🐳', 'stderr', '2025-01-01T10:00:00+02:00'),
    ];
    const packed = packLines(original);
    assert.equal(packed.firstSeq, 7);
    assert.equal(packed.count, 4);
    assert.deepEqual(unpackLines(packed), original);
    assert.deepEqual(unpackLines(packLines([])), []);
  });

  it('shows the kept lines, narrowed by stream and filter, incrementally as lines arrive and leave', () => {
    const window = new RingBuffer<LogLine>(6);
    const view = new LogView(window);
    const add = (...ls: LogLine[]) => {
      window.pushAll(ls);
      view.arrived(ls.length);
    };
    add(line(1, 'GET /'), line(2, '\u001b[31mERROR\u001b[0m db', 'stderr'), line(3, 'get /todos'));
    assert.equal(view.count(), 3);
    assert.deepEqual(view.slice(1, 5).map((l) => l.seq), [2, 3]);
    view.setFilter({ stdout: true, stderr: true, filter: 'get' });
    assert.deepEqual(view.slice(0, 10).map((l) => l.seq), [1, 3], 'case-insensitive');
    view.setFilter({ stdout: true, stderr: true, filter: 'error db' });
    assert.deepEqual(view.slice(0, 10).map((l) => l.seq), [2], 'ANSI escapes ignored');
    view.setFilter({ stdout: false, stderr: true, filter: '' });
    add(line(4, 'x', 'stderr'), line(5), line(6, 'y', 'stderr'), line(7, 'z', 'stderr'));
    assert.deepEqual(view.slice(0, 10).map((l) => l.seq), [2, 4, 6, 7], 'new lines tested as they come');
    add(line(8), line(9), line(10));
    assert.deepEqual(view.slice(0, 10).map((l) => l.seq), [6, 7], 'lines that left the window leave the matches');
    assert.equal(view.text(false).text, 'y\nz');
    assert.equal(view.text(true).text, '2025-01-01T10:00:00.1Z y\n2025-01-01T10:00:00.1Z z');
    assert.deepEqual(view.slice(-3, 1).map((l) => l.seq), [6]);
    assert.deepEqual(view.slice(5, 3), []);
  });

  it('freezes the lines shown on pause and counts what arrives behind it', () => {
    const window = new RingBuffer<LogLine>(4);
    const view = new LogView(window);
    window.pushAll(lines(1, 4));
    view.setPaused(true);
    window.pushAll(lines(5, 3));
    view.arrived(3);
    assert.deepEqual(view.slice(0, 10).map((l) => l.seq), [1, 2, 3, 4], 'the frozen lines, though the window moved on');
    assert.equal(view.newWhilePaused, 3);
    view.setFilter({ stdout: true, stderr: true, filter: 'line 3' });
    assert.deepEqual(view.slice(0, 10).map((l) => l.seq), [3], 'the filter applies to the frozen lines');
    view.setPaused(false);
    assert.deepEqual(view.slice(0, 10).map((l) => l.seq), [], 'resumed: the window itself, where line 3 is gone');
    view.setFilter({ stdout: true, stderr: true, filter: '' });
    assert.deepEqual(view.slice(0, 10).map((l) => l.seq), [4, 5, 6, 7]);
    assert.equal(view.newWhilePaused, 0);
  });

  it('a pause leaves out the newest lines the person never saw, and counts them as new', () => {
    const window = new RingBuffer<LogLine>(10);
    const view = new LogView(window);
    window.pushAll(lines(1, 6));
    view.setPaused(true, 2);
    assert.deepEqual(view.slice(0, 10).map((l) => l.seq), [1, 2, 3, 4], 'frozen at the screen the person saw');
    assert.equal(view.newWhilePaused, 2);
    view.setPaused(false);
    view.setPaused(true, 99);
    assert.deepEqual(view.slice(0, 10).map((l) => l.seq), [], 'more unseen than kept: nothing of the window');
    assert.equal(view.newWhilePaused, 6);
    view.setPaused(false);
    view.setPaused(true, Number.NaN);
    assert.deepEqual(view.slice(0, 10).map((l) => l.seq), [1, 2, 3, 4, 5, 6], 'no count: the whole window');
  });

  it('pauses at the update the webview showed, not at lines that reached the host after it', async () => {
    const { feed, sent, view, drawn } = feedWithWebview(1000);
    view({ rows: 5 });
    feed.ingest(lines(1, 30));
    await tick();
    const seen = sent.at(-1)!;
    assert.equal(seen.received, 30);
    drawn();
    // Two lines reach the host while the webview's pause is on its way.
    feed.ingest(lines(31, 2));
    await tick();
    drawn();
    view({ rows: 5, first: 25, paused: true, pausedAt: seen.received });
    await tick();
    const paused = sent.at(-1)!;
    assert.equal(paused.paused, true);
    assert.deepEqual(batchLines(paused).map((l) => l.seq), [26, 27, 28, 29, 30], 'the screen the person paused on');
    assert.equal(paused.newWhilePaused, 2, 'the two lines not seen count as new');
    assert.equal(paused.count, 30);
    drawn();
    view({ rows: 5, paused: false });
    await tick();
    assert.deepEqual(batchLines(sent.at(-1)!).map((l) => l.seq), [28, 29, 30, 31, 32], 'resumed: the newest lines');
  });

  it('sends the viewport, not the flood: one screenful per update, one update until it is drawn', async () => {
    const { feed, sent, view, drawn } = feedWithWebview(10_000);
    view({ rows: 30 });
    for (let seq = 1; seq <= 100_000; seq += 1000) feed.ingest(lines(seq, 1000));
    await tick();
    assert.equal(sent.length, 1, 'one update while the webview has not drawn it');
    const first = sent[0];
    assert.equal(first.batch.count, 30, 'the rows the viewport asked for');
    assert.deepEqual([first.count, first.first, first.kept, first.received, first.received - first.kept], [10_000, 9970, 10_000, 100_000, 90_000]);
    assert.deepEqual(batchLines(first).map((l) => l.text).slice(-2), ['line 99999', 'line 100000'], 'following: the newest lines');
    feed.ingest(lines(100_001, 5));
    drawn();
    await tick();
    assert.equal(sent.length, 2, 'drawn: the next update goes');
    assert.equal(batchLines(sent[1]).at(-1)?.text, 'line 100005');
    drawn();
    await tick();
    assert.equal(sent.length, 2, 'nothing changed: nothing sent');
    const bytes = sent.reduce((n, m) => n + m.batch.bytes.length, 0);
    assert.ok(bytes < 2 * 30 * 40, `${bytes} bytes for 100,005 lines`);
  });

  it('answers a scroll with the rows asked for, and never more than a screenful cap', async () => {
    const { feed, sent, view, drawn } = feedWithWebview(1000);
    feed.ingest(lines(1, 1000));
    view({ follow: false, first: 100, rows: 50 });
    await tick();
    assert.deepEqual([sent[0].first, sent[0].batch.count, batchLines(sent[0])[0].text], [100, 50, 'line 101']);
    drawn();
    view({ follow: false, first: 990, rows: 50 });
    await tick();
    assert.deepEqual([sent[1].first, sent[1].batch.count], [950, 50], 'past the end: the last rows');
    drawn();
    view({ follow: false, first: 0, rows: 100_000 });
    await tick();
    assert.equal(sent[2].batch.count, LOG_MAX_ROWS);
    drawn();
    view({ follow: false, first: 0, rows: 10, filter: 'line 99' });
    await tick();
    assert.deepEqual([sent[3].count, batchLines(sent[3]).map((l) => l.text).slice(0, 3)], [11, ['line 99', 'line 990', 'line 991']]);
    assert.equal(feed.shownText((feed as unknown as { session: number }).session, false)?.lines, 11, 'copy takes every shown line, not the screenful');
  });

  it('without a webview nothing counts as sent; a webview that loads gets the session and then its view', async () => {
    let connected = false;
    const { feed, sent, view } = feedWithWebview(100, () => connected);
    (feed as unknown as { current: object }).current = { containerId: 'c', name: 'n', tty: false };
    feed.ingest(lines(1, 500));
    await tick();
    assert.equal(sent.length, 0);
    assert.equal(feed.dropped, 400);
    connected = true;
    feed.replay();
    view({ rows: 10 });
    await tick();
    assert.equal(sent.length, 1);
    assert.deepEqual([sent[0].count, sent[0].first, sent[0].received - sent[0].kept, batchLines(sent[0])[9].text], [100, 90, 400, 'line 500']);
  });

  it('ignores a view or an acknowledgement of another session', async () => {
    const { feed, sent, view } = feedWithWebview(100);
    view({ rows: 5 });
    feed.ingest(lines(1, 10));
    await tick();
    assert.equal(sent.length, 1);
    feed.acknowledge(-1);
    feed.setView(-1, { stdout: false, stderr: false, filter: '', follow: true, paused: false, first: 0, rows: 5 });
    feed.ingest(lines(11, 1));
    await tick();
    assert.equal(sent.length, 1, 'still waiting for this session\'s acknowledgement');
  });

  it('sends a quiet container\'s line at once, and a flood\'s updates at least the update interval apart', async () => {
    const { feed, sent, view, drawn } = feedWithWebview(100, () => true, 200);
    view({ rows: 5 });
    await tick();
    drawn();
    const before = sent.length;
    feed.ingest(lines(1, 1));
    await tick();
    assert.equal(sent.length, before, 'the answer to the view request went a moment ago');
    await new Promise((resolve) => setTimeout(resolve, 220));
    assert.equal(sent.length, before + 1);
    drawn();
    await new Promise((resolve) => setTimeout(resolve, 220));
    feed.ingest(lines(2, 1));
    await tick();
    assert.equal(sent.length, before + 2, 'quiet for longer than the interval: at once');
    drawn();
    feed.ingest(lines(3, 1));
    await tick();
    assert.equal(sent.length, before + 2, 'drawn, but the last update went less than the interval ago');
    await new Promise((resolve) => setTimeout(resolve, 220));
    assert.equal(sent.length, before + 3);
    drawn();
    feed.ingest(lines(4, 1));
    view({ rows: 5, follow: false, first: 0 });
    await tick();
    assert.equal(sent.length, before + 4, 'a scroll is answered at once, with the new lines');
    assert.equal(sent.at(-1)?.count, 4);
  });
});
