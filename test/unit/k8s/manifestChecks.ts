/**
 * What every generated set of manifests must hold, checked without a cluster: each file is one YAML
 * document that validates against the Kubernetes OpenAPI schema (kubernetes-models' generated
 * validators) with no field the schema does not know, and the manifests say what the Dockerfile
 * and the app's facts say: the port, the health path, the user, the writable folders, the secrets,
 * the release command.
 */
import * as assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import type { GenerationPlan } from '../../../src/core/generate';
import type { K8sPlan } from '../../../src/core/k8s';
import { unknownFields } from './schemaFields';

interface Validating { validate(): void }
type ModelClass = new (data: Record<string, unknown>) => Validating;

/** The model classes by apiVersion/kind; kubernetes-models is ESM-only, so it is imported, not required. */
export async function loadModels(): Promise<Record<string, ModelClass>> {
  const [core, apps, batch] = await Promise.all([
    import('kubernetes-models/v1'), import('kubernetes-models/apps/v1'), import('kubernetes-models/batch/v1'),
  ]);
  return {
    'v1/ConfigMap': core.ConfigMap, 'v1/Secret': core.Secret, 'v1/Service': core.Service,
    'apps/v1/Deployment': apps.Deployment, 'batch/v1/Job': batch.Job,
  } as unknown as Record<string, ModelClass>;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- parsed manifests are walked by the paths the checks name */
type Manifest = Record<string, any>;

function parseOne(path: string, content: string): Manifest {
  const docs = parseAllDocuments(content);
  assert.ok(!Array.isArray(docs) || docs.length === 1, `${path}: one YAML document`);
  const doc = Array.isArray(docs) ? docs[0] : docs;
  assert.deepEqual(doc.errors.map((e) => e.message), [], `${path}: YAML errors`);
  assert.deepEqual(doc.warnings.map((e) => e.message), [], `${path}: YAML warnings`);
  return doc.toJS() as Manifest;
}

/** Every manifest parsed and schema-valid, by file name; the kustomization lists exactly the others but the Secret. */
export function validateManifests(k8s: K8sPlan, models: Record<string, ModelClass>): Map<string, Manifest> {
  const parsed = new Map<string, Manifest>();
  for (const file of k8s.files) {
    const name = file.path.split('/').pop() as string;
    const manifest = parseOne(file.path, file.content);
    parsed.set(name, manifest);
    if (name === 'kustomization.yaml') continue;
    const Model = models[`${manifest.apiVersion}/${manifest.kind}`];
    assert.ok(Model, `${file.path}: unexpected ${manifest.apiVersion} ${manifest.kind}`);
    try {
      new Model(manifest).validate();
    } catch (err) {
      assert.fail(`${file.path} does not validate: ${(err as Error).message}\n${file.content}`);
    }
    assert.deepEqual(unknownFields(manifest), [], `${file.path}: fields the schema does not have`);
  }
  const kustomization = parsed.get('kustomization.yaml');
  assert.ok(kustomization, 'kustomization.yaml');
  const expected = [...parsed.keys()].filter((n) => n !== 'kustomization.yaml' && n !== 'secret.yaml');
  assert.deepEqual([...kustomization.resources].sort(), expected.sort(), 'kustomization.yaml lists every manifest but the Secret');
  return parsed;
}

function podSpecs(parsed: Map<string, Manifest>): [string, Manifest][] {
  return [...parsed].filter(([, m]) => m.kind === 'Deployment' || m.kind === 'Job').map(([n, m]) => [n, m.spec.template.spec]);
}

/** What the Dockerfile says: the app's uid, and the folders `chown app:app` gives it. */
function dockerfileFacts(dockerfile: string): { uid: number; writable: string[] } {
  const uid = /useradd --system --uid (\d+)/.exec(dockerfile);
  assert.ok(uid, 'the Dockerfile makes the app user');
  const chown = /chown app:app (.+)$/m.exec(dockerfile);
  return { uid: Number(uid[1]), writable: chown ? chown[1].trim().split(/\s+/) : [] };
}

/** The facts each manifest must agree with, from the Docker plan it was made from. */
export function checkAgainstPlan(plan: GenerationPlan, parsed: Map<string, Manifest>): void {
  const dockerfile = plan.files.find((f) => f.kind === 'dockerfile')?.content ?? '';
  const { uid, writable } = dockerfileFacts(dockerfile);
  const deployment = parsed.get('deployment.yaml') as Manifest;
  const [app] = deployment.spec.template.spec.containers;
  assert.deepEqual(app.ports, [{ name: 'http', containerPort: plan.app.port, protocol: 'TCP' }]);
  for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
    assert.deepEqual(app[probe].httpGet, { path: plan.view.healthcheck.path, port: 'http' }, probe);
  }
  const service = parsed.get('service.yaml') as Manifest;
  assert.deepEqual(service.spec.ports.map((p: Manifest) => [p.port, p.targetPort]), [[plan.app.port, 'http']]);
  assert.deepEqual(service.spec.selector, deployment.spec.selector.matchLabels);

  // Secrets: what detection marked secret, and what compose takes from the local .env (a URL with a password).
  const secretNames = new Set([
    ...plan.environment.documented.filter((d) => d.variable.secret).map((d) => d.variable.name),
    ...plan.environment.settings.filter((s) => s.value.includes('${')).map((s) => s.name),
  ]);
  const config = (parsed.get('configmap.yaml') as Manifest).data as Record<string, string>;
  for (const [key, value] of Object.entries(config)) {
    assert.ok(!secretNames.has(key), `secret ${key} in the ConfigMap`);
    assert.equal(typeof value, 'string', `${key}: ConfigMap values are strings`);
    assert.ok(!value.includes('${'), `${key}: a value interpolated from .env (a password) in the ConfigMap`);
  }
  const secret = parsed.get('secret.yaml');
  const secretKeys = Object.keys(secret?.stringData ?? {});
  if (secret) assert.ok(Object.values(secret.stringData).every((v) => v === ''), 'secret.yaml holds no value');
  assert.deepEqual([...secretNames].filter((n) => plan.environment.settings.some((s) => s.name === n) && !secretKeys.includes(n)), [],
    'every secret the app is given is a Secret key');

  for (const [name, pod] of podSpecs(parsed)) {
    assert.deepEqual(pod.securityContext, { runAsNonRoot: true, runAsUser: uid, runAsGroup: uid, fsGroup: uid, seccompProfile: { type: 'RuntimeDefault' } }, name);
    const emptyDirs = new Set(pod.volumes.filter((v: Manifest) => v.emptyDir).map((v: Manifest) => v.name));
    for (const container of pod.containers) {
      assert.equal(container.image, plan.view.compose.image, `${name}: the image compose builds`);
      const sc = container.securityContext;
      assert.deepEqual([sc.allowPrivilegeEscalation, sc.capabilities], [false, { drop: ['ALL'] }], name);
      assert.equal(sc.readOnlyRootFilesystem, !writable.includes('/app'), `${name}: read-only unless /app itself is writable`);
      assert.ok(container.resources.requests && container.resources.limits, `${name}: requests and limits`);
      const mounts = new Map(container.volumeMounts.map((m: Manifest) => [m.mountPath, m.name]));
      // Every folder the Dockerfile gives the app's user but /app itself and compose's release mark.
      for (const path of ['/tmp', ...writable.filter((w) => w !== '/app' && w !== '/app/.release')]) {
        assert.ok(emptyDirs.has(mounts.get(path)), `${name}: ${path} is an emptyDir mount`);
      }
      assert.deepEqual(container.envFrom, [{ configMapRef: { name: (parsed.get('configmap.yaml') as Manifest).metadata.name } }]);
      const fromSecret = (container.env ?? []).map((e: Manifest) => [e.name, e.valueFrom.secretKeyRef.key, e.valueFrom.secretKeyRef.name]);
      assert.deepEqual(fromSecret, secretKeys.map((k) => [k, k, secret?.metadata.name]), `${name}: each secret from the Secret`);
      if (name !== 'deployment.yaml') assert.equal(container.startupProbe ?? container.readinessProbe ?? container.livenessProbe, undefined, `${name}: no HTTP probes`);
    }
  }
  const job = parsed.get('release-job.yaml');
  assert.equal(Boolean(job), Boolean(plan.app.release), 'a Job exactly when the app has a release step');
  if (job && plan.app.release) {
    const args: string[] = job.spec.template.spec.containers[0].args;
    const shell = args[0] === 'sh' && args[1] === '-c';
    const { command } = plan.app.release;
    assert.equal(shell ? args[2] : args.join(' '), shell ? command : command.trim().split(/\s+/).join(' '), 'the release Job runs the release command');
    assert.equal(job.spec.template.spec.restartPolicy, 'Never');
  }
}
