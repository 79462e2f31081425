import type { AppFacts } from './types';

/**
 * The apps that belong to a path of the detected folder (what a person clicked): the app whose
 * root it is, else the apps inside it, else the app it is inside of (the deepest). '' or '.' is the
 * detected folder itself: every app.
 */
export function appsAtPath<T extends Pick<AppFacts, 'root'>>(apps: T[], path: string): T[] {
  if (!path || path === '.') return apps;
  const exact = apps.filter((a) => a.root === path);
  if (exact.length) return exact;
  const inside = apps.filter((a) => a.root.startsWith(`${path}/`));
  if (inside.length) return inside;
  const depth = (a: T) => (a.root === '.' ? 0 : a.root.length);
  const holders = apps.filter((a) => a.root === '.' || path.startsWith(`${a.root}/`));
  const deepest = Math.max(...holders.map(depth));
  return holders.filter((a) => depth(a) === deepest);
}
