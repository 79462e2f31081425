import type { DetectWarning } from './types';

/**
 * Every warning detection can give. Codes are stable (tools and tests match on them); messages say
 * what goes wrong in a container and what to do.
 */
export const WARNING = {
  hostLoopback: 'host-loopback',
  serverMissing: 'server-missing',
  serverMismatch: 'server-mismatch',
  severalApps: 'several-apps',
  fileTooLarge: 'file-too-large',
  fileBinary: 'file-binary',
  fileNotUtf8: 'file-not-utf8',
  fileUnreadable: 'file-unreadable',
  folderUnreadable: 'folder-unreadable',
  pythonSyntax: 'python-syntax-error',
  tomlInvalid: 'toml-invalid',
  composeInvalid: 'compose-invalid',
  requirementsIncludeMissing: 'requirements-include-missing',
  noDependencyFile: 'no-dependency-file',
  symlinkNotFollowed: 'symlink-not-followed',
  celeryAppNotFound: 'celery-app-not-found',
  buildStepNotGenerated: 'build-step-not-generated',
  pythonVersionUndeclared: 'python-version-undeclared',
  pythonVersionTooNew: 'python-version-too-new',
} as const;

export type WarningCode = (typeof WARNING)[keyof typeof WARNING];

export function warning(code: WarningCode, message: string, file: string | null = null, line: number | null = null): DetectWarning {
  return { code, message, file, line };
}

/** Stable order: by file, line, then code, so goldens and people see the same list. */
export function sortWarnings(list: DetectWarning[]): DetectWarning[] {
  const seen = new Set<string>();
  return list
    .filter((w) => {
      const key = `${w.code}\0${w.file}\0${w.line}\0${w.message}`;
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || a.code.localeCompare(b.code));
}
