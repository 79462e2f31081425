/** Explanations as markdown (hovers, the full explanation) and as plain text (the CLI). */
import type { Finding, InstructionExplanation } from './types';

const SEVERITY_WORD: Record<Finding['severity'], string> = { error: 'Error', warning: 'Warning', info: 'Suggestion' };

function fence(code: string, language: string): string {
  // Most examples have no backtick to outrun (every hover has one).
  const longest = code.includes('`') ? Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length)) : 2;
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${language}\n${code}\n${ticks}`;
}

/** Markdown special characters in text that comes from the file, so it shows as written. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]<>()#+!|~])/g, '\\$1');
}

/** A hover: what it is, why it is here, an example, a link. */
export function hoverMarkdown(e: InstructionExplanation): string {
  const lines = [`**${e.keyword}** · ${escapeMarkdown(e.title)}`, '', e.summary];
  if (e.context.length) lines.push('', ...e.context.map((c) => `*Here:* ${c}`));
  lines.push('', fence(e.example, 'dockerfile'), '', `[Dockerfile reference: ${e.keyword}](${e.reference})`);
  return lines.join('\n');
}

/** A hover on one part of a line (a flag, a command, an image tag, a variable). */
export function partMarkdown(label: string, context: string, text: string, example: string | null, reference: string, language = 'dockerfile'): string {
  const lines = [`**${escapeMarkdown(label)}**${context ? ` · ${escapeMarkdown(context)}` : ''}`, '', text];
  if (example) lines.push('', fence(example, language));
  lines.push('', `[Reference: ${escapeMarkdown(context || label)}](${reference})`);
  return lines.join('\n');
}

/** The whole story of one line, with what lint found on it. */
export function fullMarkdown(e: InstructionExplanation, findings: Finding[], file: string): string {
  const lines = [`# ${escapeMarkdown(file)}, line ${e.range.start.line + 1}`, '', fence(e.text, 'dockerfile'), '', `**${escapeMarkdown(e.title)}**`, '', e.summary];
  if (e.context.length) lines.push('', '## Why it is here', '', ...e.context.map((c) => `- ${c}`));
  if (e.parts.length) lines.push('', '## In this line', '', ...e.parts.map((p) => `- **${escapeMarkdown(p.label)}**: ${p.text}`));
  if (findings.length) {
    lines.push('', '## What to fix', '');
    for (const f of findings) {
      const hadolint = f.hadolint ? ` (hadolint ${f.hadolint})` : '';
      lines.push(`- **${SEVERITY_WORD[f.severity]} ${f.code}**${hadolint}: ${f.message}${f.fix ? ` *Quick fix: ${f.fix.title}.*` : ''}`);
    }
  }
  lines.push('', '## Example', '', fence(e.example, 'dockerfile'), '', `[Dockerfile reference: ${e.keyword}](${e.reference})`, '');
  return lines.join('\n');
}

/** The CLI's text: one block per instruction. */
export function plainText(e: InstructionExplanation): string {
  const lines = [`line ${e.range.start.line + 1}: ${e.text}`, `  ${e.title}`, `  ${e.summary}`];
  for (const c of e.context) lines.push(`  Here: ${c}`);
  for (const p of e.parts) lines.push(`  ${p.label}: ${p.text}`);
  return lines.join('\n');
}
