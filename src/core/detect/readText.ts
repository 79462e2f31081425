import type { DetectWarning, FileRead, FileView } from './types';
import { WARNING, warning } from './warnings';

export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;
/** Git's heuristic: a NUL byte early in the file means binary. */
const BINARY_PROBE_BYTES = 8000;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeText(bytes: Uint8Array): string | 'binary' | 'not-utf8' {
  // Most files are shorter than the probe and are searched whole, with no view made of their start.
  if ((bytes.length > BINARY_PROBE_BYTES ? bytes.subarray(0, BINARY_PROBE_BYTES) : bytes).includes(0)) return 'binary';
  try {
    return utf8.decode(bytes);
  } catch {
    return 'not-utf8';
  }
}

/**
 * Reads a text file, or returns null and puts in `warnings` (unless null: the caller then explains
 * it better) a warning saying why it was skipped. One small async step per file: detection reads
 * thousands, and every promise, and every register an async function keeps across its await, is
 * garbage to collect.
 */
export async function readText(view: FileView, path: string, maxBytes: number, warnings: DetectWarning[] | null): Promise<string | null> {
  let read: FileRead;
  try {
    read = await view.readFile(path, maxBytes);
  } catch (err) {
    read = unreadable(err);
  }
  return textOf(read, path, maxBytes, warnings);
}

/** readText without a promise, for a view that reads at once (readFileNow); undefined for any other view. */
export function readTextNow(view: FileView, path: string, maxBytes: number, warnings: DetectWarning[] | null): string | null | undefined {
  if (!view.readFileNow) return undefined;
  let read: FileRead;
  try {
    read = view.readFileNow(path, maxBytes);
  } catch (err) {
    read = unreadable(err);
  }
  return textOf(read, path, maxBytes, warnings);
}

function unreadable(err: unknown): FileRead {
  return { kind: 'unreadable', reason: err instanceof Error ? err.message : String(err) };
}

function textOf(read: FileRead, path: string, maxBytes: number, warnings: DetectWarning[] | null): string | null {
  if (read.kind === 'ok') {
    const text = decodeText(read.bytes);
    if (text !== 'binary' && text !== 'not-utf8') return text;
    warnings?.push(text === 'binary'
      ? warning(WARNING.fileBinary, `${path} looks binary (it contains NUL bytes) and was skipped.`, path)
      : warning(WARNING.fileNotUtf8, `${path} is not valid UTF-8 and was skipped; Python 3 source is UTF-8 by default.`, path));
  } else if (read.kind === 'too-large') {
    const mb = (read.size / (1024 * 1024)).toFixed(1);
    warnings?.push(warning(WARNING.fileTooLarge, `${path} was skipped: ${mb} MB is over the ${Math.round(maxBytes / 1024)} KB limit for a source file.`, path));
  } else {
    warnings?.push(warning(WARNING.fileUnreadable, `${path} could not be read (${read.reason}).`, path));
  }
  return null;
}
