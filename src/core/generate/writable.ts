/**
 * Where the app writes at run time. The code stays owned by root (read-only to the app's user);
 * only these folders, created in the image, belong to the app's user. Those whose content the
 * release step, the app and its workers must share (the Flask instance folder, a SQLite database,
 * uploads) are named volumes in compose: each container would otherwise write into its own copy.
 */
import type { AppEnvironment } from './environment';
import type { AppFacts } from './facts';

/** A release step that creates the database from scratch (and may drop what is there) runs once per volume set. */
const ONE_TIME = /\b(?:init[-_]?db|create[-_]?db|create[-_]all|seed(?:[-_]?db)?)\b/i;

/** Where a one-time release step leaves its mark, in a volume of its own that `down -v` removes with the data. */
export const RELEASE_MARK = '.release';

export function releaseRunsOnce(app: Pick<AppFacts, 'release'>): boolean {
  return ONE_TIME.test(app.release?.command ?? '');
}

export interface WritableFolders {
  /** Folders under /app the app's user owns, relative to the app's root. */
  folders: string[];
  /** A SQLite file sits at the app's root: the root folder itself must be writable (not its files). */
  root: boolean;
}

const safe = (path: string) => path !== '' && !path.startsWith('/') && !path.split('/').includes('..');
const dirname = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');

/** Each folder the app writes (relative to its root), whether its processes must share it, and a SQLite file at the root. */
function writes(app: Pick<AppFacts, 'writablePaths' | 'release'>, env: Pick<AppEnvironment, 'sqliteFolder'>) {
  const folders = new Map<string, boolean>();
  const add = (folder: string, shared: boolean) => folders.set(folder, shared || (folders.get(folder) ?? false));
  let root = false;
  for (const w of app.writablePaths ?? []) {
    const path = w.path.replace(/\/+$/, '');
    const folder = w.kind === 'sqlite' ? dirname(path) : path;
    if (folder === '' && w.kind === 'sqlite') root = true;
    // Logs and scratch folders are each container's own; data, instance and uploads are not.
    else if (safe(folder)) add(folder, w.kind !== 'log' && w.kind !== 'folder');
  }
  if (env.sqliteFolder) add(env.sqliteFolder, true);
  if (releaseRunsOnce(app)) add(RELEASE_MARK, true);
  return { folders, root };
}

export function writableFolders(app: Pick<AppFacts, 'writablePaths' | 'release'>, env: Pick<AppEnvironment, 'sqliteFolder'>): WritableFolders {
  const { folders, root } = writes(app, env);
  return { folders: [...folders.keys()].sort(), root };
}

/** The folders shared between the app's containers, as named volumes. */
export function sharedVolumes(app: Pick<AppFacts, 'writablePaths' | 'release'>, env: Pick<AppEnvironment, 'sqliteFolder'>): { name: string; target: string }[] {
  const shared = [...writes(app, env).folders].filter(([, isShared]) => isShared).map(([folder]) => folder);
  return shared.sort().map((folder) => ({ name: `app-${folder.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+/, '').toLowerCase()}`, target: `/app/${folder}` }));
}
