/** What every check receives, and the one way a check reports a finding. */
import { RULES, type RuleId } from '../../knowledge/lintRules';
import type { Analysis } from '../analysis';
import type { Finding, Fix, Range, Severity, TextEdit } from '../types';

/** A check reads the file's analysis: the model, the context, and what was worked out once (final stage, server start). */
export type DockerfileCheck = (input: Analysis) => Finding[];

export function finding(id: RuleId, range: Range, message: string, fix: Fix | null = null, severity?: Severity): Finding {
  const rule = RULES[id];
  return { code: rule.code, severity: severity ?? rule.severity, range, message, hadolint: rule.hadolint, reference: rule.reference, fix };
}

export function fix(title: string, ...edits: TextEdit[]): Fix {
  return { title, edits };
}
