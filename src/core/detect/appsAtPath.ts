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

/**
 * The app a person named: a folder (`services/api`), or an entry (`app.main:app`, `pkg:create_app()`,
 * optionally after its folder: `services/api:app.main:app`) for apps that share a folder. Null when
 * nothing matches or a folder holds several apps.
 */
export function appNamed<T extends Pick<AppFacts, 'root' | 'entry'>>(apps: T[], choice: string): T | null {
  const colon = choice.indexOf(':');
  if (colon < 0) {
    const inFolder = apps.filter((a) => a.root === (choice.replace(/\/$/, '') || '.'));
    return inFolder.length === 1 ? inFolder[0] : null;
  }
  const sameEntry = (entry: string, wanted: string) => entry === wanted || entry === `${wanted}()` || entry.replace(/\(\)$/, '') === wanted;
  const byEntry = apps.filter((a) => sameEntry(a.entry, choice));
  if (byEntry.length === 1) return byEntry[0];
  const [root, ...rest] = [choice.slice(0, colon), choice.slice(colon + 1)];
  const byRootAndEntry = apps.filter((a) => a.root === root && sameEntry(a.entry, rest.join(':')));
  return byRootAndEntry.length === 1 ? byRootAndEntry[0] : null;
}

/** How to name each app with `--app`: its folder, or folder and entry where several apps share the folder. */
export function appChoices<T extends Pick<AppFacts, 'root' | 'entry'>>(apps: T[]): string[] {
  return apps.map((a) => (apps.filter((b) => b.root === a.root).length > 1 ? (a.root === '.' ? a.entry : `${a.root}:${a.entry}`) : a.root));
}
