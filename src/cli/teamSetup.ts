import { resolve } from 'node:path';
import { readAppFolder, type AppFolder } from '../core/plan/planApp';
import { loadTeamSetup, type TeamSetup } from '../core/team/setup';
import type { PositionedError } from '../core/text/positions';
import { diskTeamReader, teamPath } from '../workspace/diskTeamReader';

/** The team setup for a folder (and an optional shared templates folder), or its positioned errors. */
export async function teamSetupFor(dir: string, templates: string | undefined): Promise<{ setup: TeamSetup; errors: PositionedError[] }> {
  return loadTeamSetup(diskTeamReader, teamPath(resolve(dir)), templates === undefined ? undefined : teamPath(resolve(templates)));
}

/** What an app's folder on disk shows that its plan depends on (its name, a .env). */
/** `top`: the folder that was scanned, up to which example env files are looked for. */
export function appFolderOnDisk(dir: string, top?: string): Promise<AppFolder> {
  return readAppFolder(diskTeamReader, teamPath(resolve(dir)), top === undefined ? undefined : teamPath(resolve(top)));
}

/** A path for messages: relative to the working directory when it is inside it. */
export function shownPath(path: string): string {
  const cwd = teamPath(process.cwd());
  return path.startsWith(`${cwd}/`) ? path.slice(cwd.length + 1) : path;
}
