import { isIgnored, parseGitignore, type IgnoreRule } from './gitignore';
import { join } from './paths';
import { decodeText } from './readText';
import type { DetectWarning, FileView } from './types';
import { WARNING, warning } from './warnings';

/** Folders that never hold the app's own source, whatever .gitignore says. */
const SKIPPED_FOLDERS = new Set(['node_modules', '__pycache__', 'build', 'dist', 'site-packages']);
/** A folder holding this file is a virtualenv, whatever its name. */
const VENV_MARKER = 'pyvenv.cfg';
const GITIGNORE_MAX_BYTES = 256 * 1024;

export interface WalkResult {
  /** Every file that is not ignored, sorted. */
  files: string[];
  /** The files of each folder walked ('' is the root). */
  byFolder: Map<string, string[]>;
  /** Hidden folders (`.github`) the walk saw and did not open. */
  hidden: Set<string>;
  warnings: DetectWarning[];
}

/**
 * Lists the tree, pruning ignored folders before opening them. Siblings are listed concurrently
 * so a remote or slow file system is not walked one round trip at a time.
 */
export async function walkTree(view: FileView): Promise<WalkResult> {
  const result: WalkResult = { files: [], byFolder: new Map(), hidden: new Set(), warnings: [] };
  await walkFolder(view, '', [], result);
  result.files = [...result.byFolder.values()].flat().sort();
  return result;
}

async function walkFolder(view: FileView, folder: string, inherited: readonly IgnoreRule[], out: WalkResult): Promise<void> {
  let entries;
  try {
    entries = await view.readDir(folder);
  } catch (err) {
    // The root must be readable (the caller reports that); a folder inside may not be.
    if (!folder) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    out.warnings.push(warning(WARNING.folderUnreadable, `${folder} could not be listed (${reason}); it was skipped.`, folder));
    return;
  }
  if (folder && entries.some((e) => e.name === VENV_MARKER && e.kind === 'file')) return;
  const files: string[] = [];
  out.byFolder.set(folder, files);
  const rules = entries.some((e) => e.name === '.gitignore' && e.kind === 'file')
    ? [...inherited, ...(await readGitignore(view, join(folder, '.gitignore'), folder))]
    : inherited;
  const subfolders: Promise<void>[] = [];
  for (const entry of entries) {
    const path = join(folder, entry.name);
    const isDir = entry.kind === 'directory';
    if (isDir && entry.name.startsWith('.')) out.hidden.add(path);
    if (isDir && (entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name))) continue;
    if (rules.length && isIgnored(rules, path, isDir)) continue;
    if (isDir) subfolders.push(walkFolder(view, path, rules, out));
    else if (entry.kind === 'file') files.push(path);
    else if (entry.kind === 'symlink') {
      out.warnings.push(warning(WARNING.symlinkNotFollowed,
        `${path} is a symbolic link; Dockwright does not follow links (they may loop or leave the project).`, path));
    }
  }
  await Promise.all(subfolders);
}

async function readGitignore(view: FileView, path: string, folder: string): Promise<IgnoreRule[]> {
  const read = await view.readFile(path, GITIGNORE_MAX_BYTES);
  if (read.kind !== 'ok') return [];
  const text = decodeText(read.bytes);
  return typeof text === 'string' ? parseGitignore(text, folder) : [];
}
