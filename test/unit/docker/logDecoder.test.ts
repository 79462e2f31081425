import * as assert from 'node:assert/strict';
import type { LogLine } from '../../../src/core/dashboard/logLines';
import { LogDecoder } from '../../../src/docker/logDecoder';
import { logFrame as frame } from '../dashboard/support';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function collect(tty: boolean): { decoder: LogDecoder; calls: LogLine[][] } {
  const calls: LogLine[][] = [];
  return { decoder: new LogDecoder(tty, (lines) => calls.push(lines)), calls };
}

const shown = (lines: LogLine[]) => lines.map((l) => `${l.seq} ${l.stream} ${l.time ?? '-'} ${l.text}`);

describe('log decoder (a followed log stream → lines)', () => {
  it('hands on the chunks of one turn of the event loop as one batch, in the order the daemon wrote them', async () => {
    const { decoder, calls } = collect(false);
    // One HTTP chunk per line, as the daemon sends a followed log.
    decoder.push(frame(1, '2025-01-01T10:00:00Z out 1\n'));
    decoder.push(frame(1, '2025-01-01T10:00:01Z out 2\n'));
    decoder.push(frame(2, '2025-01-01T10:00:02Z err 1\n'));
    decoder.push(frame(1, '2025-01-01T10:00:03Z out 3\n'));
    assert.equal(calls.length, 0, 'nothing is handed on before the turn ends');
    await turn();
    assert.equal(calls.length, 1);
    assert.deepEqual(shown(calls[0]), [
      '1 stdout 2025-01-01T10:00:00Z out 1',
      '2 stdout 2025-01-01T10:00:01Z out 2',
      '3 stderr 2025-01-01T10:00:02Z err 1',
      '4 stdout 2025-01-01T10:00:03Z out 3',
    ]);
    // A later line goes in its own turn.
    decoder.push(frame(2, '2025-01-01T10:00:04Z err 2\n'));
    await turn();
    assert.equal(calls.length, 2);
    assert.deepEqual(shown(calls[1]), ['5 stderr 2025-01-01T10:00:04Z err 2']);
  });

  it('keeps a frame split across turns, header included, and a character split across frames', async () => {
    const { decoder, calls } = collect(false);
    const euro = new TextEncoder().encode('€');
    const bytes = new Uint8Array([...frame(1, 'price '), ...frame(1, euro.subarray(0, 2)), ...frame(1, euro.subarray(2)), ...frame(1, ' ok\n')]);
    // Cut inside the second frame's header, then inside the character.
    decoder.push(bytes.subarray(0, 17));
    await turn();
    decoder.push(bytes.subarray(17, 25));
    await turn();
    assert.equal(calls.length, 0, 'no line before its newline');
    decoder.push(bytes.subarray(25));
    await turn();
    assert.deepEqual(calls.flat().map((l) => l.text), ['price € ok']);
  });

  it('keeps stdout and stderr partial lines apart when their frames interleave', async () => {
    const { decoder, calls } = collect(false);
    decoder.push(new Uint8Array([...frame(1, 'hel'), ...frame(2, 'oo'), ...frame(1, 'lo\n'), ...frame(2, 'ps\n')]));
    await turn();
    assert.deepEqual(calls.flat().map((l) => `${l.stream}:${l.text}`), ['stdout:hello', 'stderr:oops']);
  });

  it('reads a TTY stream as raw stdout', async () => {
    const { decoder, calls } = collect(true);
    decoder.push(new TextEncoder().encode('2025-01-01T10:00:00Z one\r\n2025-01-01T10:00:01Z tw'));
    decoder.push(new TextEncoder().encode('o\r\n'));
    await turn();
    assert.deepEqual(shown(calls.flat()), ['1 stdout 2025-01-01T10:00:00Z one', '2 stdout 2025-01-01T10:00:01Z two']);
  });

  it('at the end hands on what was gathered and the partial line at once', () => {
    const { decoder, calls } = collect(false);
    decoder.push(frame(1, 'whole\n'));
    decoder.push(frame(1, 'no newline'));
    decoder.end();
    assert.deepEqual(calls.flat().map((l) => l.text), ['whole', 'no newline']);
  });

  it('hands on nothing once disposed, even what was gathered before', async () => {
    const { decoder, calls } = collect(false);
    decoder.push(frame(1, 'gathered\n'));
    decoder.dispose();
    decoder.push(frame(1, 'after\n'));
    await turn();
    decoder.end();
    assert.deepEqual(calls, []);
  });
});
