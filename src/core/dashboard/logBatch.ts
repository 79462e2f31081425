/**
 * Log lines packed for the trip host → webview: one string per batch (sent as UTF-8 bytes), not
 * an object per line. A flood of objects costs the webview's renderer three structured copies
 * each and long garbage-collection pauses; one string per batch costs a copy of bytes.
 *
 * Each line is `<o|e><time> <text>` and lines are joined by "\n": a time holds no space and a
 * text no newline (the assembler splits on it), so the format needs no escaping.
 */
import type { LogLine, LogStream } from './logLines';

/** A batch of consecutive lines: the seq of the first, and the packed text. */
export interface PackedLines {
  firstSeq: number;
  count: number;
  text: string;
}

/** About the bytes a line takes packed (UTF-16 length, near enough for sizing batches). */
export function packedSize(line: LogLine): number {
  return line.text.length + (line.time?.length ?? 0) + 3;
}

export function packLines(lines: readonly LogLine[]): PackedLines {
  const parts = new Array<string>(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    parts[i] = `${l.stream === 'stderr' ? 'e' : 'o'}${l.time ?? ''} ${l.text}`;
  }
  return { firstSeq: lines[0]?.seq ?? 0, count: lines.length, text: parts.join('\n') };
}

/** Where each packed line starts in `text` (one scan; no string per line). */
function lineStarts(text: string, count: number): Uint32Array {
  const starts = new Uint32Array(count + 1);
  let at = 0;
  for (let i = 0; i < count; i++) {
    starts[i] = at;
    const nl = text.indexOf('\n', at);
    at = nl === -1 ? text.length + 1 : nl + 1;
  }
  starts[count] = text.length + 1;
  return starts;
}

/** The line that starts at `start` and ends before `end` (its newline), as the host had it. */
function unpackLine(text: string, start: number, end: number, seq: number): LogLine {
  const stream: LogStream = text.charCodeAt(start) === 101 /* e */ ? 'stderr' : 'stdout';
  const space = text.indexOf(' ', start + 1);
  const time = space > start + 1 ? text.slice(start + 1, space) : undefined;
  return { seq, stream, time, text: text.slice(space + 1, end - 1) };
}

export function unpackLines(batch: PackedLines): LogLine[] {
  const starts = lineStarts(batch.text, batch.count);
  return Array.from({ length: batch.count }, (_, i) => unpackLine(batch.text, starts[i], starts[i + 1], batch.firstSeq + i));
}
