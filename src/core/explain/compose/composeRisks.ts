/**
 * Compose checks on what the services run and expose: images past their end of life or without a
 * pinned tag, databases published on every host interface, env files that are not there.
 */
import { isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import { endsOfLife } from '../../knowledge/endOfLife';
import { dataStoreOf, isKnownImage } from '../../knowledge/images';
import { MESSAGES } from '../../knowledge/lintRules';
import { finding, fix } from '../lint/finding';
import type { ExplainContext, Finding } from '../types';
import { contentStart } from './composeFacts';
import type { ComposeModel } from './composeModel';
import { pairOf, positionAt, rangeOf, text, valueOf } from '../yamlPositions';

/** `image: name[:tag][@digest]` split as Docker reads it (a registry port is not a tag). */
function imageParts(image: string): { tag: string | null; digest: boolean } {
  const [name, digest] = image.split('@');
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  return { tag: colon > slash ? name.slice(colon + 1) : null, digest: digest !== undefined };
}

function images(model: ComposeModel): Finding[] {
  return model.services.flatMap((service) => {
    const node = valueOf(service.map, 'image');
    const image = text(node);
    if (!image || !service.repository || image.includes('$')) return [];
    const range = rangeOf(model, node as Node);
    const { tag, digest } = imageParts(image);
    // An image the file builds, or one the knowledge base does not know, is most likely the
    // project's own: its tag names a build, not a release someone else publishes.
    if (service.builds || digest) return [];
    if ((!tag || tag === 'latest') && isKnownImage(service.repository)) return [finding('unpinnedImage', range, tag ? MESSAGES.latest(image) : MESSAGES.untagged(image))];
    const ends = endsOfLife(service.repository, tag);
    return ends.length ? [finding('endOfLife', range, MESSAGES.endOfLife(image, ends))] : [];
  });
}

/** The host address of a short-syntax mapping (`127.0.0.1:5432:5432`), or null when it has none. */
function hostAddress(mapping: string): string | null {
  const plain = mapping.replace(/\$\{[^}]*\}/g, 'x').replace(/\/\w+$/, '');
  if (plain.startsWith('[')) return plain.slice(1, plain.indexOf(']'));
  const parts = plain.split(':');
  return parts.length === 3 ? parts[0] : null;
}

const ALL_INTERFACES = new Set(['0.0.0.0', '::', '']);

function databasePublished(model: ComposeModel): Finding[] {
  return model.services.flatMap((service) => {
    // A database built from the project's own Dockerfile (`image: myapp-postgis`) is known by its service name.
    const database = (service.repository ? dataStoreOf(service.repository) : null) ?? dataStoreOf(service.name);
    const ports = valueOf(service.map, 'ports');
    if (!database || !isSeq(ports)) return [];
    return ports.items.flatMap((item): Finding[] => {
      if (isMap(item)) {
        const host = text(valueOf(item, 'host_ip'));
        if (host !== null && !ALL_INTERFACES.has(host)) return [];
        return [finding('databasePublished', rangeOf(model, item as Node), MESSAGES.databasePublished(service.name, 'This mapping'))];
      }
      if (!isScalar(item)) return [];
      const mapping = String(item.value);
      const host = hostAddress(mapping);
      if (host !== null && !ALL_INTERFACES.has(host)) return [];
      const start = positionAt(model, contentStart(item as Scalar));
      const repair = host === null
        ? fix(MESSAGES.databasePublishedFix, { range: { start, end: start }, newText: '127.0.0.1:' }) : null;
      return [finding('databasePublished', rangeOf(model, item as Node), MESSAGES.databasePublished(service.name, `"${mapping}"`), repair)];
    });
  });
}

/** Each env_file entry: its path node and whether the file must exist (`required: false` says it need not). */
function envFiles(value: unknown): { node: Scalar; path: string }[] {
  const entries = isSeq(value) ? value.items : [value];
  return entries.flatMap((entry) => {
    if (isScalar(entry) && typeof entry.value === 'string') return [{ node: entry, path: entry.value }];
    if (isMap(entry) && text(valueOf(entry, 'required')) !== 'false') {
      const path = pairOf(entry, 'path')?.value;
      if (isScalar(path) && typeof path.value === 'string') return [{ node: path, path: path.value }];
    }
    return [];
  });
}

