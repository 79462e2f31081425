/**
 * A Kubernetes manifest file with positions: every YAML document of it (one line counter for the
 * whole file), and the parts explain reads: the workloads with their pod spec and containers, and
 * the Services.
 */
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node, type Scalar, type YAMLMap } from 'yaml';
import type { ParseError, Position } from '../types';
import { locateIn, pairOf, parseErrors, text, valueOf, type YamlLocation } from '../yamlPositions';

/** The kinds that run pods, and where each keeps its pod spec below the document's root. */
const POD_SPEC_PATH: Record<string, string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

export interface ContainerPort {
  name: string | null;
  port: number;
  /** The containerPort's value node. */
  node: Scalar;
}

export interface ManifestContainer {
  name: string;
  map: YAMLMap;
  init: boolean;
  ports: ContainerPort[];
}

export interface ManifestDocument {
  kind: string | null;
  name: string | null;
  root: YAMLMap;
  /** The `kind:` value, where findings about the whole resource go. */
  kindNode: Node | null;
}

export interface Workload {
  document: ManifestDocument;
  kind: string;
  podSpec: YAMLMap;
  /** The pod template's labels, which a Service's selector matches. */
  labels: Record<string, string>;
  containers: ManifestContainer[];
}

export interface ManifestModel {
  text: string;
  docs: Document.Parsed[];
  lineCounter: LineCounter;
  errors: ParseError[];
  documents: ManifestDocument[];
  workloads: Workload[];
  services: ManifestDocument[];
}

/** The map at `path` below `map`, or null. */
export function mapAt(map: unknown, path: readonly string[]): YAMLMap | null {
  const found = path.reduce<unknown>((node, key) => valueOf(node, key), map);
  return isMap(found) ? found : null;
}

/** The maps of a block or flow list (a list of anything else gives none). */
export function mapsOf(node: unknown): YAMLMap[] {
  return isSeq(node) ? node.items.filter((i): i is YAMLMap => isMap(i)) : [];
}

function labelsOf(map: YAMLMap | null): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of map?.items ?? []) {
    const key = text(pair.key);
    const value = text(pair.value);
    if (key !== null && value !== null) labels[key] = value;
  }
  return labels;
}

function containersOf(podSpec: YAMLMap, key: 'containers' | 'initContainers'): ManifestContainer[] {
  return mapsOf(valueOf(podSpec, key)).map((map) => ({
    name: text(valueOf(map, 'name')) ?? '',
    map,
    init: key === 'initContainers',
    ports: mapsOf(valueOf(map, 'ports')).flatMap((p) => {
      const node = valueOf(p, 'containerPort');
      const port = Number(text(node));
      return isScalar(node) && Number.isInteger(port) ? [{ name: text(valueOf(p, 'name')), port, node }] : [];
    }),
  }));
}

/** The workloads of this file whose pods a Service selects (by every label of its selector). */
export function selectedBy(model: ManifestModel, service: ManifestDocument): Workload[] {
  const selector = Object.entries(labelsOf(mapAt(service.root, ['spec', 'selector'])));
  return selector.length ? model.workloads.filter((w) => selector.every(([k, v]) => w.labels[k] === v)) : [];
}

export function parseManifest(source: string): ManifestModel {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(source, { lineCounter, uniqueKeys: false });
  // An empty stream (only comments) comes back as something else than a list: no documents then.
  const docs = Array.isArray(parsed) ? parsed : [];
  const model: ManifestModel = { text: source, docs, lineCounter, errors: [], documents: [], workloads: [], services: [] };
  model.errors = parseErrors(model, docs.flatMap((d) => d.errors));
  for (const doc of docs) {
    const root = doc.contents;
    if (!isMap(root)) continue;
    const kindNode = (valueOf(root, 'kind') as Node | undefined) ?? null;
    const document: ManifestDocument = { kind: text(kindNode), name: text(valueOf(valueOf(root, 'metadata'), 'name')), root, kindNode };
    model.documents.push(document);
    if (document.kind === 'Service') model.services.push(document);
    const path = document.kind ? POD_SPEC_PATH[document.kind] : undefined;
    const podSpec = path ? mapAt(root, path) : null;
    if (!document.kind || !path || !podSpec) continue;
    const template = document.kind === 'Pod' ? root : mapAt(root, path.slice(0, -1));
    model.workloads.push({
      document, kind: document.kind, podSpec,
      labels: labelsOf(mapAt(template, ['metadata', 'labels'])),
      containers: [...containersOf(podSpec, 'initContainers'), ...containersOf(podSpec, 'containers')],
    });
  }
  return model;
}

/** The document a position is in, and the key or scalar there. */
export function locateManifest(model: ManifestModel, position: Position): { document: ManifestDocument; at: YamlLocation } | null {
  for (const document of model.documents) {
    const at = locateIn(model, document.root, position);
    if (at) return { document, at };
  }
  return null;
}

/** The pair of a key in a map, when it has one (for ranges of findings). */
export function keyNode(map: unknown, key: string): Node | null {
  return (pairOf(map, key)?.key as Node | undefined) ?? null;
}
