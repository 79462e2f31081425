/**
 * The Dockerfile's derived values: what the templates get ready-made because Mustache cannot
 * compute it (instructions continued over lines, the exec-form CMD, the image names).
 */
import type { AppFacts } from './facts';
import type { GenerateOptions } from './options';

export const VENV = '/opt/venv';

/** The image and compose project name: lowercase, as image references must be. */
export function appName(app: Pick<AppFacts, 'root'>, options: GenerateOptions): string {
  const folder = options.name ?? (app.root === '.' ? '' : app.root.split('/').pop() ?? '');
  return (folder || 'app').toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '') || 'app';
}

const minor = (version: string) => Number(version.split('.')[1] ?? 0);

/**
 * The Python the image runs: asked for, declared by the project, else the default unless the
 * project's pinned dependencies have no wheels for it (then the newest they install on).
 */
export function pythonVersion(app: Pick<AppFacts, 'pythonVersion' | 'pythonVersionLimit'>, options: GenerateOptions): string {
  const limit = app.pythonVersionLimit?.version;
  const fallback = limit && minor(limit) < minor(options.defaultPythonVersion) ? limit : options.defaultPythonVersion;
  return options.pythonVersion ?? app.pythonVersion ?? fallback;
}

/** Where the Python version comes from, for the Dockerfile's comment. */
export function pythonVersionReason(app: Pick<AppFacts, 'pythonVersion' | 'pythonVersionLimit' | 'pythonVersionSource'>, options: GenerateOptions): string {
  if (options.pythonVersion) return 'as asked for';
  const source = app.pythonVersionSource;
  if (app.pythonVersion && source) return `as the project declares in ${source.file}${source.line ? `:${source.line}` : ''}`;
  if (app.pythonVersion) return 'as the project declares';
  const limit = app.pythonVersionLimit;
  if (limit && pythonVersion(app, options) === limit.version) return `the newest that ${limit.requirement} installs on (the project declares none)`;
  return 'the project declares none';
}

/** COPY lines that put each path at the same place under WORKDIR (top-level files share one line). */
export function copyPreservingPaths(paths: string[], chown: string): string[] {
  const flag = chown ? `--chown=${chown} ` : '';
  const topLevel = paths.filter((p) => !p.replace(/^\.\//, '').includes('/'));
  const nested = paths.filter((p) => !topLevel.includes(p));
  const lines = topLevel.length ? [`COPY ${flag}${topLevel.map((p) => p.replace(/^\.\//, '')).join(' ')} ./`] : [];
  for (const p of nested) {
    const clean = p.replace(/^\.\//, '').replace(/\/$/, '');
    lines.push(`COPY ${flag}${clean} ${clean}`);
  }
  return lines;
}

/** A HEALTHCHECK that needs nothing but Python (slim images have no curl). */
export function healthcheckInstruction(url: string): string {
  const script = [
    'import sys, urllib.request, urllib.error',
    `try: urllib.request.urlopen("${url}", timeout=4)`,
    'except urllib.error.HTTPError as e: sys.exit(e.code >= 500)',
    'except Exception: sys.exit(1)',
  ].join('\\n');
  return [
    'HEALTHCHECK --interval=10s --timeout=5s --start-period=10s --retries=3 \\',
    `    CMD ["python", "-c", ${JSON.stringify(script).replace(/\\\\n/g, '\\n')}]`,
  ].join('\n');
}

/** One RUN: the commands joined with `&&`, one per line; a BuildKit cache mount keeps the caches of pip, uv, Poetry, Pipenv and PDM. */
export function runInstruction(commands: string[], cacheMounts: boolean): string {
  const mount = cacheMounts ? '--mount=type=cache,target=/root/.cache ' : '';
  return commands.map((c, i) => `${i === 0 ? `RUN ${mount}` : '    && '}${c}${i < commands.length - 1 ? ' \\' : ''}`).join('\n');
}

/** One LABEL with every label, one per line. */
export function labelInstruction(labels: { name: string; quoted: string }[]): string {
  return `LABEL ${labels.map((l) => `${l.name}=${l.quoted}`).join(' \\\n      ')}`;
}

/** The exec form of a command as a Dockerfile writes it: a JSON array with a space after each comma. */
export function execForm(command: string[]): string {
  return JSON.stringify(command).replace(/","/g, '", "');
}
