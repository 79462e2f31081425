import { lstatSync, readlinkSync, realpathSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import type { WriteTarget } from '../core/generate/writeTargets';

function kindOf(stats: Stats | undefined): WriteTarget['kind'] {
  if (!stats) return 'missing';
  return stats.isSymbolicLink() ? 'symlink' : stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : 'other';
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** The real path of the nearest folder on the way to `full` that exists (the root always does). */
function realFolderOf(root: string, full: string): string {
  let folder = dirname(full);
  for (;;) {
    try {
      return realpathSync(folder);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || folder === root || dirname(folder) === folder) throw err;
      folder = dirname(folder);
    }
  }
}

/**
 * What is on disk where each generated file would be written (lstat: a link is reported, never
 * followed), and the project's real path, for core/generate/writeTargets to decide. Synchronous,
 * like diskFileView: a handful of stats.
 */
export function diskWriteTargets(root: string, paths: string[]): { realRoot: string; targets: WriteTarget[] } {
  const realRoot = realpathSync(root);
  const targets = paths.map((path): WriteTarget => {
    const full = join(root, ...path.split('/'));
    const kind = kindOf(lstatOrUndefined(full));
    return {
      path,
      kind,
      ...(kind === 'symlink' ? { linkTarget: readlinkSync(full) } : {}),
      realFolder: realFolderOf(root, full),
    };
  });
  return { realRoot, targets };
}
