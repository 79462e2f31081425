/**
 * CodeLenses on a manifest's important fields, each titled with what the field does for this pod:
 * the image and when it is pulled, each probe with its timing, the user the pod runs as, what the
 * container may do, its resources, its emptyDir volumes, and where secrets and settings come from.
 */
import { isMap, isSeq, type Node } from 'yaml';
import { appPortSource } from '../listenPort';
import type { ExplainContext, Range } from '../types';
import { rangeOf, text, valueOf } from '../yamlPositions';
import { keyNode, mapsOf, selectedBy, type ManifestContainer, type ManifestModel, type Workload } from './manifestModel';
import { mountsOf, PROBE_KINDS, probeOf, resolvePort, type Probe } from './podFacts';

export interface ManifestLens {
  range: Range;
  title: string;
}

/** Longer than a Dockerfile lens: a probe's says its target, its timing and its effect. */
export const MANIFEST_LENS_MAX = 80;

const seconds = (n: number) => `${n} s`;

function target(probe: Probe, context: ExplainContext): string {
  const port = probe.resolved ?? probe.port ?? '?';
  const app = context.app && appPortSource(context.app) && probe.resolved !== null && probe.resolved !== context.app.port ? ` (app: ${context.app.port})` : '';
  if (probe.handler === 'httpGet') return `GET ${probe.path} on ${port}${app}`;
  if (probe.handler === 'tcpSocket') return `TCP ${port}${app}`;
  if (probe.handler === 'grpc') return `gRPC ${port}`;
  return 'a command';
}

function probeTitle(probe: Probe, context: ExplainContext): string {
  const every = `every ${seconds(probe.periodSeconds)}`;
  if (probe.kind === 'readinessProbe') return `readiness: ${target(probe, context)} ${every} — traffic only while it answers`;
  if (probe.kind === 'livenessProbe') {
    return `liveness: ${target(probe, context)} ${every} — restarted after ${probe.failureThreshold} failures`;
  }
  return `startup: up to ${seconds(probe.initialDelaySeconds + probe.periodSeconds * probe.failureThreshold)} to answer ${target(probe, context)}, then the others`;
}

function imageTitle(container: ManifestContainer): string | null {
  const image = text(valueOf(container.map, 'image'));
  if (!image) return null;
  const tag = /:([^/:@]+)$/.exec(image)?.[1];
  const policy = text(valueOf(container.map, 'imagePullPolicy')) ?? (!image.includes('@') && (!tag || tag === 'latest') ? 'Always' : 'IfNotPresent');
  const pull = policy === 'Always' ? 'pulled at every start' : policy === 'Never' ? 'never pulled: must be on the node' : 'pulled once per node';
  return `runs ${image} — ${pull}`;
}

function podUserTitle(workload: Workload): string | null {
  const sc = valueOf(workload.podSpec, 'securityContext');
  if (!isMap(sc)) return null;
  const user = text(valueOf(sc, 'runAsUser'));
  const nonRoot = text(valueOf(sc, 'runAsNonRoot')) === 'true';
  const group = text(valueOf(sc, 'fsGroup'));
  const who = user === '0' ? 'runs as root' : user ? `runs as UID ${user}${nonRoot ? ', never root' : ''}` : nonRoot ? 'the image\'s user, refused if root' : 'the image\'s user (root if it sets none)';
  return `pod: ${who}${group ? `; volumes writable by GID ${group}` : ''}`;
}

function containerSecurityTitle(container: ManifestContainer): string | null {
  const sc = valueOf(container.map, 'securityContext');
  if (!isMap(sc)) return null;
  const drop = valueOf(valueOf(sc, 'capabilities'), 'drop');
  const parts = [
    text(valueOf(sc, 'runAsUser')) !== null ? `UID ${text(valueOf(sc, 'runAsUser'))}` : '',
    text(valueOf(sc, 'readOnlyRootFilesystem')) === 'true' ? 'read-only files but its volumes' : 'image files writable',
    text(valueOf(sc, 'allowPrivilegeEscalation')) === 'false' ? 'no setuid' : '',
    isSeq(drop) && drop.items.some((i) => text(i) === 'ALL') ? 'no capabilities' : '',
  ].filter(Boolean);
  return `${container.name || 'container'}: ${parts.join(', ')}`;
}

