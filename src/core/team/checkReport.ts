/**
 * What `dockwright check` found, and its three ways of saying it: text for people, JSON for tools,
 * and GitHub workflow commands that annotate the files in a pull request.
 */
import type { Severity } from '../explain/types';
import type { PositionedError } from '../text/positions';
import type { DriftStatus } from './drift';

export interface CheckedFile {
  /** As the person finds it (relative to the working directory). */
  path: string;
  status: DriftStatus;
  /** Where the first difference is (1-based), for the annotation. */
  line: number;
  diff: string;
  /** The template it was compared with: "built-in" or its path. */
  template: string;
  /** The command that writes it from the template ("dockwright init", or "dockwright init --k8s" for a manifest). */
  writer: string;
}

export interface LintProblem {
  path: string;
  line: number;
  column: number;
  severity: Severity;
  code: string;
  message: string;
}

export interface CheckedApp {
  root: string;
  entry: string;
  files: CheckedFile[];
  problems: LintProblem[];
}

export interface CheckReport {
  /** Config or template errors: nothing was checked. */
  errors: PositionedError[];
  apps: CheckedApp[];
}

export type CheckFormat = 'text' | 'json' | 'github';

export const CHECK_EXIT = { clean: 0, failed: 1, usage: 2 } as const;

export function checkExitCode(report: CheckReport): number {
  if (report.errors.length) return CHECK_EXIT.usage;
  const failed = report.apps.some((a) => a.files.some((f) => f.status !== 'ok') || a.problems.some((p) => p.severity === 'error'));
  return failed ? CHECK_EXIT.failed : CHECK_EXIT.clean;
}

function driftMessage(file: CheckedFile): string {
  const from = file.template === 'built-in' ? "Dockwright's built-in template" : `the team template ${file.template}`;
  return file.status === 'missing'
    ? `${file.path} is missing: \`${file.writer}\` writes it from ${from}`
    : `${file.path} differs from what ${from} gives for this app: update the file (\`${file.writer} --force\`) or the template`;
}

function counts(report: CheckReport): string {
  const files = report.apps.flatMap((a) => a.files);
  const problems = report.apps.flatMap((a) => a.problems);
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return [
    n(report.apps.length, 'app'),
    `${files.filter((f) => f.status === 'drift').length} drifted`,
    `${files.filter((f) => f.status === 'missing').length} missing`,
    n(problems.filter((p) => p.severity === 'error').length, 'lint error'),
    n(problems.filter((p) => p.severity === 'warning').length, 'warning'),
  ].join(', ');
}

function formatText(report: CheckReport): string {
  if (report.errors.length) return report.errors.map((e) => `${e.file}:${e.line}:${e.column}: error: ${e.message}\n`).join('');
  const out: string[] = [];
  for (const app of report.apps) {
    const bad = app.files.some((f) => f.status !== 'ok') || app.problems.some((p) => p.severity === 'error');
    out.push(`${bad ? '✗' : '✓'} ${app.entry} in ${app.root}`);
    for (const f of app.files) out.push(`  ${f.status.padEnd(8)} ${f.path}${f.status === 'ok' ? '' : `  (${f.template === 'built-in' ? 'built-in template' : f.template})`}`);
    for (const p of app.problems) out.push(`  ${p.path}:${p.line}:${p.column}: ${p.severity} ${p.code} ${p.message}`);
  }
  const diffs = report.apps.flatMap((a) => a.files).filter((f) => f.diff);
  for (const f of diffs) out.push('', f.diff.trimEnd());
  out.push('', counts(report));
  return `${out.join('\n')}\n`;
}

/** GitHub's escaping for workflow command data and properties. */
const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const property = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

function annotation(level: string, file: string, line: number, column: number | null, title: string, message: string): string {
  const where = [`file=${property(file)}`, `line=${line}`, ...(column ? [`col=${column}`] : []), `title=${property(title)}`];
  return `::${level} ${where.join(',')}::${data(message)}`;
}

function formatGithub(report: CheckReport): string {
  const out = report.errors.map((e) => annotation('error', e.file, e.line, e.column, 'Dockwright config', e.message));
  for (const app of report.apps) {
    for (const f of app.files.filter((file) => file.status !== 'ok')) {
      out.push(annotation('error', f.path, Math.max(1, f.line), null, `Dockwright: ${f.status === 'missing' ? 'missing file' : 'drift from the template'}`, driftMessage(f)));
      out.push(`::group::Diff of ${f.path}`, f.diff.trimEnd(), '::endgroup::');
    }
    for (const p of app.problems) out.push(annotation(LEVEL[p.severity], p.path, p.line, p.column, `Dockwright ${p.code}`, p.message));
  }
  if (!report.errors.length) out.push(counts(report));
  return `${out.join('\n')}\n`;
}

function formatJson(report: CheckReport): string {
  const apps = report.apps.map((a) => ({
    ...a,
    files: a.files.map((f) => ({ ...f, ...(f.status === 'ok' ? {} : { message: driftMessage(f) }) })),
  }));
  return `${JSON.stringify({ ok: checkExitCode(report) === CHECK_EXIT.clean, exitCode: checkExitCode(report), errors: report.errors, apps }, null, 2)}\n`;
}

export function formatCheck(report: CheckReport, format: CheckFormat): string {
  switch (format) {
    case 'text':
      return formatText(report);
    case 'json':
      return formatJson(report);
    case 'github':
      return formatGithub(report);
  }
}
