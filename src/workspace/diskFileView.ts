import { closeSync, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { DirEntry, FileRead, FileView } from '../core/detect/types';

/**
 * The file view over a folder on local disk, for the CLI and tests. Entries come from readdir's
 * file types (lstat semantics), so a symbolic link is reported as a link and never followed: no
 * loops, no escaping the tree. Nothing is listed until the walk asks, so ignored folders cost
 * nothing.
 *
 * The calls are synchronous on purpose: a detection reads thousands of small files, and a sync
 * open/read/close costs a few microseconds where a promise-based FileHandle round trip through
 * the thread pool costs about twenty times more (bench/detect.ts). The extension, whose event
 * loop must stay free, reads through vscode.workspace.fs instead.
 */
export function diskFileView(root: string): FileView {
  return {
    async readDir(path) {
      return readdirSync(join(root, path), { withFileTypes: true }).map((e): DirEntry => ({
        name: e.name,
        kind: e.isFile() ? 'file' : e.isDirectory() ? 'directory' : e.isSymbolicLink() ? 'symlink' : 'other',
      }));
    },
    async readFile(path, maxBytes) {
      try {
        return readBounded(join(root, path), maxBytes);
      } catch (err) {
        return { kind: 'unreadable', reason: (err as NodeJS.ErrnoException).code ?? String(err) };
      }
    },
  };
}

/** Most source files fit in one read of this size; reads are synchronous, so one buffer serves all. */
const scratch = Buffer.allocUnsafe(64 * 1024);

/** Reads up to maxBytes (one byte more tells it is too large), without a stat for the common small file. */
function readBounded(path: string, maxBytes: number): FileRead {
  const fd = openSync(path, 'r');
  try {
    const wanted = Math.min(maxBytes + 1, scratch.length);
    const first = readSync(fd, scratch, 0, wanted, 0);
    if (first < wanted) return { kind: 'ok', bytes: Buffer.from(scratch.subarray(0, first)) };
    const { size } = fstatSync(fd);
    if (size > maxBytes) return { kind: 'too-large', size };
    const whole = Buffer.allocUnsafe(size);
    scratch.copy(whole, 0, 0, first);
    let length = first;
    while (length < size) {
      const read = readSync(fd, whole, length, size - length, length);
      if (read === 0) break;
      length += read;
    }
    return { kind: 'ok', bytes: whole.subarray(0, length) };
  } finally {
    closeSync(fd);
  }
}
