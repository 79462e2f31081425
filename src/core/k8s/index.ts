/**
 * Kubernetes manifests for one app, from the same facts and generation plan as its Docker files:
 * a Deployment running the image compose builds, its Service, a ConfigMap and the Secret's names,
 * the release step as a Job, a Deployment per worker, and a kustomization.yaml that applies them.
 * Pure: it returns the files, and the adapters compare and write them as they do the Docker files.
 */
import { generate, type AppFacts, type GenerateOptions, type GenerationPlan, type PlannedFile } from '../generate';
import { renderTemplate } from '../generate/render';
import { BUILT_IN_K8S_TEMPLATES, K8S_FOLDER, type K8sKind, type K8sTemplateSet } from './templates';
import { k8sView, type K8sView } from './view';

export { BUILT_IN_K8S_TEMPLATES, K8S_FOLDER, templateKindOf, type K8sKind, type K8sTemplateKind, type K8sTemplateSet } from './templates';
export { dnsLabel, type K8sView } from './view';

export interface K8sFile extends PlannedFile {
  kind: K8sKind;
}

/** The manifests, in the order they are written (kustomization.yaml last), and what they were rendered from. */
export interface K8sPlan {
  files: K8sFile[];
  view: K8sView;
}

const under = (root: string, name: string) => (root === '.' || root === '' ? `${K8S_FOLDER}/${name}` : `${root}/${K8S_FOLDER}/${name}`);

/** The manifests for an app whose Docker files were planned (the CLI and the editor plan those first). */
export function k8sFromPlan(plan: Pick<GenerationPlan, 'app' | 'view' | 'environment'>, templates: K8sTemplateSet = BUILT_IN_K8S_TEMPLATES): K8sPlan {
  const view = k8sView(plan);
  const root = plan.app.root;
  const file = (kind: K8sKind, name: string, content: string): K8sFile => ({ kind, path: under(root, name), content });
  const files = [
    file('k8s-configmap', 'configmap.yaml', renderTemplate(templates.configmap.text, view)),
    file('k8s-service', 'service.yaml', renderTemplate(templates.service.text, view)),
    file('k8s-deployment', 'deployment.yaml', renderTemplate(templates.deployment.text, view)),
  ];
  if (view.secret.hasKeys) files.push(file('k8s-secret', 'secret.yaml', renderTemplate(templates.secret.text, view)));
  if (view.release) files.push(file('k8s-release-job', 'release-job.yaml', renderTemplate(templates['release-job'].text, view)));
  for (const worker of view.workers) {
    files.push(file('k8s-worker-deployment', `${worker.component}-deployment.yaml`, renderTemplate(templates['worker-deployment'].text, { ...view, worker })));
  }
  files.push(file('k8s-kustomization', 'kustomization.yaml', renderTemplate(templates.kustomization.text, view)));
  return { files, view };
}

/** The manifests for an app, generating its Docker plan with the same options first. */
export function generateK8s(app: AppFacts, options: Partial<GenerateOptions> = {}, templates: K8sTemplateSet = BUILT_IN_K8S_TEMPLATES): K8sPlan {
  return k8sFromPlan(generate(app, options), templates);
}
