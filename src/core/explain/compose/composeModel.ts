/**
 * A compose file with positions: the YAML document (eemeli/yaml keeps every node's offsets), a line
 * counter to turn offsets into positions, and the services with the parts lint and hover read.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { ParseError, Position, Range } from '../types';

export interface ComposeService {
  name: string;
  key: Scalar;
  map: YAMLMap;
  /** The image's repository when the service pulls one ("postgres", "bitnami/redis"). */
  repository: string | null;
  builds: boolean;
}

export interface ComposeModel {
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  errors: ParseError[];
  services: ComposeService[];
  /** The top-level `volumes:` pair, if any. */
  volumes: Pair | null;
}

export function positionAt(model: Pick<ComposeModel, 'lineCounter'>, offset: number): Position {
  const { line, col } = model.lineCounter.linePos(offset);
  return { line: line - 1, character: col - 1 };
}

function offsetAt(model: Pick<ComposeModel, 'lineCounter'>, position: Position): number {
  return (model.lineCounter.lineStarts[position.line] ?? Infinity) + position.character;
}

/** A node's range without trailing comments and line breaks. */
export function rangeOf(model: Pick<ComposeModel, 'lineCounter'>, node: Node | null | undefined): Range {
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

/** Repository of an image reference: postgres:16-alpine → postgres, docker.io/bitnami/redis:7 → bitnami/redis. */
export function repositoryOf(image: string): string {
  const path = image.split('@')[0].replace(/:[^/]*$/, '').toLowerCase().split('/');
  if (path.length > 1 && (/[.:]/.test(path[0]) || path[0] === 'localhost')) path.shift();
  if (path[0] === 'library') path.shift();
  return path.join('/');
}

export function parseCompose(source: string): ComposeModel {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, keepSourceTokens: false, uniqueKeys: false });
  const model: ComposeModel = { text: source, doc, lineCounter, errors: [], services: [], volumes: null };
  model.errors = doc.errors.map((e) => ({
    message: e.message.split('\n')[0].replace(/:$/, ''),
    range: { start: positionAt(model, e.pos[0]), end: positionAt(model, Math.max(e.pos[1], e.pos[0] + 1)) },
  }));
  const root = doc.contents;
  if (!isMap(root)) return model;
  model.volumes = pairOf(root, 'volumes') ?? null;
  const services = valueOf(root, 'services');
  if (!isMap(services)) return model;
  for (const pair of services.items) {
    if (!isPair(pair) || !isScalar(pair.key) || !isMap(pair.value)) continue;
    const image = text(valueOf(pair.value, 'image'));
    model.services.push({
      name: String(pair.key.value), key: pair.key, map: pair.value,
      repository: image ? repositoryOf(image) : null,
      builds: pairOf(pair.value, 'build') !== undefined,
    });
  }
  return model;
}

/** Where a position is: the keys from the root down, and whether it is on a key or on a value. */
export interface ComposeLocation {
  path: string[];
  on: 'key' | 'value';
  node: Node;
  /** The value a key position belongs to, or the list item / scalar under the position. */
  range: Range;
}

export function locate(model: ComposeModel, position: Position): ComposeLocation | null {
  const offset = offsetAt(model, position);
  const inside = (node: Node | null | undefined) => !!node?.range && node.range[0] <= offset && offset <= node.range[1];
  let node: unknown = model.doc.contents;
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