const EXAMPLES = ['.example', '.sample', '.template', '.dist'];

/** One finding per missing file, where it is first named; the message lists every service that needs it. */
function envFileMissing(model: ComposeModel, context: ExplainContext): Finding[] {
  const exists = context.buildContext?.exists;
  if (!exists) return [];
  const missing = new Map<string, { node: Scalar; services: string[] }>();
  for (const service of model.services) {
    for (const { node, path } of envFiles(valueOf(service.map, 'env_file'))) {
      const clean = path.replace(/^\.\//, '');
      if (clean.includes('$') || exists(clean)) continue;
      const entry = missing.get(clean);
      if (entry) entry.services.push(service.name);
      else missing.set(clean, { node, services: [service.name] });
    }
  }
  return [...missing].map(([path, { node, services }]) => {
    const example = EXAMPLES.map((suffix) => `${path}${suffix}`).find((candidate) => exists(candidate)) ?? null;
    // With an example file, copying it is the person's step (its values need filling in); without one, an empty file lets compose start.
    const create = { file: path, create: true, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '' };
    return finding('envFileMissing', rangeOf(model, node), MESSAGES.envFileMissing(path, services, example), example ? null : fix(MESSAGES.envFileCreateFix(path), create));
  });
}

/** A named volume (not a bind of a host path) mounted on a data store, away from where it keeps its data. */
function volumeElsewhere(model: ComposeModel): Finding[] {
  return model.services.flatMap((service) => {
    const store = (service.repository ? dataStoreOf(service.repository) : null);
    const volumes = valueOf(service.map, 'volumes');
    if (!store || !isSeq(volumes)) return [];
    const mounts = volumes.items.flatMap((item) => {
      if (isScalar(item) && typeof item.value === 'string') {
        const [source, target] = item.value.split(':');
        return target ? [{ source, target, node: item as Scalar }] : [];
      }
      const source = text(valueOf(item, 'source'));
      const target = valueOf(item, 'target');
      return source !== null && isScalar(target) && typeof target.value === 'string' ? [{ source, target: target.value, node: target }] : [];
    });
    const covers = (target: string) => {
      const t = target.replace(/\/+$/, '');
      return t === store.dataPath || store.dataPath.startsWith(`${t}/`) || t.startsWith(`${store.dataPath}/`);
    };
    if (mounts.some((m) => covers(m.target))) return [];
    const named = mounts.filter((m) => /^[\w][\w.-]*$/.test(m.source));
    return named.map((m) => finding('databaseVolume', rangeOf(model, m.node), MESSAGES.databaseVolumePath(service.name, m.target, store.dataPath)));
  });
}

const PYTHON_PROCESS = /\b(gunicorn|uvicorn|hypercorn|celery|flask|python3?|manage\.py|fastapi)\b/;

/** A Python process built here that starts with no depends_on at all, while the file runs its database or broker. */
function noDependsOn(model: ComposeModel): Finding[] {
  const stores = model.services.filter((s) => s.repository && dataStoreOf(s.repository)).map((s) => s.name);
  if (!stores.length) return [];
  return model.services.flatMap((service) => {
    const command = valueOf(service.map, 'command');
    const words = isSeq(command) ? command.items.map(text).join(' ') : text(command) ?? '';
    if (!service.builds || pairOf(service.map, 'depends_on') || !PYTHON_PROCESS.test(words)) return [];
    return [finding('dependsHealthy', rangeOf(model, service.key), MESSAGES.noDependsOn(service.name, stores))];
  });
}

export function composeRisks(model: ComposeModel, context: ExplainContext): Finding[] {
  return [...images(model), ...databasePublished(model), ...envFileMissing(model, context), ...volumeElsewhere(model), ...noDependsOn(model)];
}
