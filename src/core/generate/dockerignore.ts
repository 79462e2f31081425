/**
 * The .dockerignore: keeps secrets, VCS data, virtualenvs and caches out of the build context.
 * Rules use Docker's semantics (Go filepath.Match with ** and ! exceptions); a unit test checks
 * them against every path the Dockerfile copies.
 */
import dockerignore from '@balena/dockerignore';

interface Section {
  title: string;
  patterns: string[];
}

const SECTIONS: Section[] = [
  { title: 'Secrets: never in the image (compose passes .env at run time instead)', patterns: ['.env', '.env.*', '**/.env', '**/.env.*', '*.pem', '*.key'] },
  { title: 'Version control and editors', patterns: ['.git', '.gitignore', '.gitattributes', '.hg', '.svn', '.vscode', '.idea', '*.swp', '.DS_Store'] },
  { title: 'Virtualenvs and Python caches', patterns: ['.venv', 'venv', 'env', '**/__pycache__', '**/*.py[cod]', '*.egg-info', '.pytest_cache', '.mypy_cache', '.ruff_cache', '.tox', '.nox', '.coverage', 'htmlcov', '.cache'] },
  { title: 'Tests and build output are not needed at run time', patterns: ['tests', 'test', 'build', 'dist', 'node_modules'] },
  { title: 'Docker files themselves (changing them should not invalidate the COPY . . layer)', patterns: ['Dockerfile*', '.dockerignore', 'compose.yaml', 'compose.*.yaml', 'docker-compose*.yml', 'docker-compose*.yaml'] },
];

export interface DockerignoreInput {
  /** Extra folders detection found that the app does not need (e.g. a frontend in a monorepo). */
  extraPatterns?: string[];
  /** Paths the Dockerfile must be able to copy; any pattern that would exclude one is dropped. */
  mustKeep?: string[];
  comments: boolean;
}

export function dockerignoreLines(input: DockerignoreInput): string[] {
  const sections = [...SECTIONS];
  if (input.extraPatterns?.length) sections.push({ title: 'Found in this project but not needed by the app', patterns: input.extraPatterns });
  const lines: string[] = [];
  for (const section of sections) {
    if (input.comments) lines.push(`# ${section.title}`);
    lines.push(...section.patterns);
    if (input.comments) lines.push('');
  }
  // Re-include what the Dockerfile copies when a broad rule above would exclude it.
  const rules = dockerignore().add(lines.filter((l) => l && !l.startsWith('#')));
  const keep = (input.mustKeep ?? []).map((p) => p.replace(/^\.\//, '').replace(/\/$/, '')).filter((p) => rules.ignores(p));
  if (keep.length) {
    if (input.comments) lines.push('# Copied by the Dockerfile, so never excluded');
    lines.push(...keep.map((p) => `!${p}`));
  }
  return lines;
}

export function generateDockerignore(input: DockerignoreInput): string {
  return `${dockerignoreLines(input).join('\n').trimEnd()}\n`;
}

/**
 * Merges into an existing .dockerignore: the person's lines stay as they are, the missing ones
 * are appended under a comment. Returns the text unchanged when nothing is missing.
 */
export function mergeDockerignore(existing: string, input: DockerignoreInput): string {
  const present = new Set(existing.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#')));
  const missing = dockerignoreLines({ ...input, comments: false }).filter((l) => !present.has(l));
  if (missing.length === 0) return existing;
  const base = existing.endsWith('\n') || existing === '' ? existing : `${existing}\n`;
  return `${base}\n# Added by Dockwright\n${missing.join('\n')}\n`;
}
