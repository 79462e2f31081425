/**
 * The Kubernetes templates: one per manifest, Mustache like the Docker files' templates, so a team
 * replaces them file by file (.dockwright/k8s/deployment.yaml.mustache, ...), checked against
 * schemas/k8s-template-view.schema.json. The worker template is rendered once per worker.
 */
import configmap from './templates/configmap.yaml.mustache';
import deployment from './templates/deployment.yaml.mustache';
import kustomization from './templates/kustomization.yaml.mustache';
import releaseJob from './templates/release-job.yaml.mustache';
import secret from './templates/secret.yaml.mustache';
import service from './templates/service.yaml.mustache';
import workerDeployment from './templates/worker-deployment.yaml.mustache';
import viewSchema from '../../../schemas/k8s-template-view.schema.json';
import { checkTemplate, viewSchemaOf } from '../generate/render';
import type { Template } from '../generate/templates';
import type { PositionedError } from '../text/positions';

/** The folder the manifests are written to, in the app's root, and their templates' folder in a team's. */
export const K8S_FOLDER = 'k8s';

export type K8sTemplateKind = 'deployment' | 'service' | 'configmap' | 'secret' | 'release-job' | 'worker-deployment' | 'kustomization';

/** The kind of a planned manifest: `k8s-` and its template's kind. */
export type K8sKind = `k8s-${K8sTemplateKind}`;

export type K8sTemplateSet = Record<K8sTemplateKind, Template>;

export const templateKindOf = (kind: K8sKind) => kind.slice('k8s-'.length) as K8sTemplateKind;

/** In the order they are written (kustomization.yaml, which names the others, last). */
export const K8S_TEMPLATE_KINDS: readonly K8sTemplateKind[] = ['configmap', 'service', 'deployment', 'secret', 'release-job', 'worker-deployment', 'kustomization'];

/** A team's template for a kind: its file name in the templates folder (beside the Docker files' templates). */
export const k8sTemplateFile = (kind: K8sTemplateKind) => `${K8S_FOLDER}/${kind}.yaml.mustache`;

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

const K8S_VIEW_SCHEMA = viewSchemaOf(viewSchema, 'k8s-template-view.schema.json');

/** Syntax errors and unknown variables of a Kubernetes template, each at its line and column. */
export function checkK8sTemplate(file: string, text: string): PositionedError[] {
  return checkTemplate(file, text, K8S_VIEW_SCHEMA);
}
