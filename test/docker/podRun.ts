/**
 * A generated pod spec, run on the Docker engine the way the kubelet would run it, as near as Docker
 * goes: the pod's user and group, a read-only root filesystem, a tmpfs for each emptyDir (owned by the
 * fsGroup, as the kubelet makes it), every capability dropped, no new privileges, the ConfigMap's
 * settings and the Secret's values as environment, the container's args as its command, the memory
 * and CPU limits, and the named port published on 127.0.0.1.
 */
import * as assert from 'node:assert/strict';
import type Docker from 'dockerode';
import { RUN_LABEL, runId } from './support';

/* eslint-disable @typescript-eslint/no-explicit-any -- parsed manifests, walked by the fields the pod spec has */
type Manifest = Record<string, any>;

export interface PodRun {
  /** The Deployment's or Job's manifest. */
  workload: Manifest;
  configMap: Manifest;
  /** The values the cluster's Secret would hold, by key. */
  secretValues: Record<string, string>;
  image: string;
  network: string;
}

const MEBI = 1024 * 1024;

function memoryBytes(quantity: string): number {
  const m = /^(\d+)(Mi|Gi)$/.exec(quantity);
  assert.ok(m, `a memory quantity this runner reads: ${quantity}`);
  return Number(m[1]) * (m[2] === 'Gi' ? 1024 * MEBI : MEBI);
}

function nanoCpus(quantity: string): number {
  return quantity.endsWith('m') ? Number(quantity.slice(0, -1)) * 1e6 : Number(quantity) * 1e9;
}

/** The container's environment: the ConfigMap's data (envFrom), then each secretKeyRef. */
function environment(container: Manifest, run: PodRun): string[] {
  const env: string[] = [];
  for (const from of container.envFrom ?? []) {
    assert.equal(from.configMapRef?.name, run.configMap.metadata.name, 'envFrom names the ConfigMap');
    for (const [key, value] of Object.entries(run.configMap.data ?? {})) env.push(`${key}=${String(value)}`);
  }
  for (const variable of container.env ?? []) {
    const ref = variable.valueFrom?.secretKeyRef;
    assert.ok(ref, `${variable.name}: from the Secret`);
    const value = run.secretValues[ref.key];
    assert.ok(value !== undefined, `the Secret's ${ref.key} is given`);
    env.push(`${variable.name}=${value}`);
  }
  return env;
}

/** What `docker run` gets for the pod's only container (the options the docker CLI flags map to). */
export function containerOptions(run: PodRun): Docker.ContainerCreateOptions {
  const pod = run.workload.spec.template.spec;
  assert.equal(pod.containers.length, 1, 'one container per pod');
  const [container] = pod.containers;
  const security = pod.securityContext;
  const ports = (container.ports ?? []).map((p: Manifest) => `${p.containerPort}/tcp`);
  const volumes = new Set(pod.volumes.filter((v: Manifest) => v.emptyDir).map((v: Manifest) => v.name));
  const tmpfs: Record<string, string> = {};
  for (const mount of container.volumeMounts ?? []) {
    assert.ok(volumes.has(mount.name), `${mount.mountPath}: an emptyDir`);
    // The kubelet makes an emptyDir writable for the pod (0777, group fsGroup). Docker copies the mode of
    // the image's folder into a tmpfs (its tmpcopyup), so here the tmpfs is the pod user's and fsGroup's.
    tmpfs[mount.mountPath] = `rw,nosuid,nodev,size=64m,uid=${security.runAsUser},gid=${security.fsGroup}`;
  }
  const noPrivileges = container.securityContext.allowPrivilegeEscalation === false;
  return {
    Image: run.image,
    User: `${security.runAsUser}:${security.runAsGroup}`,
    Env: environment(container, run),
    ...(container.args ? { Cmd: container.args } : {}),
    Labels: { [RUN_LABEL]: runId },
    ExposedPorts: Object.fromEntries(ports.map((p: string) => [p, {}])),
    HostConfig: {
      ReadonlyRootfs: container.securityContext.readOnlyRootFilesystem === true,
      Tmpfs: tmpfs,
      CapDrop: container.securityContext.capabilities.drop,
      // RuntimeDefault is Docker's own seccomp profile, which every container gets unless told otherwise.
      SecurityOpt: noPrivileges ? ['no-new-privileges'] : [],
      GroupAdd: [String(security.fsGroup)],
      Memory: memoryBytes(container.resources.limits.memory),
      NanoCpus: nanoCpus(container.resources.limits.cpu),
      NetworkMode: run.network,
      PortBindings: Object.fromEntries(ports.map((p: string) => [p, [{ HostIp: '127.0.0.1', HostPort: '' }]])),
    },
  };
}
