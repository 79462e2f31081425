/**
 * Manifest checks, for what breaks Python apps on Kubernetes: no readiness probe, probes and
 * Services aimed at a port nothing listens on, containers that may run as root, secrets written
 * as plain values, no resources, and a read-only root without a writable /tmp.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { isSecretName, URL_WITH_PASSWORD } from '../../knowledge/envPurposes';
import { MESSAGES } from '../../knowledge/lintRules';
import { finding, fix } from '../lint/finding';
import { applyOptions, sortFindings } from '../lint/lint';
import { appPortSource } from '../listenPort';
import type { ExplainContext, Finding, LintOptions } from '../types';
import { pairOf, rangeOf, text, valueOf } from '../yamlPositions';
import { appendToMap, appendToSeq, merged } from './manifestEdits';
import { keyNode, mapAt, mapsOf, parseManifest, selectedBy, type ManifestContainer, type ManifestDocument, type ManifestModel, type Workload } from './manifestModel';
import { mountsOf, PROBE_KINDS, probeOf, readOnlyRoot, runAsOf, serves } from './podFacts';

type Check = (model: ManifestModel, context: ExplainContext) => Finding[];

/** Where a finding about the whole container goes: its name, or its first key. */
function containerNode(c: ManifestContainer): Node {
  return (valueOf(c.map, 'name') as Node | undefined) ?? (c.map.items[0]?.key as Node);
}

const appContainers = (w: Workload) => w.containers.filter((c) => !c.init);
const declared = (c: ManifestContainer[]) => c.flatMap((x) => x.ports).map((p) => (p.name ? `${p.port} (${p.name})` : String(p.port))).join(', ');
/** A port as a fix writes it: the port's name when it has one. */
const portWord = (c: ManifestContainer) => c.ports[0].name ?? String(c.ports[0].port);

const noReadinessProbe: Check = (model) => model.workloads.filter((w) => w.kind === 'Deployment' || w.kind === 'StatefulSet').flatMap((w) =>
  appContainers(w).filter((c) => serves(c) && !probeOf(c, 'readinessProbe')).map((c) => {
    const port = c.ports.length ? portWord(c) : null;
    const edit = port ? appendToMap(model, c.map, ['readinessProbe:', '  tcpSocket:', `    port: ${port}`, '  periodSeconds: 10']) : null;
    return finding('noReadinessProbe', rangeOf(model, containerNode(c)), MESSAGES.noReadinessProbe(c.name || 'The container'),
      edit && fix(MESSAGES.readinessFix(port ?? ''), edit));
  }));

const probePort: Check = (model, { app }) => model.workloads.flatMap((w) => {
  const serving = appContainers(w).filter(serves);
  const where = app ? appPortSource(app) : null;
  return appContainers(w).flatMap((c) => PROBE_KINDS.flatMap((kind) => {
    const probe = probeOf(c, kind);
    if (!probe?.port || !probe.portNode) return [];
    const range = rangeOf(model, probe.portNode);
    const only = c.ports.length === 1 ? fix(MESSAGES.probePortFix(portWord(c)), { range, newText: portWord(c) }) : null;
    if (probe.resolved === null) return [finding('probePort', range, MESSAGES.probeNamedPortMissing(kind, probe.port, c.name || 'the container'), only)];
    if (c.ports.length && !c.ports.some((p) => p.port === probe.resolved)) {
      return [finding('probePort', range, MESSAGES.probePortUndeclared(kind, probe.resolved, declared([c])), only)];
    }
    // The app's port says which port serves only when one container serves and detection read the port from the app.
    if (!app || !where || serving.length !== 1 || serving[0] !== c || probe.resolved === app.port) return [];
    const numeric = /^\d+$/.test(probe.port) && !c.ports.length;
    return [finding('probePort', range, MESSAGES.probePortNotApp(kind, probe.resolved, app.port, where),
      numeric ? fix(MESSAGES.probePortFix(String(app.port)), { range, newText: String(app.port) }) : null)];
  }));
});

