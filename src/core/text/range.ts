/**
 * Places in a text file as editors address them: 0-based line and character (LSP style), shared by
 * the Dockerfile and compose models and everything that reports on them.
 */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A syntax problem that stops Docker (or Compose) from reading the file at all. */
export interface ParseError {
  message: string;
  range: Range;
}

export function contains(r: Range, p: Position): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return afterStart && beforeEnd;
}
