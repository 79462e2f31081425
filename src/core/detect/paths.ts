/** POSIX path helpers for the file view's relative paths ('' is the tree root). */
export function join(folder: string, name: string): string {
  if (!folder || folder === '.') return name;
  return name ? `${folder}/${name}` : folder;
}

export function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `path` relative to `folder`: '' when they are the same, with `..` when it is outside. */
export function relativeTo(folder: string, path: string): string {
  if (isInside(folder, path)) return !folder ? path : path === folder ? '' : path.slice(folder.length + 1);
  return relativeTo(dirname(folder), path).replace(/^/, '../').replace(/\/$/, '');
}

const SLASH = 47;

/** Tests the slash after `folder` by its code, without building `${folder}/`: detection asks this of every file in the tree. */
export function isInside(folder: string, path: string): boolean {
  return !folder || path === folder || (path.charCodeAt(folder.length) === SLASH && path.startsWith(folder));
}

/** The folders from `path`'s own up to the root: 'a/b' → ['a/b', 'a', '']. */
export function ancestors(folder: string): string[] {
  const out = [folder];
  while (folder) out.push((folder = dirname(folder)));
  return out;
}

/** How results name a folder: '.' for the root. */
export function displayFolder(folder: string): string {
  return folder || '.';
}

/** Resolves `.` and `..` segments; null when the path climbs above the tree's root. */
export function normalize(path: string): string | null {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') {
      if (!out.length) return null;
      out.pop();
    } else {
      out.push(part);
    }
  }
  return out.join('/');
}
