/**
 * A compose file with positions: the YAML document (eemeli/yaml keeps every node's offsets), a line
 * counter to turn offsets into positions, and the services with the parts lint and hover read.
 */
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { ParseError, Position } from '../types';
import { locateIn, pairOf, parseErrors, text, valueOf, type YamlLocation } from '../yamlPositions';

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
  model.errors = parseErrors(model, doc.errors);
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

/** The key or scalar under the position. */
export function locate(model: ComposeModel, position: Position): YamlLocation | null {
  return locateIn(model, model.doc.contents, position);
}
