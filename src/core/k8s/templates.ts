/**
 * The Kubernetes templates: one per manifest, Mustache like the Docker files' templates, so a team
 * could replace one file by file. The worker template is rendered once per worker.
 */
import configmap from './templates/configmap.yaml.mustache';
import deployment from './templates/deployment.yaml.mustache';
import kustomization from './templates/kustomization.yaml.mustache';
import releaseJob from './templates/release-job.yaml.mustache';
import secret from './templates/secret.yaml.mustache';
import service from './templates/service.yaml.mustache';
import workerDeployment from './templates/worker-deployment.yaml.mustache';
import type { Template } from '../generate/templates';

export type K8sTemplateKind = 'deployment' | 'service' | 'configmap' | 'secret' | 'release-job' | 'worker-deployment' | 'kustomization';

/** The kind of a planned manifest: `k8s-` and its template's kind. */
export type K8sKind = `k8s-${K8sTemplateKind}`;

export type K8sTemplateSet = Record<K8sTemplateKind, Template>;

const builtIn = (text: string): Template => ({ text, origin: 'built-in' });

export const BUILT_IN_K8S_TEMPLATES: K8sTemplateSet = {
  deployment: builtIn(deployment),
  service: builtIn(service),
  configmap: builtIn(configmap),
  secret: builtIn(secret),
  'release-job': builtIn(releaseJob),
  'worker-deployment': builtIn(workerDeployment),
  kustomization: builtIn(kustomization),
};

/** The folder the manifests are written to, in the app's root. */
export const K8S_FOLDER = 'k8s';
