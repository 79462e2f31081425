import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { DirEntry, FileRead, FileView } from '../core/detect/types';

/**
 * The file view over a folder on local disk, for the CLI. Entries come from readdir's file types
 * (lstat semantics), so a symbolic link is reported as a link and never followed: no loops, no
 * escaping the tree. Nothing is listed until the walk asks, so ignored folders cost nothing.
 */
export function diskFileView(root: string): FileView {
  return {
    async readDir(path) {
      const entries = await fs.readdir(join(root, path), { withFileTypes: true });
      return entries.map((e): DirEntry => ({
        name: e.name,
        kind: e.isFile() ? 'file' : e.isDirectory() ? 'directory' : e.isSymbolicLink() ? 'symlink' : 'other',
      }));
    },
    async readFile(path, maxBytes): Promise<FileRead> {
      let handle;
      try {
        handle = await fs.open(join(root, path), 'r');
        const { size } = await handle.stat();
        if (size > maxBytes) return { kind: 'too-large', size };
        return { kind: 'ok', bytes: await handle.readFile() };
      } catch (err) {
        return { kind: 'unreadable', reason: (err as NodeJS.ErrnoException).code ?? String(err) };
      } finally {
        await handle?.close();
      }
    },
  };
}
