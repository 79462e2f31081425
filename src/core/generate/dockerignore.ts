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
