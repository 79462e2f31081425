// Kubernetes manifests explained: lenses and hovers on what Dockwright generates (golden file),
// canary words in the hovers, the fixes' exact text, and which YAML counts as a manifest.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  isManifestText, lintManifest, manifestHover, manifestLenses, parseManifest, type ExplainContext, type Position,
} from '../../../src/core/explain';
import { MANIFEST_LENS_MAX } from '../../../src/core/explain/k8s/manifestLenses';
import { MANIFEST_KEYS, MANIFEST_KINDS } from '../../../src/core/knowledge/manifestKeys';
import { appFacts, applyEdits, repo } from './support';

const generated = join(repo, 'test', 'fixtures', 'k8s-generated');
const update = process.env.UPDATE_GOLDENS === '1';
const celery = readFileSync(join(generated, 'celery-services', 'k8s__deployment.yaml'), 'utf8');

/** The position of `needle` on the first line that contains `lineHint` (after `from`, when given). */
function at(text: string, lineHint: string, needle = lineHint.trim().replace(/:.*/, ''), from = 0): Position {
  const lines = text.split('\n');
  const line = lines.findIndex((l, i) => i >= from && l.includes(lineHint));
  assert.ok(line >= 0, lineHint);
  return { line, character: lines[line].indexOf(needle) + 1 };
}

function hoverText(text: string, lineHint: string, context: ExplainContext = {}, needle?: string, from = 0): string {
  const found = manifestHover(parseManifest(text), at(text, lineHint, needle, from), context);
  assert.ok(found, `no hover on ${lineHint}`);
  return found.markdown;
}

