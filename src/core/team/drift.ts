/**
 * Drift: how a committed file differs from what the team's templates render for its app. The
 * editor's diagnostic, the Compare command and `dockwright check` all ask this one question.
 */
import type { PlannedFile } from '../generate';
import { unifiedDiff } from '../text/unifiedDiff';

export type DriftStatus = 'ok' | 'drift' | 'missing';

export interface FileDrift {
  file: PlannedFile;
  status: DriftStatus;
  /** Unified diff from the committed file to the rendered one; '' when they agree. */
  diff: string;
  /** 1-based line of the committed file where the first difference is (1 for a missing file). */
  line: number;
}

/** Line endings are the checkout's business (core.autocrlf), not drift. */
const normalize = (text: string) => text.replace(/\r\n/g, '\n');

export function firstDifferentLine(current: string, expected: string): number {
  const a = normalize(current).split('\n');
  const b = normalize(expected).split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return Math.min(i, Math.max(0, a.length - (a[a.length - 1] === '' ? 2 : 1))) + 1;
}

export function fileDrift(file: PlannedFile, current: string | null): FileDrift {
  if (current === null) return { file, status: 'missing', diff: unifiedDiff(file.path, null, file.content), line: 1 };
  const text = normalize(current);
  if (text === file.content) return { file, status: 'ok', diff: '', line: 0 };
  return { file, status: 'drift', diff: unifiedDiff(file.path, text, file.content), line: firstDifferentLine(text, file.content) };
}