const serviceTargetPort: Check = (model, context) => {
  // The pods may be in this file or in another manifest of the folder (service.yaml beside deployment.yaml).
  const models = model.services.length ? [model, ...(context.neighbours ?? []).map(parseManifest).filter((m) => !m.errors.length)] : [];
  return model.services.flatMap((service) => targetPortFindings(model, service, models.flatMap((m) => selectedBy(m, service)).flatMap(appContainers)));
};

/** A Service's ports checked against the containers of the pods it selects. */
function targetPortFindings(model: ManifestModel, service: ManifestDocument, containers: ManifestContainer[]): Finding[] {
  // No pods found: nothing says which ports they have.
  if (!containers.length) return [];
  const ports = containers.flatMap((c) => c.ports);
  return mapsOf(valueOf(valueOf(service.root, 'spec'), 'ports')).flatMap((entry) => {
    const node = (valueOf(entry, 'targetPort') ?? valueOf(entry, 'port')) as Node | undefined;
    const written = text(node);
    if (!node || written === null) return [];
    const range = rangeOf(model, node);
    const canFix = pairOf(entry, 'targetPort') && new Set(ports.map((p) => p.port)).size === 1;
    const repair = canFix ? fix(MESSAGES.targetPortFix(ports[0].name ?? String(ports[0].port)), { range, newText: ports[0].name ?? String(ports[0].port) }) : null;
    if (!/^\d+$/.test(written)) {
      return ports.some((p) => p.name === written) ? [] : [finding('serviceTargetPort', range, MESSAGES.serviceTargetPortName(written), repair)];
    }
    const port = Number(written);
    return !ports.length || ports.some((p) => p.port === port) ? [] : [finding('serviceTargetPort', range, MESSAGES.serviceTargetPortNumber(port, declared(containers)), repair)];
  });
}

/** runAsNonRoot: true where it takes effect: over a `false` the container or the pod says, else added to the pod. */
function nonRootFix(model: ManifestModel, w: Workload, c: ManifestContainer) {
  for (const sc of [valueOf(c.map, 'securityContext'), valueOf(w.podSpec, 'securityContext')]) {
    const value = valueOf(sc, 'runAsNonRoot');
    if (isScalar(value) && text(value) === 'false') return fix(MESSAGES.podRootFix, { range: rangeOf(model, value), newText: 'true' });
  }
  const pod = valueOf(w.podSpec, 'securityContext');
  const edit = isMap(pod) ? appendToMap(model, pod, ['runAsNonRoot: true'])
    : pod === undefined ? appendToMap(model, w.podSpec, ['securityContext:', '  runAsNonRoot: true']) : null;
  return edit && fix(MESSAGES.podRootFix, edit);
}

const podRunsAsRoot: Check = (model) => model.workloads.flatMap((w) => appContainers(w).flatMap((c) => {
  const runAs = runAsOf(w, c);
  if (runAs.user === 0 && runAs.userNode) return [finding('podRunsAsRoot', rangeOf(model, runAs.userNode), MESSAGES.podRunsAsUserZero(c.name || 'The container'))];
  if (runAs.nonRoot || runAs.user !== null) return [];
  return [finding('podRunsAsRoot', rangeOf(model, containerNode(c)), MESSAGES.podRunsAsRoot(c.name || 'the container'), nonRootFix(model, w, c))];
}));

/** A written value that holds a secret: by its name, or a URL with a password that is not a `$(VAR)` reference. */
function plainSecret(name: string, value: string): boolean {
  if (value === '' || /^\$\(\w+\)$/.test(value)) return false;
  const password = URL_WITH_PASSWORD.exec(value) ? /:\/\/[^:/@\s]+:([^@\s]+)@/.exec(value)?.[1] ?? '' : '';
  return isSecretName(name, '', value) || (password !== '' && !password.includes('$('));
}

