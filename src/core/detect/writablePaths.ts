import { basename, dirname, normalize, relativeTo } from './paths';
import type { ModuleFacts } from './python/moduleFacts';
import type { Worker, WritablePath } from './types';

/**
 * Where the running app writes, relative to its root: a relative SQLite file, the Flask instance
 * folder, folders it creates, log files, upload folders, and a worker's --logfile. A container
 * running as a non-root user needs these writable (or on a volume).
 */
export function writablePaths(root: string, modules: [string, ModuleFacts][], workers: readonly Worker[]): WritablePath[] {
  const out = new Map<string, WritablePath>();
  const add = (path: string | null, entry: Omit<WritablePath, 'path'>) => {
    const normal = path === null ? null : normalize(path);
    const clean = normal && `${normal}${path?.endsWith('/') ? '/' : ''}`;
    if (clean && !out.has(clean)) out.set(clean, { path: clean, ...entry });
  };
  for (const [file, facts] of modules) {
    for (const write of facts.use.writes) {
      const at = { kind: write.kind, file, line: write.line };
      if (write.kind === 'instance') add(`${instanceParent(root, file)}instance/`, at);
      else if (write.kind === 'log') add(folderOf(write.path), at);
      else if (write.kind === 'sqlite') add(write.path, at);
      else add(`${write.path.replace(/\/+$/, '')}/`, at);
    }
  }
  for (const worker of workers) {
    const logfile = worker.command && /--logfile[= ](\S+)/.exec(worker.command)?.[1];
    if (logfile && !logfile.startsWith('/') && worker.file) add(folderOf(logfile), { kind: 'log', file: worker.file, line: worker.line ?? 1 });
  }
  return [...out.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/** A log file's folder (`logs/`), or the file itself when it is at the top. */
function folderOf(path: string): string {
  const folder = dirname(path);
  return folder ? `${folder}/` : path;
}

/** Flask puts the instance folder beside the app's package (or module), relative to the root. */
function instanceParent(root: string, file: string): string {
  const folder = basename(file) === '__init__.py' ? dirname(dirname(file)) : dirname(file);
  const relative = relativeTo(root, folder);
  return relative ? `${relative}/` : '';
}
