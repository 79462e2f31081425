import { existsSync, readFileSync } from 'node:fs';
import type { TeamReader } from '../core/team/setup';

/** Team files on local disk, for the CLI and tests. Paths use '/', which Node accepts on Windows too. */
export const diskTeamReader: TeamReader = {
  async read(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new Error(`cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? err})`);
    }
  },
  async exists(path) {
    return existsSync(path);
  },
};

/** A local path as the team lookup wants it: absolute, with '/' separators. */
export function teamPath(path: string): string {
  return path.replace(/\\/g, '/');
}
