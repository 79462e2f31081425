import * as assert from 'node:assert/strict';
import { packLines, unpackLines } from '../../../src/core/dashboard/logBatch';
import type { LogLine } from '../../../src/core/dashboard/logLines';
import { LogWindow } from '../../../src/core/dashboard/logWindow';
import { LOG_BATCH_CHARS, LOG_CHARS_IN_FLIGHT, LogsFeed } from '../../../src/dashboard/logsFeed';
import type { HostMessage } from '../../../src/shared/protocol';

const line = (seq: number, text = `line ${seq}`, stream: LogLine['stream'] = 'stdout', time: string | undefined = '2025-01-01T10:00:00.1Z'): LogLine =>
  ({ seq, stream, time, text });
const lines = (from: number, count: number, text?: (seq: number) => string) =>
  Array.from({ length: count }, (_, i) => line(from + i, text?.(from + i)));

type LogLinesMessage = Extract<HostMessage, { type: 'logLines' }>;
function batchLines(m: LogLinesMessage): LogLine[] {
  return unpackLines({ firstSeq: m.batch.firstSeq, count: m.batch.count, text: new TextDecoder().decode(m.batch.bytes) });
}

/** A feed whose "webview" records the batches and answers only when told to. */
function feedWithWebview(maxLines: number, connected = () => true) {
  const sent: LogLinesMessage[] = [];
  const feed = new LogsFeed((m) => {
    if (!connected()) return false;
    if (m.type === 'logLines') sent.push(m);
    return true;
  }, maxLines, 0);
  return { feed, sent };
}
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('dashboard log batches', () => {
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

  it('keeps the newest lines up to its capacity, across batches, as data', () => {
    const window = new LogWindow(5);
    window.append(packLines(lines(1, 3)));
    window.append(packLines(lines(4, 3)));
    assert.equal(window.size, 5);
    assert.deepEqual([window.firstSeq, window.lastSeq], [2, 6]);
    assert.equal(window.at(0).text, 'line 2');
    assert.equal(window.at(4).text, 'line 6');
    const frozen = window.snapshot();
    window.append(packLines(lines(7, 9)));
    assert.deepEqual([window.firstSeq, window.lastSeq, window.size], [11, 15, 5]);
    const seen: number[] = [];
    window.forEach((l, i) => seen.push(l.seq * 100 + i), 2);
    assert.deepEqual(seen, [1302, 1403, 1504]);
    assert.deepEqual([frozen.firstSeq, frozen.lastSeq], [2, 6], 'a snapshot does not move');
    assert.throws(() => window.at(5), RangeError);
  });

  it('counts the lines it could not send while the webview did not answer, and sends the rest later', async () => {
    const long = (seq: number) => `${seq} ${'x'.repeat(2000)}`;
    const { feed, sent } = feedWithWebview(100);
    for (let seq = 1; seq <= 2000; seq += 50) {
      feed.ingest(lines(seq, 50, long));
      await tick();
    }
    const unanswered = sent.reduce((n, m) => n + m.batch.bytes.length, 0);
    assert.ok(unanswered >= LOG_CHARS_IN_FLIGHT && unanswered < LOG_CHARS_IN_FLIGHT + LOG_BATCH_CHARS + 2100, `${unanswered} bytes unanswered`);
    assert.equal(feed.received, 2000);
    const sentCount = () => sent.reduce((n, m) => n + m.batch.count, 0);
    assert.equal(feed.skipped, 2000 - sentCount() - 100, 'everything but the sent lines and the kept unsent ones is skipped');
    while (sentCount() + feed.skipped < 2000) {
      feed.acknowledge(sent.at(-1)?.session ?? 0);
      await tick();
    }
    assert.equal(sent.at(-1)?.skipped, feed.skipped, 'the webview hears the total');
    const delivered = sent.flatMap(batchLines);
    assert.deepEqual(delivered.slice(-100).map((l) => l.seq), lines(1901, 100).map((l) => l.seq), 'the newest lines all arrive, in order');
    assert.equal(delivered.at(-1)?.text, long(2000));
    for (let i = 1; i < delivered.length; i++) assert.ok(delivered[i].seq > delivered[i - 1].seq);
  });

  it('sizes batches by their bytes, not by a count of lines', async () => {
    const { feed, sent } = feedWithWebview(10_000);
    const long = 'x'.repeat(100);
    feed.ingest(lines(1, 5000, () => long));
    await tick();
    const first = sent[0];
    assert.ok(first.batch.count < 5000, 'half a megabyte went as one batch');
    assert.ok(first.batch.bytes.length <= LOG_BATCH_CHARS + 200, `${first.batch.bytes.length} bytes in one batch`);
    assert.ok(first.batch.bytes.length >= LOG_BATCH_CHARS - 200, 'a batch is filled before the next');
    assert.ok(sent.length > 1, 'the batches of one turn all go when the webview keeps up');
    assert.equal(sent.reduce((s, m) => s + m.batch.count, 0), 5000);
    assert.equal(feed.skipped, 0);
  });

  it('without a webview nothing counts as sent; it gets the kept lines and the skipped total when it is back', async () => {
    let connected = false;
    const { feed, sent } = feedWithWebview(100, () => connected);
    (feed as unknown as { current: object }).current = { containerId: 'c', name: 'n', tty: false };
    feed.ingest(lines(1, 500));
    await tick();
    assert.equal(sent.length, 0);
    assert.equal(feed.skipped, 400);
    connected = true;
    feed.replay();
    assert.equal(sent.length, 1);
    assert.deepEqual([sent[0].batch.firstSeq, sent[0].batch.count, sent[0].skipped], [401, 100, 400]);
  });
});
