/**
 * The lines the webview keeps, as data: the packed batches as they came (a string and an offset
 * table each), the oldest cut off once there are more than the capacity. A line becomes an object
 * only when it is drawn or filtered, so a flood leaves a few objects per batch for the garbage
 * collector, not several per line.
 */
import { lineStarts, unpackLine, type PackedLines } from './logBatch';
import type { LogLine } from './logLines';

interface Chunk {
  firstSeq: number;
  text: string;
  starts: Uint32Array;
  count: number;
}

export class LogWindow {
  private chunks: Chunk[] = [];
  /** Lines of the first chunk already cut off. */
  private skip = 0;
  private total = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.total;
  }

  /** The seq of the oldest kept line (the next one's when empty). */
  get firstSeq(): number {
    return this.chunks.length ? this.chunks[0].firstSeq + this.skip : 0;
  }

  get lastSeq(): number {
    const last = this.chunks.at(-1);
    return last ? last.firstSeq + last.count - 1 : 0;
  }

  append(batch: PackedLines): void {
    if (!batch.count) return;
    this.chunks.push({ firstSeq: batch.firstSeq, text: batch.text, starts: lineStarts(batch.text, batch.count), count: batch.count });
    this.total += batch.count;
    this.trim();
  }

  /** The line `index` lines after the oldest kept one. */
  at(index: number): LogLine {
    let i = index + this.skip;
    for (const chunk of this.chunks) {
      if (i < chunk.count) return unpackLine(chunk.text, chunk.starts[i], chunk.starts[i + 1], chunk.firstSeq + i);
      i -= chunk.count;
    }
    throw new RangeError(`no line ${index} in a window of ${this.total}`);
  }

  /** Visits the kept lines from `from` (an index) on, oldest first. */
  forEach(visit: (line: LogLine, index: number) => void, from = 0): void {
    let index = 0;
    let skip = this.skip;
    for (const chunk of this.chunks) {
      const available = chunk.count - skip;
      if (index + available <= from) {
        index += available;
        skip = 0;
        continue;
      }
      for (let i = skip + Math.max(0, from - index); i < chunk.count; i++) {
        visit(unpackLine(chunk.text, chunk.starts[i], chunk.starts[i + 1], chunk.firstSeq + i), index + i - skip);
      }
      index += available;
      skip = 0;
    }
  }

  /** A frozen copy (for Pause): batches are never changed, so it shares them. */
  snapshot(): LogWindow {
    const copy = new LogWindow(this.capacity);
    copy.chunks = [...this.chunks];
    copy.skip = this.skip;
    copy.total = this.total;
    return copy;
  }

  clear(): void {
    this.chunks = [];
    this.skip = 0;
    this.total = 0;
  }

  private trim(): void {
    let excess = this.total - this.capacity;
    while (excess > 0) {
      const first = this.chunks[0];
      const left = first.count - this.skip;
      if (left <= excess) {
        this.chunks.shift();
        this.skip = 0;
        this.total -= left;
        excess -= left;
      } else {
        this.skip += excess;
        this.total -= excess;
        excess = 0;
      }
    }
  }
}
