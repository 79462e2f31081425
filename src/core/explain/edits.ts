/** Small builders for the text edits of quick fixes, in LSP positions. */
import type { DockerfileModel, InstructionNode, Word } from '../dockerfile';
import type { Position, Range, TextEdit } from './types';

const at = (line: number, character: number): Position => ({ line, character });

export function replace(range: Range, newText: string): TextEdit {
  return { range, newText };
}

export function insertAt(position: Position, newText: string): TextEdit {
  return { range: { start: position, end: position }, newText };
}

/** A new line (or lines) right after the instruction, with its indentation. */
export function insertAfter(model: DockerfileModel, node: InstructionNode, text: string): TextEdit {
  const end = node.range.end.line;
  return insertAt(at(end, (model.lines[end] ?? '').length), `\n${indented(model, node, text)}`);
}

/** A new line (or lines) right before the instruction. */
export function insertBefore(model: DockerfileModel, node: InstructionNode, text: string): TextEdit {
  return insertAt(at(node.range.start.line, 0), `${indented(model, node, text)}\n`);
}

function indented(model: DockerfileModel, node: InstructionNode, text: string): string {
  const indent = /^\s*/.exec(model.lines[node.range.start.line] ?? '')?.[0] ?? '';
  return text.split('\n').map((l) => indent + l).join('\n');
}

/** Removes the instruction's lines (and the comment block right above it stays). */
export function deleteInstruction(model: DockerfileModel, node: InstructionNode): TextEdit {
  const { start, end } = node.range;
  if (end.line + 1 < model.lines.length) return replace({ start: at(start.line, 0), end: at(end.line + 1, 0) }, '');
  const previous = start.line - 1;
  return previous >= 0
    ? replace({ start: at(previous, (model.lines[previous] ?? '').length), end: at(end.line, (model.lines[end.line] ?? '').length) }, '')
    : replace({ start: at(start.line, 0), end: at(end.line, (model.lines[end.line] ?? '').length) }, '');
}

/** Extra words right after a word: `, "--host", "0.0.0.0"` in the exec form, ` --host 0.0.0.0` otherwise. */
export function insertWordsAfter(node: InstructionNode, word: Word, words: string[]): TextEdit {
  if (node.execForm) {
    // Exec-form word ranges leave out the quotes: insert after the closing one.
    return insertAt(at(word.range.end.line, word.range.end.character + 1), words.map((w) => `, ${JSON.stringify(w)}`).join(''));
  }
  return insertAt(word.range.end, words.map((w) => ` ${w}`).join(''));
}

/** Removes a word together with the separator before it. */
export function deleteWord(node: InstructionNode, word: Word): TextEdit {
  const index = node.words.findIndex((w) => w.range.start.line === word.range.start.line && w.range.start.character === word.range.start.character);
  const previous = node.words[index - 1];
  if (!previous) return replace(word.range, '');
  const quote = node.execForm ? 1 : 0;
  return replace({
    start: at(previous.range.end.line, previous.range.end.character + quote),
    end: at(word.range.end.line, word.range.end.character + quote),
  }, '');
}

/** The range of `length` characters at `offset` inside a one-line word (the whole word otherwise). */
export function within(word: Word, offset: number, length: number): Range {
  const { start, end } = word.range;
  if (start.line !== end.line || start.character + offset + length > end.character) return word.range;
  return { start: at(start.line, start.character + offset), end: at(start.line, start.character + offset + length) };
}

/** The range of the instruction's arguments: from after the keyword and its flags to the end. */
export function argumentsRange(node: InstructionNode): Range | null {
  return node.argumentsStart ? { start: node.argumentsStart, end: node.range.end } : null;
}