describe('explain: Kubernetes manifests', () => {
  it('lenses on the generated manifests (golden), each short enough for a lens', () => {
    const out: string[] = [];
    for (const project of readdirSync(generated).sort()) {
      for (const file of readdirSync(join(generated, project)).sort()) {
        const text = readFileSync(join(generated, project, file), 'utf8');
        const app = appFacts({ port: project === 'flask-instance-sqlite' ? 5000 : 8000, portSource: 'source' });
        for (const lens of manifestLenses(parseManifest(text), { app })) {
          assert.ok(lens.title.length <= MANIFEST_LENS_MAX, lens.title);
          out.push(`${project}/${file}:${lens.range.start.line + 1} ${lens.title}`);
        }
      }
    }
    const golden = join(generated, '..', 'k8s-explained.golden.txt');
    const actual = `${out.join('\n')}\n`;
    if (update || !existsSync(golden)) writeFileSync(golden, actual);
    assert.equal(actual, readFileSync(golden, 'utf8'), 'k8s-explained.golden.txt differs (UPDATE_GOLDENS=1 rewrites it; review the diff)');
  });

  it('titles the probes, the user, the resources and the secrets with this manifest\'s facts', () => {
    const titles = manifestLenses(parseManifest(celery)).map((l) => l.title);
    for (const canary of ['readiness: GET / on 8000 every 10 s', 'liveness: GET / on 8000 every 20 s — restarted after 3 failures', 'startup: up to 120 s',
      'pod: runs as UID 10001, never root', 'killed over 512Mi', 'DATABASE_URL ← Secret celery-services-secrets', 'tmp: empty folder', 'no capabilities']) {
      assert.ok(titles.some((t) => t.includes(canary)), `${canary} in\n${titles.join('\n')}`);
    }
  });

  it('says when a probe misses the port the app listens on', () => {
    const wrong = celery.replace(/containerPort: 8000/, 'containerPort: 8080');
    const app = appFacts({ port: 8000, portSource: 'source' });
    assert.ok(manifestLenses(parseManifest(wrong), { app }).some((l) => l.title.startsWith('readiness: GET / on 8080 (app: 8000)')));
  });

  it('hovers on the keys that matter, with the Python side', () => {
    assert.match(hoverText(celery, 'runAsNonRoot'), /non-numeric user/);
    assert.match(hoverText(celery, 'readOnlyRootFilesystem'), /\/tmp/);
    assert.match(hoverText(celery, 'readinessProbe'), /taken out of the Service/);
    assert.match(hoverText(celery, 'failureThreshold: 24'), /in a row/);
    assert.match(hoverText(celery, 'limits:'), /OOMKilled/);
    assert.match(hoverText(celery, 'cpu: "1"'), /--workers/);
    assert.match(hoverText(celery, 'emptyDir'), /outlive the pod/);
    assert.match(hoverText(celery, 'secretKeyRef'), /names the Secret only/);
    assert.match(hoverText(celery, 'envFrom'), /rollout restart/);
    assert.match(hoverText(celery, 'drop: [ALL]'), /NET_BIND_SERVICE/);
    assert.match(hoverText(celery, 'replicas'), /own memory/);
    assert.match(hoverText(celery, 'kind: Deployment', {}, 'kind'), /rolling update/);
    assert.match(hoverText(celery, 'containerPort', { app: appFacts({ port: 8000, portSource: 'source' }) }), /This app listens on 8000, per app\/main\.py/);
  });

  it('resolves a port name on hover: in the pod, and for a Service in the same file', () => {
    assert.match(hoverText(celery, 'port: http', {}, 'http'), /containerPort 8000/);
    const service = readFileSync(join(generated, 'celery-services', 'k8s__service.yaml'), 'utf8');
    assert.match(hoverText(service, 'targetPort: http', {}, 'http'), /in another file/);
    assert.match(hoverText(`${celery}---\n${service}`, 'targetPort: http', {}, 'http'), /containerPort 8000/);
    assert.match(hoverText(service, 'targetPort'), /name of a containerPort/);
  });

  it('checks a Service against the pods of the other manifests in its folder (service.yaml beside deployment.yaml)', () => {
    const service = readFileSync(join(generated, 'celery-services', 'k8s__service.yaml'), 'utf8');
    const worker = readFileSync(join(generated, 'celery-services', 'k8s__worker-deployment.yaml'), 'utf8');
    const codes = (text: string, neighbours?: string[]) => lintManifest(parseManifest(text), { neighbours }).map((f) => f.code);
    assert.deepEqual(codes(service, [celery, worker]), [], 'the generated pair agrees');
    const wrongName = service.replace('targetPort: http', 'targetPort: web');
    const wrongNumber = service.replace('targetPort: http', 'targetPort: 9000');
    assert.deepEqual(codes(wrongName, [celery, worker]), ['DW303']);
    assert.deepEqual(codes(wrongNumber, [celery, worker]), ['DW303']);
    assert.deepEqual(codes(wrongNumber), [], 'without its neighbours nothing says which ports the pods have');
    assert.deepEqual(codes(wrongNumber, [worker]), [], 'a neighbour whose pods the selector does not pick says nothing either');
    const fixed = lintManifest(parseManifest(wrongNumber), { neighbours: [celery] })[0].fix;
    assert.match(applyEdits(wrongNumber, fixed?.edits ?? []), /targetPort: http\n/);
  });

  it('links every key and kind to kubernetes.io', () => {
    for (const [key, k] of [...Object.entries(MANIFEST_KEYS), ...Object.entries(MANIFEST_KINDS)]) assert.match(k.reference, /^https:\/\/kubernetes\.io\/docs\//, key);
  });

  it('fixes: a TCP readiness probe on the named port, runAsNonRoot in a new securityContext, an emptyDir at /tmp', () => {
    const fixed = (text: string, code: string) => {
      const found = lintManifest(parseManifest(text)).find((f) => f.code === code);
      assert.ok(found?.fix, code);
      return applyEdits(text, found.fix.edits);
    };
    const noProbe = celery.replace(/ {10}readinessProbe:\n(?: {12}.*\n)+/, '');
    assert.match(fixed(noProbe, 'DW301'), /mountPath: \/tmp\n {10}readinessProbe:\n {12}tcpSocket:\n {14}port: http\n {12}periodSeconds: 10\n {6}volumes:/);
    const root = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: a:1\n';
    assert.equal(fixed(root, 'DW304'), `${root.trimEnd()}\n  securityContext:\n    runAsNonRoot: true\n`);
    const readOnly = `${root.trimEnd()}\n      securityContext:\n        readOnlyRootFilesystem: true\n`;
    assert.equal(fixed(readOnly, 'DW307'), `${readOnly.trimEnd()}\n      volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n  volumes:\n    - name: tmp\n      emptyDir: {}\n`);
  });

  it('knows a manifest by its first document\'s top-level apiVersion and kind, not a compose file, a list or a Helm template', () => {
    assert.ok(isManifestText(celery));
    assert.ok(isManifestText('# note\n---\nkind: Service\napiVersion: v1\n'));
    assert.ok(!isManifestText('services:\n  app:\n    build: .\n'));
    assert.ok(!isManifestText('items:\n  - apiVersion: v1\n    kind: Pod\n'));
    assert.ok(!isManifestText('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n'));
  });
});
