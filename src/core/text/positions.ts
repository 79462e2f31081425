/** Where a problem is in a file people edit: 1-based line and column, as editors and CI show them. */
export interface PositionedError {
  /** The file, as the person would find it (relative to the repository when possible). */
  file: string;
  line: number;
  column: number;
  message: string;
}

/** The 1-based line and column of a character offset in a text. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastBreak };
}

export function formatPositioned(e: PositionedError): string {
  return `${e.file}:${e.line}:${e.column}: ${e.message}`;
}
