import * as assert from 'node:assert/strict';
import { LineAssembler, linesAsText, MAX_LINE_CHARS, RingBuffer, stripAnsi } from '../../../src/core/dashboard/logLines';
import { demultiplex, LogDemuxer } from '../../../src/docker/logDemux';
import { colorClass } from '../../../src/core/dashboard/ansiColors';
import { logFrame as frame } from './support';

describe('dashboard logs', () => {
  it('a ring buffer keeps the last N and counts what fell out', () => {
    const ring = new RingBuffer<number>(3);
    for (let i = 1; i <= 5; i++) ring.push(i);
    assert.deepEqual(ring.toArray(), [3, 4, 5]);
    assert.equal(ring.dropped, 2);
    ring.pushAll([6, 7, 8, 9, 10]);
    assert.deepEqual(ring.toArray(), [8, 9, 10]);
    assert.equal(ring.dropped, 7);
    ring.resize(2);
    assert.deepEqual(ring.toArray(), [9, 10]);
  });

  it('assembles lines per stream, across chunks, with the daemon\'s timestamps split off', () => {
    const a = new LineAssembler(true);
    const out = [
      ...a.push('stdout', '2025-01-01T10:00:00.123456789Z hel'),
      ...a.push('stderr', '2025-01-01T10:00:01Z oops\r\n'),
      ...a.push('stdout', 'lo\n2025-01-01T10:00:02Z <script>alert(1)</script>\n'),
    ];
    assert.deepEqual(out.map((l) => [l.stream, l.time, l.text]), [
      ['stderr', '2025-01-01T10:00:01Z', 'oops'],
      ['stdout', '2025-01-01T10:00:00.123456789Z', 'hello'],
      ['stdout', '2025-01-01T10:00:02Z', '<script>alert(1)</script>'],
    ]);
    assert.deepEqual(out.map((l) => l.seq), [1, 2, 3]);
    assert.deepEqual(a.flush(), []);
  });

  it('cuts a runaway line instead of holding it', () => {
    const a = new LineAssembler(false);
    const lines = a.push('stdout', 'x'.repeat(MAX_LINE_CHARS * 2 + 10));
    assert.equal(lines.length, 1);
    assert.ok(lines[0].text.length < MAX_LINE_CHARS + 100);
  });

  it('demultiplexes frames split anywhere, headers included', () => {
    const bytes = new Uint8Array([...frame(1, 'out 1\n'), ...frame(2, 'err 1\n'), ...frame(1, 'out 2\n')]);
    const got: string[] = [];
    const demuxer = new LogDemuxer((stream, payload) => got.push(`${stream}:${new TextDecoder().decode(payload)}`));
    for (const byte of bytes) demuxer.push(new Uint8Array([byte]));
    assert.deepEqual(got, ['stdout:out 1\n', 'stderr:err 1\n', 'stdout:out 2\n']);
    assert.equal(demuxer.buffered, 0);
  });

  it('reads a whole multiplexed buffer as text, a character split across frames intact', () => {
    const euro = new TextEncoder().encode('€'); // three bytes, sent as two frames
    const partial = frame(1, 'never finished').subarray(0, 12);
    const bytes = new Uint8Array([...frame(1, 'price '), ...frame(1, euro.subarray(0, 1)), ...frame(1, euro.subarray(1)),
      ...frame(2, '\nwarn\n'), ...partial]);
    assert.equal(demultiplex(bytes), 'price €\nwarn\n');
    assert.equal(demultiplex(new Uint8Array(0)), '');
  });

  it('strips ANSI for filtering and copying', () => {
    assert.equal(stripAnsi('\u001b[31mred\u001b[0m \u001b[1;32mbold green\u001b[0m'), 'red bold green');
    assert.equal(linesAsText([{ seq: 1, stream: 'stdout', time: 'T', text: '\u001b[31mx\u001b[0m' }], true), 'T x');
  });

  it('maps ANSI colors (16, 256, truecolor) to the theme\'s terminal palette names', () => {
    assert.equal(colorClass('ansi-red', null), 'red');
    assert.equal(colorClass('ansi-bright-blue', null), 'bright-blue');
    assert.equal(colorClass('ansi-palette-9', null), 'bright-red');
    assert.equal(colorClass('ansi-palette-196', null), 'bright-red');
    assert.equal(colorClass('ansi-truecolor', '0, 255, 0'), 'bright-green');
    assert.equal(colorClass(null, null), undefined);
  });
});
