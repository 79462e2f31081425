/**
 * YAML read with positions, shared by the compose and Kubernetes models: eemeli/yaml keeps every
 * node's offsets, and a line counter turns them into editor positions. Also the small readers
 * (a map's pair or value, a scalar's text), where a key sits, and where a new line can go.
 */
import { isMap, isScalar, isSeq, type LineCounter, type Node, type Pair, type YAMLError } from 'yaml';
import type { ParseError, Position, Range } from './types';

/** A parsed YAML file: its text and the line counter the parser filled. */
export interface YamlText {
  text: string;
  lineCounter: LineCounter;
}

export function positionAt(model: Pick<YamlText, 'lineCounter'>, offset: number): Position {
  const { line, col } = model.lineCounter.linePos(offset);
  return { line: line - 1, character: col - 1 };
}

export function offsetAt(model: Pick<YamlText, 'lineCounter'>, position: Position): number {
  return (model.lineCounter.lineStarts[position.line] ?? Infinity) + position.character;
}

/** A node's range without trailing comments and line breaks. */
export function rangeOf(model: Pick<YamlText, 'lineCounter'>, node: Node | null | undefined): Range {
  const [start, end] = node?.range ?? [0, 0];
  return { start: positionAt(model, start), end: positionAt(model, end) };
}

export function pairOf(map: unknown, key: string): Pair | undefined {
  if (!isMap(map)) return undefined;
  return map.items.find((p) => isScalar(p.key) && String(p.key.value) === key) as Pair | undefined;
}

export function valueOf(map: unknown, key: string): unknown {
  return pairOf(map, key)?.value;
}

/** A scalar's text, or null for anything else. */
export function text(node: unknown): string | null {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : null;
}

/** The parser's errors, as editors show them: the first line of the message, at least one character wide. */
export function parseErrors(model: Pick<YamlText, 'lineCounter'>, errors: readonly YAMLError[]): ParseError[] {
  return errors.map((e) => ({
    message: e.message.split('\n')[0].replace(/:$/, ''),
    range: { start: positionAt(model, e.pos[0]), end: positionAt(model, Math.max(e.pos[1], e.pos[0] + 1)) },
  }));
}

/** The end of the line the offset is on (before its line break). */
export function lineEnd(model: YamlText, offset: number): Position {
  const line = positionAt(model, offset).line;
  const next = model.lineCounter.lineStarts[line + 1];
  const end = next === undefined ? model.text.length : next - 1;
  return positionAt(model, model.text[end - 1] === '\r' ? end - 1 : end);
}

/** The end of a node's last line: a block collection's range runs on to the next line's start. */
export function nodeLineEnd(model: YamlText, node: Node): Position {
  let end = node.range?.[1] ?? 0;
  while (end > 0 && /\s/.test(model.text[end - 1])) end--;
  return lineEnd(model, Math.max(end - 1, node.range?.[0] ?? 0));
}

/** Where a position is: the keys from the root down, and whether it is on a key or on a value. */
export interface YamlLocation {
  path: string[];
  on: 'key' | 'value';
  node: Node;
  /** The value a key position belongs to, or the list item / scalar under the position. */
  range: Range;
}

/** The key or scalar under the position, inside `root` (a document's contents). */
export function locateIn(model: Pick<YamlText, 'lineCounter'>, root: unknown, position: Position): YamlLocation | null {
  const offset = offsetAt(model, position);
  const inside = (node: Node | null | undefined) => !!node?.range && node.range[0] <= offset && offset <= node.range[1];
  let node: unknown = root;
  const path: string[] = [];
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((p) => inside(p.key as Node) || inside(p.value as Node));
      if (!pair || !isScalar(pair.key)) return null;
      path.push(String(pair.key.value));
      if (inside(pair.key as Node)) return { path, on: 'key', node: pair.key, range: rangeOf(model, pair.key) };
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items.find((i) => inside(i as Node));
      if (!item) return null;
      node = item;
    } else if (isScalar(node)) {
      return { path, on: 'value', node, range: rangeOf(model, node) };
    } else {
      return null;
    }
  }
}