const manifestSecretEnv: Check = (model) => [
  ...model.workloads.flatMap((w) => w.containers.flatMap((c) => mapsOf(valueOf(c.map, 'env')).flatMap((entry) => {
    const name = text(valueOf(entry, 'name'));
    const value = valueOf(entry, 'value');
    const written = text(value);
    return name && written !== null && plainSecret(name, written)
      ? [finding('manifestSecretEnv', rangeOf(model, value as Node), MESSAGES.manifestSecretEnv(name, `the env of ${c.name || 'a container'}`))] : [];
  }))),
  ...model.documents.filter((d) => d.kind === 'ConfigMap').flatMap((d) => {
    const data = mapAt(d.root, ['data']);
    return (data?.items ?? []).flatMap((pair) => {
      const name = text(pair.key);
      const written = text(pair.value);
      return name && written !== null && plainSecret(name, written)
        ? [finding('manifestSecretEnv', rangeOf(model, pair.value as Node), MESSAGES.manifestSecretEnv(name, `ConfigMap ${d.name ?? ''}`.trim()))] : [];
    });
  }),
];

const hasItems = (node: unknown) => isMap(node) && node.items.length > 0;

const noResources: Check = (model) => model.workloads.flatMap((w) => appContainers(w).flatMap((c) => {
  const resources = valueOf(c.map, 'resources');
  const requests = hasItems(valueOf(resources, 'requests'));
  const memoryLimit = text(valueOf(valueOf(resources, 'limits'), 'memory')) !== null;
  if (requests && memoryLimit) return [];
  return [finding('noResources', rangeOf(model, (keyNode(c.map, 'resources') ?? containerNode(c))), MESSAGES.noResources(c.name || 'The container', requests, memoryLimit))];
}));

/** The emptyDir at /tmp: a mount in the container, and the volume in the pod unless one of that name exists. */
function tmpEdits(model: ManifestModel, w: Workload, c: ManifestContainer) {
  const volumes = valueOf(w.podSpec, 'volumes');
  const names = mapsOf(volumes).map((v) => text(valueOf(v, 'name')));
  const name = names.includes('tmp') ? 'python-tmp' : 'tmp';
  const mounts = valueOf(c.map, 'volumeMounts');
  const mount = isSeq(mounts) ? appendToSeq(model, mounts, [`name: ${name}`, 'mountPath: /tmp'])
    : mounts === undefined ? appendToMap(model, c.map, ['volumeMounts:', `  - name: ${name}`, '    mountPath: /tmp']) : null;
  const volume = isSeq(volumes) ? appendToSeq(model, volumes, [`name: ${name}`, 'emptyDir: {}'])
    : volumes === undefined ? appendToMap(model, w.podSpec, ['volumes:', `  - name: ${name}`, '    emptyDir: {}']) : null;
  return mount && volume ? fix(MESSAGES.readOnlyTmpFix, ...merged([mount, volume])) : null;
}

const readOnlyTmp: Check = (model) => model.workloads.flatMap((w) => w.containers.flatMap((c) => {
  if (!readOnlyRoot(c) || mountsOf(c).some((m) => m.path === '/tmp')) return [];
  const node = valueOf(valueOf(c.map, 'securityContext'), 'readOnlyRootFilesystem') as Node;
  return [finding('readOnlyTmp', rangeOf(model, node), MESSAGES.readOnlyTmp(c.name || 'The container'), tmpEdits(model, w, c))];
}));

const CHECKS: Check[] = [noReadinessProbe, probePort, serviceTargetPort, podRunsAsRoot, manifestSecretEnv, noResources, readOnlyTmp];

export function lintManifest(model: ManifestModel, context: ExplainContext = {}, options: LintOptions = {}): Finding[] {
  const findings = model.errors.map((e) => finding('manifestSyntax', e.range, e.message));
  if (!model.errors.length) for (const check of CHECKS) findings.push(...check(model, context));
  return sortFindings(applyOptions(findings, options));
}
