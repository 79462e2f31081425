/**
 * The Kubernetes templates' view: the facts the Docker files were generated from (the generation
 * view and the app's environment), turned into what a cluster needs. The pod runs the image exactly
 * as compose does, under the Dockerfile's user, with a read-only root filesystem and an emptyDir
 * at each folder the Dockerfile gives the app's user. Values are ready-made YAML (quoted where
 * YAML needs it), as in the compose view.
 */
import type { GenerationPlan } from '../generate';
import { commandList, yamlScalar } from '../generate/compose';
import type { EnvSetting } from '../generate/environment';
import { RELEASE_MARK, sharedVolumes } from '../generate/writable';
import { workerCommand, workerServiceNames } from '../generate/workers';

export interface K8sVolume {
  /** The volume's name in the pod (a DNS label). */
  name: string;
  mountPath: string;
  /** The folder holds data the release step, the app and its workers share (a named volume in compose). */
  shared: boolean;
}

export interface K8sProcess {
  /** The resource's name: the app's name and the compose service's. */
  resource: string;
  component: string;
  /** The command as a YAML flow list, given as the container's args (the image has no ENTRYPOINT). */
  command: string;
  note: string;
}

export interface K8sView {
  comments: boolean;
  /** The base name of every resource, a DNS label. */
  name: string;
  /** The image compose builds and names. */
  image: string;
  /** The same without its tag, as kustomize's `images:` matches it. */
  imageName: string;
  port: number;
  uid: number;
  replicas: number;
  /** What the image's CMD runs, for the comment that says what the pod starts. */
  serverExec: string;
  health: { path: string; pathComment: string };
  /** The startup probe's budget: the app has periodSeconds × failureThreshold to answer once. */
  startup: { periodSeconds: number; failureThreshold: number; seconds: number };
  config: { name: string; entries: { name: string; value: string; note: string }[]; hasEntries: boolean };
  secret: { name: string; keys: { name: string; note: string }[]; hasKeys: boolean };
  /** Variables the app reads with a default, set by neither file. */
  optional: string[];
  hasOptional: boolean;
  volumes: K8sVolume[];
  /** The folders whose data compose keeps in named volumes, in words ("/app/instance and /app/uploads"). */
  sharedFolders: string;
  hasSharedFolders: boolean;
  /** The backing services compose runs (postgres, redis…), whose names the settings use as hosts. */
  services: string;
  hasServices: boolean;
  /** False only when the app writes a SQLite file beside its code, which no volume can cover. */
  readOnlyRoot: boolean;
  release: K8sProcess | null;
  workers: K8sProcess[];
  hasWorkers: boolean;
  /** The one worker the worker template is rendered for, once per worker. */
  worker?: K8sProcess;
  /** The manifests kustomization.yaml applies, in order. */
  resources: string[];
}

/** A DNS-1123 label: lowercase letters, digits and '-', at most `max` characters. */
export function dnsLabel(text: string, max = 63): string {
  const label = text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+/, '').slice(0, max).replace(/-+$/, '');
  return label || 'app';
}

