import { closeSync, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { join, sep } from 'node:path';
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
  // path.join normalizes by rebuilding the string segment by segment (a kilobyte or more of garbage
  // per call); the walk's own paths are already normal, so on POSIX they are appended to the
  // normalized root, which gives the very string join would.
  const base = join(root, '.');
  const prefix = base === '.' ? '' : base.endsWith(sep) ? base : `${base}${sep}`;
  const onDisk = (path: string) => (sep === '/' && isNormal(path) ? `${prefix}${path}` : join(root, path));
  const readNow = (path: string, maxBytes: number): FileRead => {
    try {
      return readBounded(onDisk(path), maxBytes);
    } catch (err) {
      return { kind: 'unreadable', reason: (err as NodeJS.ErrnoException).code ?? String(err) };
    }
  };
  return {
    async readDir(path) {
      return readdirSync(onDisk(path), { withFileTypes: true }).map((e): DirEntry => ({
        name: e.name,
        kind: e.isFile() ? 'file' : e.isDirectory() ? 'directory' : e.isSymbolicLink() ? 'symlink' : 'other',
      }));
    },
    async readFile(path, maxBytes) {
      return readNow(path, maxBytes);
    },
    readFileNow: readNow,
  };
}

/** A relative POSIX path with no `.` or `..` segment nor empty one, which join would leave as it is (a leading dot is refused whole). */
function isNormal(path: string): boolean {
  return path !== '' && !path.startsWith('.') && !path.startsWith('/') && !path.endsWith('/') && !path.includes('/.') && !path.includes('//');
}

/** Most source files fit in one read of this size; reads are synchronous, so one buffer serves all. */
const scratch = Buffer.allocUnsafe(64 * 1024);

/** Reads up to maxBytes (one byte more tells it is too large), without a stat for the common small file. */
function readBounded(path: string, maxBytes: number): FileRead {
  const fd = openSync(path, 'r');
  try {
    const wanted = Math.min(maxBytes + 1, scratch.length);
    const first = readSync(fd, scratch, 0, wanted, 0);
    if (first < wanted) return { kind: 'ok', bytes: copyOf(first) };
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

/** The first `length` bytes of scratch in a buffer of their own (from Node's pool, without a subarray view to copy from). */
function copyOf(length: number): Buffer {
  const bytes = Buffer.allocUnsafe(length);
  scratch.copy(bytes, 0, 0, length);
  return bytes;
}
