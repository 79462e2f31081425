/**
 * An instruction as one line of text, continuations joined and comment lines left out, for
 * explanations and messages. Read on demand: lenses, hovers and lint never need it for most lines.
 */
import type { DockerfileModel, InstructionNode } from './model';

const CONTINUATION = /\\\s*$/;
const COMMENT_LINE = /^\s*#/;

export function instructionText(model: DockerfileModel, node: InstructionNode): string {
  const { start, end } = node.range;
  const lines = model.lines;
  if (start.line === end.line) return (lines[start.line] ?? '').slice(start.character, end.character).replace(CONTINUATION, '').trim();
  const parts: string[] = [];
  for (let l = start.line; l <= end.line; l++) {
    const line = lines[l] ?? '';
    const text = line.slice(l === start.line ? start.character : 0, l === end.line ? end.character : undefined);
    if (l > start.line && COMMENT_LINE.test(text)) continue;
    parts.push(text.replace(CONTINUATION, '').trim());
  }
  return parts.filter(Boolean).join(' ');
}
