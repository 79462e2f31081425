/**
 * Quick fix edits in a manifest: new keys at the end of a block map, new items at the end of a
 * block list, each with the indentation the file already uses. Flow collections (`{}` and `[]`)
 * are left alone: the fixes that would need them are not offered.
 */
import { isMap, isSeq, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Position, TextEdit } from '../types';
import { nodeLineEnd, positionAt, type YamlText } from '../yamlPositions';

const insert = (at: Position, newText: string): TextEdit => ({ range: { start: at, end: at }, newText });

/** Lines as new keys at the end of a block map, indented like its keys. */
export function appendToMap(model: YamlText, map: YAMLMap, lines: string[]): TextEdit | null {
  const first = map.items[0]?.key as Node | undefined;
  const last = map.items[map.items.length - 1];
  if (!isMap(map) || map.flow || !first?.range || !last) return null;
  const indent = ' '.repeat(positionAt(model, first.range[0]).character);
  const end = nodeLineEnd(model, ((last.value as Node | null) ?? (last.key as Node)));
  return insert(end, lines.map((l) => `\n${indent}${l}`).join(''));
}

/** Lines as a new item at the end of a block list: the first after its dash, the others below it. */
export function appendToSeq(model: YamlText, seq: YAMLSeq, lines: string[]): TextEdit | null {
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  if (!isSeq(seq) || seq.flow || !last?.range) return null;
  const dash = model.text.lastIndexOf('-', last.range[0]);
  if (dash < 0) return null;
  const indent = ' '.repeat(positionAt(model, dash).character);
  const end = nodeLineEnd(model, last);
  return insert(end, `\n${indent}- ${lines[0]}${lines.slice(1).map((l) => `\n${indent}  ${l}`).join('')}`);
}

/** Edits with the same insertion point become one, in order (editors differ on the order of equal inserts). */
export function merged(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const empty = (r: TextEdit['range']) => r.start.line === r.end.line && r.start.character === r.end.character;
    const same = empty(e.range) && out.find((o) => empty(o.range) && o.range.start.line === e.range.start.line && o.range.start.character === e.range.start.character);
    if (same) same.newText += e.newText;
    else out.push({ ...e });
  }
  return out;
}
