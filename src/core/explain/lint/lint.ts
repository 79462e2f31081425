/** Runs every check on a Dockerfile and applies a team's choices (rules off, severities changed). */
import { RULES } from '../../knowledge/lintRules';
import type { DockerfileModel } from '../../dockerfile';
import { analyze, type Analysis } from '../analysis';
import type { ExplainContext, Finding, LintOptions } from '../types';
import { finding, type DockerfileCheck } from './finding';
import { APK_CHECKS } from './apkRules';
import { IMAGE_CHECKS } from './imageRules';
import { LIFECYCLE_CHECKS } from './lifecycleRules';
import { SECRET_CHECKS } from './secretRules';
import { SERVER_CHECKS } from './serverRules';

const CHECKS: DockerfileCheck[] = [...SERVER_CHECKS, ...IMAGE_CHECKS, ...SECRET_CHECKS, ...LIFECYCLE_CHECKS, ...APK_CHECKS];

/** Severity overrides by code or by rule name; 'off' drops the rule. */
export function applyOptions(findings: Finding[], options: LintOptions): Finding[] {
  const rules = options.rules ?? {};
  const nameOf = new Map(Object.values(RULES).map((r) => [r.code, r.name]));
  return findings.flatMap((f) => {
    const choice = rules[f.code] ?? rules[nameOf.get(f.code) ?? ''];
    if (choice === 'off') return [];
    return [choice ? { ...f, severity: choice } : f];
  });
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));
}

/** Lint of a file already analysed (for lenses and hovers too): the checks share its work. */
export function lintIn(a: Analysis, options: LintOptions = {}): Finding[] {
  const findings = a.model.errors.map((e) => finding('syntax', e.range, e.message));
  if (a.model.stages.length) for (const check of CHECKS) findings.push(...check(a));
  return sortFindings(applyOptions(findings, options));
}

export function lintDockerfile(model: DockerfileModel, context: ExplainContext = {}, options: LintOptions = {}): Finding[] {
  return lintIn(analyze(model, context), options);
}
