import type { DetectWarning, FileView } from './types';
import { WARNING, warning } from './warnings';

export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;
/** Git's heuristic: a NUL byte early in the file means binary. */
const BINARY_PROBE_BYTES = 8000;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeText(bytes: Uint8Array): string | 'binary' | 'not-utf8' {
  if (bytes.subarray(0, BINARY_PROBE_BYTES).includes(0)) return 'binary';
  try {
    return utf8.decode(bytes);
  } catch {
    return 'not-utf8';
  }
}

export type TextRead = { text: string; warning?: undefined } | { text?: undefined; warning: DetectWarning };

/** Reads a text file, or says in a warning why it was skipped. */
export async function readText(view: FileView, path: string, maxBytes: number): Promise<TextRead> {
  let read;
  try {
    read = await view.readFile(path, maxBytes);
  } catch (err) {
    read = { kind: 'unreadable' as const, reason: err instanceof Error ? err.message : String(err) };
  }
  if (read.kind === 'too-large') {
    const mb = (read.size / (1024 * 1024)).toFixed(1);
    return { warning: warning(WARNING.fileTooLarge, `${path} was skipped: ${mb} MB is over the ${Math.round(maxBytes / 1024)} KB limit for a source file.`, path) };
  }
  if (read.kind === 'unreadable') {
    return { warning: warning(WARNING.fileUnreadable, `${path} could not be read (${read.reason}).`, path) };
  }
  const text = decodeText(read.bytes);
  if (text === 'binary') {
    return { warning: warning(WARNING.fileBinary, `${path} looks binary (it contains NUL bytes) and was skipped.`, path) };
  }
  if (text === 'not-utf8') {
    return { warning: warning(WARNING.fileNotUtf8, `${path} is not valid UTF-8 and was skipped; Python 3 source is UTF-8 by default.`, path) };
  }
  return { text };
}
