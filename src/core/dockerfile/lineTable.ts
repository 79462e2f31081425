/**
 * Offsets to positions and back for one text, as LSP text documents count them (a line ends at
 * \n, \r\n or \r). Built once per parse, so reading an instruction's words costs no search per word.
 */
import type { Position } from '../text/range';

const CR = 13;
const LF = 10;

export class LineTable {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    // Most texts end lines with \n alone: indexOf finds them faster than reading every character.
    if (!text.includes('\r')) {
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch !== CR && ch !== LF) continue;
      if (ch === CR && text.charCodeAt(i + 1) === LF) i++;
      this.starts.push(i + 1);
    }
  }

  offsetAt(position: Position): number {
    const { line, character } = position;
    if (line >= this.starts.length) return this.text.length;
    if (line < 0) return 0;
    const start = this.starts[line];
    if (character <= 0) return start;
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    return this.beforeLineEnd(Math.min(start + character, next), start);
  }

  /** The position of an offset; `fromLine` is a line known to start at or before it (instructions read forward). */
  positionAt(offset: number, fromLine = 0): Position {
    const at = Math.max(Math.min(offset, this.text.length), 0);
    let line = fromLine;
    while (line + 1 < this.starts.length && this.starts[line + 1] <= at) line++;
    return { line, character: this.beforeLineEnd(at, this.starts[line]) - this.starts[line] };
  }

  private beforeLineEnd(offset: number, lineStart: number): number {
    let at = offset;
    while (at > lineStart && (this.text.charCodeAt(at - 1) === CR || this.text.charCodeAt(at - 1) === LF)) at--;
    return at;
  }
}