function resourcesTitle(container: ManifestContainer): string | null {
  const resources = valueOf(container.map, 'resources');
  if (!isMap(resources)) return null;
  const requests = valueOf(resources, 'requests');
  const limits = valueOf(resources, 'limits');
  const asks = [text(valueOf(requests, 'cpu')) && `${text(valueOf(requests, 'cpu'))} CPU`, text(valueOf(requests, 'memory'))].filter(Boolean).join(' + ');
  const cpu = text(valueOf(limits, 'cpu'));
  const memory = text(valueOf(limits, 'memory'));
  const caps = [cpu && `slowed over ${cpu} CPU`, memory && `killed over ${memory}`].filter(Boolean).join(', ');
  return `resources: ${asks ? `reserves ${asks}` : 'nothing reserved'}${caps ? ` — ${caps}` : ' — no limits'}`;
}

function envTitles(container: ManifestContainer): { node: Node; title: string }[] {
  const out: { node: Node; title: string }[] = [];
  for (const entry of mapsOf(valueOf(container.map, 'env'))) {
    const from = valueOf(entry, 'valueFrom');
    const name = text(valueOf(entry, 'name'));
    const node = keyNode(entry, 'name');
    for (const [ref, what] of [['secretKeyRef', 'Secret'], ['configMapKeyRef', 'ConfigMap']] as const) {
      const source = valueOf(from, ref);
      if (!node || !name || !isMap(source)) continue;
      const key = text(valueOf(source, 'key')) ?? '?';
      out.push({ node, title: `${name} ← ${what} ${text(valueOf(source, 'name')) ?? '?'}${key === name ? '' : ` (key ${key})`}, read at start` });
    }
  }
  for (const entry of mapsOf(valueOf(container.map, 'envFrom'))) {
    for (const [ref, what] of [['secretRef', 'Secret'], ['configMapRef', 'ConfigMap']] as const) {
      const node = keyNode(entry, ref);
      if (node) out.push({ node, title: `a variable per key of ${what} ${text(valueOf(valueOf(entry, ref), 'name')) ?? '?'}, read at start` });
    }
  }
  return out;
}

function volumeTitles(workload: Workload): { node: Node; title: string }[] {
  return mapsOf(valueOf(workload.podSpec, 'volumes')).flatMap((volume) => {
    const name = text(valueOf(volume, 'name'));
    const node = keyNode(volume, 'emptyDir');
    if (!name || !node) return [];
    const at = workload.containers.flatMap((c) => mountsOf(c).filter((m) => m.name === name).map((m) => `${m.path} in ${c.name}`));
    const memory = text(valueOf(valueOf(volume, 'emptyDir'), 'medium')) === 'Memory' ? ' (in RAM)' : '';
    return [{ node, title: `${name}: empty folder${memory} for the pod's life${at.length ? `, at ${at.join(', ')}` : ', not mounted'}` }];
  });
}

export function manifestLenses(model: ManifestModel, context: ExplainContext = {}): ManifestLens[] {
  const lenses: { node: Node | null; title: string | null }[] = [];
  for (const workload of model.workloads) {
    lenses.push({ node: keyNode(workload.podSpec, 'securityContext'), title: podUserTitle(workload) });
    for (const c of workload.containers) {
      lenses.push({ node: keyNode(c.map, 'image'), title: imageTitle(c) });
      for (const kind of PROBE_KINDS) {
        const probe = probeOf(c, kind);
        if (probe) lenses.push({ node: keyNode(c.map, kind), title: probeTitle(probe, context) });
      }
      lenses.push({ node: keyNode(c.map, 'securityContext'), title: containerSecurityTitle(c) }, { node: keyNode(c.map, 'resources'), title: resourcesTitle(c) });
      lenses.push(...envTitles(c));
    }
    lenses.push(...volumeTitles(workload));
  }
  for (const service of model.services) {
    const containers = selectedBy(model, service).flatMap((w) => w.containers);
    for (const entry of mapsOf(valueOf(valueOf(service.root, 'spec'), 'ports'))) {
      const port = text(valueOf(entry, 'port'));
      const targetPort = text(valueOf(entry, 'targetPort')) ?? port;
      const resolved = targetPort && containers.length ? resolvePort(containers, targetPort) : null;
      const to = resolved !== null && String(resolved) !== targetPort ? `${targetPort} (${resolved})` : targetPort;
      lenses.push({ node: keyNode(entry, 'port'), title: port ? `${service.name ?? 'service'}:${port} → the pods' port ${to}` : null });
    }
  }
  const short = (title: string) => (title.length > MANIFEST_LENS_MAX ? `${title.slice(0, MANIFEST_LENS_MAX - 1)}…` : title);
  return lenses.flatMap(({ node, title }) => (node && title ? [{ range: rangeOf(model, node), title: short(title) }] : []))
    .sort((a, b) => a.range.start.line - b.range.start.line);
}
