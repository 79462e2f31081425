/** What every check receives, and the one way a check reports a finding. */
import { RULES, type RuleId } from '../../knowledge/lintRules';
import type { DockerfileModel } from '../../dockerfile';
import type { ExplainContext, Finding, Fix, Range, Severity, TextEdit } from '../types';

export interface DockerfileCheckInput {
  model: DockerfileModel;
  context: ExplainContext;
}

export type DockerfileCheck = (input: DockerfileCheckInput) => Finding[];

export function finding(id: RuleId, range: Range, message: string, fix: Fix | null = null, severity?: Severity): Finding {
  const rule = RULES[id];
  return { code: rule.code, severity: severity ?? rule.severity, range, message, hadolint: rule.hadolint, reference: rule.reference, fix };
}

export function fix(title: string, ...edits: TextEdit[]): Fix {
  return { title, edits };
}
