/**
 * Where a generated file would land, as the disk says, and whether Dockwright may write there.
 * Writing through a symbolic link changes the file it points to, which may be outside the project
 * (another repository, a system file); so a target that is a link, or whose folder resolves outside
 * the project, is refused, whatever the person chose for an existing file (even `--force`).
 */

/** What the adapters report about one target path. */
export interface WriteTarget {
  /** The file's path relative to the project folder, with '/' separators. */
  path: string;
  /** What is at the path itself, the path not followed (lstat): a link is a link, whatever it points to. */
  kind: 'missing' | 'file' | 'directory' | 'symlink' | 'other';
  /** For a link: what it points to, as written in the link, when the file system says. */
  linkTarget?: string;
  /** The real path (links resolved) of the nearest existing folder on the way to the file, when known. */
  realFolder?: string;
  /** A folder on the way that is itself a link, when where it leads cannot be resolved (a virtual file system). */
  linkedFolder?: string;
}

/** A target Dockwright will not write, and why, in words for the person. */
export interface RefusedTarget {
  path: string;
  reason: string;
}

const WINDOWS_PATH = /^[a-z]:[\\/]|^\\\\/i;

function normalized(path: string): string {
  const windows = WINDOWS_PATH.test(path);
  const slashed = windows ? path.replace(/\\/g, '/').toLowerCase() : path;
  return slashed.length > 1 ? slashed.replace(/\/+$/, '') : slashed;
}

/** Whether `path` is `root` or inside it; both real (links resolved) absolute paths. */
export function isInside(root: string, path: string): boolean {
  const r = normalized(root);
  const p = normalized(path);
  return p === r || p.startsWith(r.endsWith('/') ? r : `${r}/`);
}

/** A path that leaves the project by its own words: absolute, or with a `..` segment. */
function leavesLexically(path: string): boolean {
  return path.startsWith('/') || WINDOWS_PATH.test(path) || path.split(/[\\/]/).includes('..');
}

/** Why one target is refused, or null when it may be written. */
export function refusal(target: WriteTarget, realRoot: string): string | null {
  const { path } = target;
  if (leavesLexically(path)) return `${path} is outside the project`;
  if (target.kind === 'symlink') {
    const to = target.linkTarget === undefined ? '' : ` to ${target.linkTarget}`;
    return `${path} is a symbolic link${to}; writing through it would change the file it points to`;
  }
  if (target.kind === 'other') return `${path} is not a regular file (a pipe, socket or device)`;
  if (target.linkedFolder !== undefined) return `${path} is in ${target.linkedFolder}, a symbolic link to a folder that may be outside the project`;
  if (target.realFolder !== undefined && !isInside(realRoot, target.realFolder)) {
    return `${path} would be written in ${target.realFolder}, outside the project (${realRoot}): a folder on the way is a symbolic link`;
  }
  return null;
}

/** The targets that may not be written; when there is any, nothing of the plan is written. */
export function refusedTargets(targets: WriteTarget[], realRoot: string): RefusedTarget[] {
  return targets.flatMap((target) => {
    const reason = refusal(target, realRoot);
    return reason === null ? [] : [{ path: target.path, reason }];
  });
}

/** One message for every refused target, for the CLI and the editor alike. */
export function describeRefused(refused: RefusedTarget[]): string {
  const lines = refused.map((r) => `  ${r.reason}`);
  return [
    'Dockwright never writes through a symbolic link or outside the project, so nothing was written:',
    ...lines,
    'Replace each link with a regular file (or remove it), or containerize the folder the link points to, and run again.',
  ].join('\n');
}
