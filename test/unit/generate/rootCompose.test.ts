import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { generate, type AppFacts } from '../../../src/core/generate';
import { mergeRootCompose } from '../../../src/core/generate/rootCompose';
import { compareWithExisting } from '../../../src/core/generate/writePlan';
import { rootComposeTarget } from '../../../src/core/plan/planApp';

const app = (root: string, framework: 'fastapi' | 'flask', port: number, services: AppFacts['services'] = []): AppFacts => ({
  root, framework, module: 'app', variable: 'app', factory: false, entry: 'app:app', sourceRoot: null,
  server: null, port, pythonVersion: null, packageManager: 'pip', dependencyFiles: ['requirements.txt'],
  dependencies: [], services, workers: [{ kind: 'celery', module: 'app.tasks' }],
  release: { command: 'alembic upgrade head', file: 'Dockerfile', line: 3 },
});

type Compose = { services: Record<string, { build?: { context: string }; ports?: string[]; depends_on?: Record<string, unknown>; volumes?: unknown[] }>; volumes?: Record<string, unknown> };

describe('several apps in one repository: the root compose file', () => {
  it('is only for an app in its own folder among several', () => {
    const apps = [{ root: 'services/api' }, { root: 'services/admin' }];
    assert.equal(rootComposeTarget(apps, apps[0], () => false), 'compose.yaml');
    assert.equal(rootComposeTarget(apps, apps[0], (n) => n === 'docker-compose.yml'), 'docker-compose.yml', "the repository's own file");
    assert.equal(rootComposeTarget([{ root: 'services/api' }], { root: 'services/api' }, () => false), undefined);
    assert.equal(rootComposeTarget([{ root: '.' }, { root: 'web' }], { root: '.' }, () => false), undefined);
  });

  it("carries each app's services under its own names, built from its folder, with a port variable of its own; backing services shared", () => {
    const api = generate(app('services/api', 'fastapi', 8000, ['postgres', 'redis']), {}, undefined, { rootCompose: 'compose.yaml', random: () => 'x' });
    const root = api.extraFiles.find((f) => f.kind === 'root-compose');
    assert.ok(root);
    assert.equal(root.path, 'compose.yaml');
    const data = parse(root.content) as Compose;
    assert.deepEqual(Object.keys(data.services).sort(), ['api', 'api-dev', 'api-release', 'api-worker', 'postgres', 'redis']);
    assert.equal(data.services.api.build?.context, 'services/api');
    assert.deepEqual(data.services.api.ports, ['127.0.0.1:${API_PORT:-8000}:8000']);
    assert.deepEqual(Object.keys(data.services.api.depends_on ?? {}).sort(), ['api-release', 'postgres', 'redis']);
    assert.deepEqual(Object.keys(data.volumes ?? {}).sort(), ['postgres-data', 'redis-data']);

    const admin = generate(app('services/admin', 'flask', 5000, ['postgres']), {}, undefined, { rootCompose: 'compose.yaml', random: () => 'x' });
    const [change] = compareWithExisting({ files: [], extraFiles: admin.extraFiles.filter((f) => f.kind === 'root-compose') }, () => root.content);
    assert.deepEqual(change.choices, ['merge', 'keep']);
    const merged = parse(change.proposed) as Compose;
    assert.deepEqual(Object.keys(merged.services).sort(), ['admin', 'admin-dev', 'admin-release', 'admin-worker', 'api', 'api-dev', 'api-release', 'api-worker', 'postgres', 'redis']);
    assert.deepEqual(merged.services.admin.ports, ['127.0.0.1:${ADMIN_PORT:-5000}:5000']);
  });

  it("never replaces the repository's own compose file: what it has stays, an app it already builds is left to it", () => {
    const own = '# ours\nservices:\n  web:\n    build: ./services/web\n  db:\n    image: postgres:15\n';
    const proposed = 'services:\n  web:\n    build:\n      context: services/web\n  postgres:\n    image: postgres:16-alpine\n';
    assert.equal(mergeRootCompose(own, proposed), own);
    const other = 'services:\n  shop:\n    build:\n      context: services/shop\n  postgres:\n    image: postgres:16-alpine\n';
    const merged = mergeRootCompose(own, other);
    assert.match(merged, /^# ours\n/);
    assert.deepEqual(Object.keys((parse(merged) as Compose).services), ['web', 'db', 'shop', 'postgres']);
  });
});
