/**
 * Several apps in one repository: besides each app's own files, one compose.yaml at the repository
 * root runs them together. Each app's generated services are carried over under names of its own
 * (`api`, `api-release`, `api-worker`), built from its folder, with a host port variable of its own;
 * backing services (one Postgres, one Redis) are shared. An existing root compose file is merged into:
 * what it defines stays as it is, and only what it lacks is added.
 */
import { normalize } from '../detect/paths';
import { isMap, isScalar, isSeq, parseDocument, type Document, type YAMLMap } from 'yaml';

type Service = Record<string, unknown>;
const FORMAT = { lineWidth: 0, flowCollectionPadding: false };
interface ComposeData { services: Record<string, Service>; volumes?: Record<string, unknown> }

/** `path` (relative to the app's folder) from the repository root; `..` segments resolved (a workspace member's context). */
const join = (root: string, path: string) => normalize(`${root}/${path}`) || '.';

/** The service names an app's generated services take at the repository root. */
function renamed(service: string, app: string, backing: ReadonlySet<string>): string {
  if (backing.has(service)) return service;
  if (service === 'app') return app;
  return service === 'app-dev' ? `${app}-dev` : `${app}-${service}`;
}

/**
 * The root compose text for one app, from its generated compose.yaml. `root` is the app's folder
 * relative to the repository root, `name` its image and service name, `portVariable` the host port
 * variable (`API_PORT`).
 */
export function rootComposeFor(appCompose: string, root: string, name: string): string {
  const data = parseDocument(appCompose).toJS() as ComposeData;
  const backing = new Set(Object.entries(data.services).filter(([, s]) => !s.build).map(([key]) => key));
  const services: Record<string, Service> = {};
  const portVariable = `${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_PORT`;
  for (const [key, service] of Object.entries(data.services)) {
    const copy: Service = { ...service };
    if (copy.build) copy.build = { ...(copy.build as Service), context: join(root, String((copy.build as Service).context ?? '.')) };
    if (Array.isArray(copy.env_file)) copy.env_file = copy.env_file.map((f: string) => join(root, f));
    if (Array.isArray(copy.ports)) copy.ports = copy.ports.map((p: string) => p.replace('${APP_PORT:-', `\${${portVariable}:-`));
    if (Array.isArray(copy.volumes)) {
      copy.volumes = copy.volumes.map((v: unknown) => (typeof v === 'object' && v && (v as Service).type === 'bind'
        ? { ...(v as Service), source: join(root, String((v as Service).source)) } : v));
    }
    if (copy.depends_on && typeof copy.depends_on === 'object' && !Array.isArray(copy.depends_on)) {
      copy.depends_on = Object.fromEntries(Object.entries(copy.depends_on).map(([dep, v]) => [renamed(dep, name, backing), v]));
    }
    services[renamed(key, name, backing)] = copy;
  }
  const doc = parseDocument('{}');
  doc.contents = doc.createNode({ services, ...(data.volumes ? { volumes: data.volumes } : {}) }) as never;
  doc.commentBefore = ' Every app of this repository: docker compose up --build -d (<APP>_PORT=... moves an app to another host port).\n'
    + ' Each app also has its own compose.yaml in its folder.';
  return flowStyle(doc).toString(FORMAT);
}

/** Short lists (ports, commands, volumes) in flow style, as the generated files write them. */
function flowStyle(doc: Document): Document {
  const visit = (node: unknown, key: string | null) => {
    if (isMap(node)) for (const pair of node.items) visit(pair.value, isScalar(pair.key) ? String(pair.key.value) : null);
    else if (isSeq(node)) {
      if (node.items.every((item) => isScalar(item)) && key !== null) node.flow = true;
      else for (const item of node.items) visit(item, null);
    }
  };
  visit(doc.contents, null);
  return doc;
}

/**
 * The existing root compose file with the services and volumes of `proposed` it lacks appended;
 * everything it already has (services of the same name included) is kept as it is.
 */
export function mergeRootCompose(current: string, proposed: string): string {
  const doc = parseDocument(current);
  const add = parseDocument(proposed);
  // The repository's own compose file already builds this app: it runs it its own way.
  const contexts = (d: Document) => Object.values((d.toJS() as Partial<ComposeData> | null)?.services ?? {})
    .map((s) => (typeof s.build === 'string' ? s.build : (s.build as Service | undefined)?.context))
    .filter((c): c is string => typeof c === 'string').map((c) => c.replace(/^\.\//, '').replace(/\/$/, ''));
  const existing = new Set(contexts(doc));
  if (contexts(add).some((c) => existing.has(c))) return current;
  let changed = false;
  for (const section of ['services', 'volumes']) {
    const incoming = add.get(section) as YAMLMap | undefined;
    if (!isMap(incoming)) continue;
    let target = doc.get(section);
    if (!isMap(target)) {
      doc.set(section, doc.createNode({}));
      target = doc.get(section);
    }
    for (const pair of incoming.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if ((target as YAMLMap).has(key)) continue;
      (target as YAMLMap).set(key, pair.value);
      changed = true;
    }
  }
  return changed ? flowStyle(doc).toString(FORMAT) : current;
}
