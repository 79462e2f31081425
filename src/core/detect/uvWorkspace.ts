/**
 * A uv workspace: one uv.lock at the workspace root pins every member's dependencies, and each member
 * (a folder with its own pyproject.toml) is installed with `uv sync --package <name>`. An app inside a
 * member is built from the workspace root, the only folder that holds the lock.
 */
import { parse, strings, table } from './manifests';
import { ancestors, dirname, isInside, join, relativeTo } from './paths';
import type { ProjectFiles } from './projectFiles';
import type { UvWorkspace } from './types';


/** uv's member globs: `*` and `?` stay within one path segment, `**` spans any number of them. */
function globMatches(glob: string, path: string): boolean {
  const segment = (part: string) => new RegExp(`^${part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  const match = (g: string[], p: string[]): boolean => {
    if (!g.length) return !p.length;
    if (g[0] === '**') return match(g.slice(1), p) || (p.length > 0 && match(g, p.slice(1)));
    return p.length > 0 && segment(g[0]).test(p[0]) && match(g.slice(1), p.slice(1));
  };
  const parts = (s: string) => s.split('/').filter((x) => x && x !== '.');
  return match(parts(glob), parts(path));
}

function lineOf(text: string, header: string): number {
  const index = text.split(/\r?\n/).findIndex((l) => l.trim() === header);
  return index + 1 || 1;
}

/**
 * The workspace `root` (an app's project folder, relative to the scanned folder) belongs to, when a
 * pyproject.toml above it declares `[tool.uv.workspace]` with a members glob that matches it (and no
 * exclude does). Null for a project of its own, or when the folder holds its own lock file.
 */
export async function uvWorkspaceOf(files: ProjectFiles, root: string, packageName: string | null): Promise<UvWorkspace | null> {
  if (!root) return null;
  for (const folder of ancestors(dirname(root))) {
    const path = join(folder, 'pyproject.toml');
    if (!files.has(path)) continue;
    const text = await files.text(path);
    if (!text) continue;
    // An invalid file is reported where it is read as the project's own manifest.
    const { doc } = parse(text, path);
    const workspace = table(table(table(doc.tool).uv).workspace);
    const members = strings(workspace.members);
    if (!members.length) continue;
    const exclude = strings(workspace.exclude);
    const isMember = (dir: string) => members.some((g) => globMatches(g, dir)) && !exclude.some((g) => globMatches(g, dir));
    const member = relativeTo(folder, root);
    if (!isMember(member)) return null;
    const memberManifests = files.endingWith('pyproject.toml')
      .filter((p) => p !== path && isInside(folder, p))
      .map((p) => relativeTo(folder, dirname(p)))
      .filter(isMember)
      .sort()
      .map((dir) => join(dir, 'pyproject.toml'));
    const lock = files.has(join(folder, 'uv.lock')) ? ['uv.lock'] : [];
    return {
      root: folder || '.',
      member,
      package: packageName ?? member.split('/').pop() ?? member,
      files: ['pyproject.toml', ...lock, ...memberManifests],
      file: path,
      line: lineOf(text, '[tool.uv.workspace]'),
    };
  }
  return null;
}