const inWords = (items: readonly string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

/** Leaves room for the longest suffix (`-dramatiq-worker-2`) within a label's 63 characters. */
const BASE_NAME_MAX = 40;

const STARTUP = { periodSeconds: 5, failureThreshold: 24 };

/**
 * Whether a setting belongs in the Secret: a variable detection marked secret, or a value compose
 * interpolates from the local .env (a URL that carries a password).
 */
function isSecret(setting: EnvSetting, secretNames: ReadonlySet<string>): boolean {
  return secretNames.has(setting.name) || setting.value.includes('${');
}

function environmentView(plan: Pick<GenerationPlan, 'environment'>, name: string): Pick<K8sView, 'config' | 'secret' | 'optional' | 'hasOptional'> {
  const { settings, documented } = plan.environment;
  const secretNames = new Set(documented.filter((d) => d.variable.secret).map((d) => d.variable.name));
  const entries = settings.filter((s) => !isSecret(s, secretNames)).map((s) => ({
    name: s.name,
    value: yamlScalar(s.kind === 'missing' ? '' : s.value),
    note: s.kind === 'missing' ? 'required, no default: fill in' : s.note,
  }));
  const keys = settings.filter((s) => isSecret(s, secretNames)).map((s) => ({
    name: s.name,
    note: s.kind === 'service' ? `${s.note.replace(/, from \.env$/, '')}, at the cluster's address` : s.kind === 'missing' ? 'required, no default' : s.note.replace(/ in \.env$/, ''),
  }));
  const optional = documented.filter((d) => d.setting === null).map((d) => d.variable.name);
  return {
    config: { name: `${name}-config`, entries, hasEntries: entries.length > 0 },
    secret: { name: `${name}-secrets`, keys, hasKeys: keys.length > 0 },
    optional,
    hasOptional: optional.length > 0,
  };
}

/** /tmp for every Python process, and each folder under /app the Dockerfile gives the app's user. */
function volumesView(plan: Pick<GenerationPlan, 'app' | 'view' | 'environment'>): { volumes: K8sVolume[]; readOnlyRoot: boolean } {
  const shared = new Set(sharedVolumes(plan.app, plan.environment).map((v) => v.target));
  // /app itself is writable when a SQLite file sits beside the code: a volume there would hide the code.
  // The mark compose's one-time release step leaves is not needed: a Job runs once by itself.
  const folders = plan.view.writable.folders.filter((f) => f !== '/app' && f !== `/app/${RELEASE_MARK}`);
  const volumes: K8sVolume[] = [
    { name: 'tmp', mountPath: '/tmp', shared: false },
    ...folders.map((f) => ({ name: dnsLabel(f.replace(/^\/+/, '')), mountPath: f, shared: shared.has(f) })),
  ];
  return { volumes, readOnlyRoot: !plan.view.writable.root };
}

function processesView(plan: Pick<GenerationPlan, 'app'>, name: string): Pick<K8sView, 'release' | 'workers' | 'hasWorkers'> {
  const { app } = plan;
  const release = app.release
    ? { resource: `${name}-release`, component: 'release', command: commandList(app.release.command), note: `${app.release.command} (from ${app.release.file}:${app.release.line})` }
    : null;
  const serviceNames = workerServiceNames(app.workers);
  const workers = app.workers.flatMap((w, i) => {
    const command = workerCommand(w);
    return command ? [{
      resource: `${name}-${serviceNames[i]}`, component: serviceNames[i], command: commandList(command),
      note: `${w.kind} worker${w.module ? ` (${w.module})` : ''}`,
    }] : [];
  });
  return { release, workers, hasWorkers: workers.length > 0 };
}

/** The view for one app's manifests, from the plan its Docker files were generated with. */
export function k8sView(plan: Pick<GenerationPlan, 'app' | 'view' | 'environment'>): K8sView {
  const { view } = plan;
  const name = dnsLabel(view.app.name, BASE_NAME_MAX);
  const { volumes, readOnlyRoot } = volumesView(plan);
  const sharedFolders = volumes.filter((v) => v.shared).map((v) => v.mountPath);
  const processes = processesView(plan, name);
  const resources = [
    'configmap.yaml', 'service.yaml', 'deployment.yaml',
    ...(processes.release ? ['release-job.yaml'] : []),
    ...processes.workers.map((w) => `${w.component}-deployment.yaml`),
  ];
  return {
    comments: view.comments,
    name,
    image: view.compose.image,
    imageName: view.compose.image.replace(/:[^:/]+$/, ''),
    port: view.app.port,
    uid: view.uid,
    // Data in an emptyDir is each pod's own: an app that keeps it there runs as one pod.
    replicas: sharedFolders.length ? 1 : 2,
    serverExec: view.server.exec,
    health: { path: yamlScalar(view.healthcheck.path), pathComment: view.healthcheck.path },
    startup: { ...STARTUP, seconds: STARTUP.periodSeconds * STARTUP.failureThreshold },
    ...environmentView(plan, name),
    volumes,
    sharedFolders: inWords(sharedFolders),
    hasSharedFolders: sharedFolders.length > 0,
    services: inWords(plan.app.services),
    hasServices: plan.app.services.length > 0,
    readOnlyRoot,
    ...processes,
    resources,
  };
}
