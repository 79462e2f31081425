/**
 * The .dockerignore's rules use Docker's semantics (Go filepath.Match with ** and ! exceptions).
 * The template lists the patterns; code only finds which copied paths they would exclude (the
 * template re-includes those) and merges into a file a person already has.
 */
import dockerignore from '@balena/dockerignore';

/** The pattern lines of a .dockerignore: no blanks, no comments. */
function patterns(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}

/** The paths (relative to the context) that these rules keep out of the build context. */
export function excludedPaths(dockerignoreText: string, paths: string[]): string[] {
  const rules = dockerignore().add(patterns(dockerignoreText));
  return paths.map((p) => p.replace(/^\.\//, '').replace(/\/$/, '')).filter((p) => rules.ignores(p));
}

/**
 * Merges the generated rules into an existing .dockerignore: the person's lines stay as they are,
 * the missing ones are appended under a comment. Returns the text unchanged when nothing is missing.
 */
export function mergeDockerignore(existing: string, generated: string): string {
  const present = new Set(patterns(existing));
  const missing = patterns(generated).filter((l) => !present.has(l));
  if (missing.length === 0) return existing;
  const base = existing.endsWith('\n') || existing === '' ? existing : `${existing}\n`;
  return `${base}\n# Added by Dockwright\n${missing.join('\n')}\n`;
}

/**
 * The ignore file of a uv workspace member's Dockerfile, whose context is the workspace root: only
 * the workspace's manifests and the member's folder go in, and the generated rules (written for the
 * member's folder) apply inside that folder. `**` patterns already match at any depth.
 */
export function workspaceDockerignore(generated: string, workspace: { member: string; files: string[] }, copied: string[], comments: boolean): string {
  const member = workspace.member.replace(/\/+$/, '');
  const rebase = (line: string): string => {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) return line;
    const negated = trimmed.startsWith('!');
    const pattern = (negated ? trimmed.slice(1) : trimmed).replace(/^\//, '');
    if (pattern.startsWith('**/')) return line;
    return `${negated ? '!' : ''}${member}/${pattern}`;
  };
  const head = [
    ...(comments ? ['# The build context is the uv workspace root: only its manifests, lock and this member go in.'] : []),
    '*',
    ...[...new Set([...workspace.files.filter((f) => !f.startsWith(`${member}/`)), member])].map((f) => `!${f}`),
    '',
  ];
  const body = generated.split('\n').map(rebase);
  const text = `${[...head, ...body].join('\n').replace(/\n*$/, '')}\n`;
  // What the Dockerfile copies is never excluded, whatever the member's rules say.
  const excluded = excludedPaths(text, copied);
  return excluded.length ? `${text}${comments ? '\n# Copied by the Dockerfile, so never excluded' : ''}\n${excluded.map((p) => `!${p}`).join('\n')}\n` : text;
}

/**
 * The member's own rules back from a workspace ignore file (what the template rendered), for
 * "Save as Team Template": the header and the exceptions are dropped and the member's prefix removed.
 */
export function memberDockerignore(text: string, member: string): string {
  const prefix = `${member.replace(/\/+$/, '')}/`;
  const lines = text.replace(/\n$/, '').split('\n');
  const star = lines.indexOf('*');
  let start = star < 0 ? 0 : star + 1;
  while (start < lines.length && lines[start].startsWith('!')) start++;
  if (star >= 0 && lines[start] === '') start++;
  let end = lines.length;
  const kept = lines.lastIndexOf('# Copied by the Dockerfile, so never excluded');
  if (kept > 0 && lines.slice(kept + 1).every((l) => l.startsWith('!'))) end = lines[kept - 1] === '' ? kept - 1 : kept;
  const body = lines.slice(start, end).map((line) => {
    if (line.startsWith(prefix)) return line.slice(prefix.length);
    if (line.startsWith(`!${prefix}`)) return `!${line.slice(prefix.length + 1)}`;
    return line;
  });
  return `${body.join('\n')}\n`;
}
