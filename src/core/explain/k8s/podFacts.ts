/**
 * What a pod's containers do, as lenses, hovers and lint all need it: their probes with the
 * defaults Kubernetes fills in, the port a probe or a Service reaches once names are resolved,
 * the user they run as (pod and container settings combined), and their writable paths.
 */
import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import { text, valueOf } from '../yamlPositions';
import { mapsOf, type ManifestContainer, type Workload } from './manifestModel';

export const PROBE_KINDS = ['startupProbe', 'readinessProbe', 'livenessProbe'] as const;
export type ProbeKind = (typeof PROBE_KINDS)[number];

export interface Probe {
  kind: ProbeKind;
  map: YAMLMap;
  handler: 'httpGet' | 'tcpSocket' | 'grpc' | 'exec' | null;
  /** httpGet's path. */
  path: string | null;
  /** The port as written (a number or a port name) and its node. */
  port: string | null;
  portNode: Node | null;
  /** The number the port means, names resolved against the container's ports; null when it names no port. */
  resolved: number | null;
  periodSeconds: number;
  failureThreshold: number;
  initialDelaySeconds: number;
}

/** Kubernetes' defaults for a probe's timing. */
const PROBE_DEFAULTS = { periodSeconds: 10, failureThreshold: 3, initialDelaySeconds: 0 };

function numberAt(map: unknown, key: string, fallback: number): number {
  const value = Number(text(valueOf(map, key)));
  return Number.isFinite(value) && text(valueOf(map, key)) !== null ? value : fallback;
}

/** A port as a probe or a Service's targetPort writes it: a number, or the name of one of the container's ports. */
export function resolvePort(containers: readonly ManifestContainer[], written: string): number | null {
  if (/^\d+$/.test(written)) return Number(written);
  return containers.flatMap((c) => c.ports).find((p) => p.name === written)?.port ?? null;
}

export function probeOf(container: ManifestContainer, kind: ProbeKind): Probe | null {
  const map = valueOf(container.map, kind);
  if (!isMap(map)) return null;
  const handler = (['httpGet', 'tcpSocket', 'grpc', 'exec'] as const).find((h) => valueOf(map, h) !== undefined) ?? null;
  const action = handler ? valueOf(map, handler) : null;
  const portNode = handler && handler !== 'exec' ? (valueOf(action, 'port') as Node | undefined) ?? null : null;
  const port = text(portNode);
  return {
    kind, map, handler, path: handler === 'httpGet' ? text(valueOf(action, 'path')) ?? '/' : null,
    port, portNode, resolved: port === null ? null : resolvePort([container], port),
    periodSeconds: numberAt(map, 'periodSeconds', PROBE_DEFAULTS.periodSeconds),
    failureThreshold: numberAt(map, 'failureThreshold', PROBE_DEFAULTS.failureThreshold),
    initialDelaySeconds: numberAt(map, 'initialDelaySeconds', PROBE_DEFAULTS.initialDelaySeconds),
  };
}

export interface RunAs {
  /** runAsUser, the container's over the pod's; null when neither sets it (the image's USER decides). */
  user: number | null;
  userNode: Node | null;
  nonRoot: boolean;
}

/** The user a container runs as: its own securityContext first, then the pod's. */
export function runAsOf(workload: Workload, container: ManifestContainer): RunAs {
  const own = valueOf(container.map, 'securityContext');
  const pod = valueOf(workload.podSpec, 'securityContext');
  const pick = (key: string) => {
    const node = [valueOf(own, key), valueOf(pod, key)].find((n) => isScalar(n) && n.value !== null);
    return (node as Node | undefined) ?? null;
  };
  const userNode = pick('runAsUser');
  const user = userNode ? Number(text(userNode)) : null;
  return { user: Number.isFinite(user) ? user : null, userNode, nonRoot: text(pick('runAsNonRoot')) === 'true' };
}

export function readOnlyRoot(container: ManifestContainer): boolean {
  return text(valueOf(valueOf(container.map, 'securityContext'), 'readOnlyRootFilesystem')) === 'true';
}

/** Where the container's volumes are mounted, by volume name. */
export function mountsOf(container: ManifestContainer): { name: string; path: string }[] {
  return mapsOf(valueOf(container.map, 'volumeMounts')).flatMap((m) => {
    const name = text(valueOf(m, 'name'));
    const path = text(valueOf(m, 'mountPath'));
    return name !== null && path !== null ? [{ name, path: path.replace(/\/+$/, '') || '/' }] : [];
  });
}

/** A container that serves: it declares a port, or a probe reaches one. */
export function serves(container: ManifestContainer): boolean {
  return !container.init && (container.ports.length > 0 || PROBE_KINDS.some((k) => probeOf(container, k)?.port));
}
