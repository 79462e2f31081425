/**
 * Hovers on a Kubernetes manifest: the keys it knows (probes, securityContext, resources, env,
 * volumes, ports...), with what they mean for a Python app, a resource's `kind`, and the port a
 * probe or Service names, resolved.
 */
import { MANIFEST_KINDS, manifestKeyKnowledge } from '../../knowledge/manifestKeys';
import { appPortSource } from '../listenPort';
import { partMarkdown } from '../render';
import type { ExplainContext, Hover, Position } from '../types';
import { locateManifest, selectedBy, type ManifestDocument, type ManifestModel } from './manifestModel';
import { resolvePort } from './podFacts';

const PORT_KEYS = new Set(['port', 'targetPort']);

/** The containers a port name in this document can refer to: the workload's, or the pods a Service selects in this file. */
function containersFor(model: ManifestModel, document: ManifestDocument) {
  const own = model.workloads.find((w) => w.document === document);
  if (own) return own.containers;
  return selectedBy(model, document).flatMap((w) => w.containers);
}

function portValue(model: ManifestModel, document: ManifestDocument, written: string): string | null {
  if (/^\d+$/.test(written)) return null;
  const containers = containersFor(model, document);
  const port = resolvePort(containers, written);
  if (port !== null) return `The port named ${written}: containerPort ${port}. A name keeps the number in one place, the container's ports.`;
  return containers.length ? `No container port is named ${written}: nothing answers there.` : `A port name, resolved against the containers' ports (in another file).`;
}

/** A sentence about this app, for the keys where detection knows the answer. */
function appNote(path: readonly string[], context: ExplainContext): string | null {
  const app = context.app;
  const key = path[path.length - 1];
  if (!app) return null;
  const where = appPortSource(app);
  if ((key === 'containerPort' || (PORT_KEYS.has(key) && /Probe$|^httpGet$|^tcpSocket$/.test(path[path.length - 2] ?? ''))) && where) {
    return `This app listens on ${app.port}, per ${where}.`;
  }
  if (key === 'limits' && app.server === 'gunicorn') return 'This app is served by gunicorn: its workers share this limit.';
  return null;
}

export function manifestHover(model: ManifestModel, position: Position, context: ExplainContext = {}): Hover | null {
  const found = locateManifest(model, position);
  if (!found) return null;
  const { document, at } = found;
  const { path } = at;
  const key = path[path.length - 1];
  const kind = document.kind ?? 'manifest';
  if (path.length === 1 && key === 'kind' && document.kind && MANIFEST_KINDS[document.kind]) {
    const about = MANIFEST_KINDS[document.kind];
    return { range: at.range, markdown: partMarkdown(document.kind, 'kind', about.text, null, about.reference, 'yaml') };
  }
  if (at.on === 'value' && PORT_KEYS.has(key)) {
    const resolved = portValue(model, document, String((at.node as { value?: unknown }).value ?? ''));
    const knowledge = manifestKeyKnowledge(path);
    if (resolved && knowledge) return { range: at.range, markdown: partMarkdown(String((at.node as { value?: unknown }).value), key, resolved, null, knowledge.reference, 'yaml') };
  }
  const knowledge = manifestKeyKnowledge(path);
  if (!knowledge) return null;
  const note = appNote(path, context);
  const text = [knowledge.text, knowledge.python ? `**Python:** ${knowledge.python}` : '', note ?? ''].filter(Boolean).join('\n\n');
  return { range: at.range, markdown: partMarkdown(key, `${path[path.length - 2]} · ${kind}`, text, knowledge.example, knowledge.reference, 'yaml') };
}
