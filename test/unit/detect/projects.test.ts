// Detection over realistic projects: each folder of test/fixtures/projects has a golden
// expected.json (UPDATE_GOLDENS=1 rewrites them; review the diff), and canaries that state the
// facts that matter in plain assertions, so a careless golden update cannot hide a regression.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { detect } from '../../../src/core/detect/detect';
import type { AppFacts, DetectResult, FileView } from '../../../src/core/detect/types';
import { diskFileView } from '../../../src/workspace/diskFileView';
import { loadGrammar, projectsDir } from './support';

const UPDATE = process.env.UPDATE_GOLDENS === '1';
const GOLDEN = 'expected.json';

/** The fixture as detection sees it, without its own golden file. */
function fixtureView(dir: string): FileView {
  const disk = diskFileView(dir);
  return { ...disk, readDir: async (path) => (await disk.readDir(path)).filter((e) => path || e.name !== GOLDEN) };
}

async function detectFixture(name: string): Promise<DetectResult> {
  const result = await detect(fixtureView(join(projectsDir, name)), { root: `<fixtures>/${name}`, loadGrammar });
  return { ...result, stats: { ...result.stats, ms: 0 } };
}

const only = (r: DetectResult): AppFacts => {
  assert.equal(r.apps.length, 1, `expected one app, got ${r.apps.map((a) => a.entry).join(', ') || 'none'}`);
  return r.apps[0];
};
const codes = (app: AppFacts) => app.warnings.map((w) => w.code);
const firstWorker = (app: AppFacts) => {
  const [worker] = app.workers;
  return worker ? { kind: worker.kind, module: worker.module, variable: worker.variable } : null;
};
const env = (app: AppFacts, name: string) => {
  const found = app.env.find((e) => e.name === name);
  assert.ok(found, `${name} is read`);
  return [found.required, found.secret, found.purpose, `${found.file}:${found.line}`];
};

const CANARIES: Record<string, (r: DetectResult) => void> = {
  'fastapi-minimal': (r) => {
    const app = only(r);
    assert.deepEqual([app.entry, app.server, app.port, app.portSource, app.host], ['main:app', 'uvicorn', 8000, 'default', null]);
  },
  'fastapi-alias-uv': (r) => {
    const app = only(r);
    assert.deepEqual([app.variable, app.entry, app.packageManager, app.pythonVersion], ['application', 'notes.api:application', 'uv', '3.12']);
    assert.deepEqual([app.port, app.portSource, app.host], [9100, 'env', '0.0.0.0']);
    assert.deepEqual(app.dependencyFiles, ['pyproject.toml', 'uv.lock']);
    assert.ok(!app.dependencies.includes('pytest'), 'dev dependency groups are not runtime dependencies');
    assert.deepEqual(app.services, ['postgres']);
  },
  'fastapi-poetry-procfile': (r) => {
    const app = only(r);
    assert.deepEqual([app.entry, app.packageManager, app.pythonVersion, app.server], ['shop.main:api', 'poetry', '3.11', 'uvicorn']);
    assert.deepEqual([app.port, app.portSource], [8080, 'procfile']);
    assert.deepEqual(app.services, ['postgres']);
  },
  'flask-basic': (r) => {
    const app = only(r);
    assert.deepEqual([app.framework, app.entry, app.port, app.portSource, app.host], ['flask', 'app:app', 5001, 'source', '127.0.0.1']);
    const loopback = app.warnings.find((w) => w.code === 'host-loopback');
    assert.deepEqual([loopback?.file, loopback?.line], ['app.py', 12]);
    assert.match(loopback?.message ?? '', /0\.0\.0\.0/);
    assert.deepEqual(app.dependencyFiles, ['requirements.txt', 'requirements-base.txt']);
    for (const name of ['flask', 'gunicorn', 'flask-sqlalchemy', 'python-dotenv', 'flask-extras']) assert.ok(app.dependencies.includes(name), name);
    assert.ok(!app.dependencies.includes('pytest'), 'requirements-dev.txt is not installed');
  },
  'flask-factory': (r) => {
    const app = only(r);
    assert.deepEqual([app.entry, app.factory, app.variable], ['blog:create_app()', true, 'create_app']);
    assert.deepEqual([app.port, app.portSource, app.server], [5050, 'env', null]);
    assert.ok(codes(app).includes('server-missing'));
  },
  'flask-factory-wsgi': (r) => {
    const app = only(r);
    assert.deepEqual([app.entry, app.factory, app.packageManager, app.pythonVersion], ['wsgi:application', false, 'pipenv', '3.11']);
    assert.deepEqual(app.dependencyFiles, ['Pipfile', 'Pipfile.lock']);
    assert.deepEqual([app.port, app.portSource], [8001, 'source']);
    assert.deepEqual(firstWorker(app), { kind: 'celery', module: 'app.tasks', variable: 'celery' });
    // psycopg2-binary is a dependency, but no code reads a database URL: not a service in use.
    assert.deepEqual(app.services, ['redis']);
  },
  'src-layout-pdm': (r) => {
    const app = only(r);
    assert.deepEqual([app.module, app.sourceRoot, app.entry], ['inventory.main', 'src', 'inventory.main:api']);
    assert.deepEqual([app.server, app.packageManager, app.pythonVersion], ['hypercorn', 'pdm', '3.10']);
  },
  monorepo: (r) => {
    assert.deepEqual(r.apps.map((a) => [a.root, a.framework, a.entry, a.port, a.portSource]), [
      ['services/admin', 'flask', 'app:admin', 5000, 'compose'],
      ['services/api', 'fastapi', 'api.app:app', 8080, 'compose'],
    ]);
    assert.deepEqual(r.apps.map((a) => a.dependencyFiles), [['requirements.txt'], ['requirements.txt']]);
  },
  'django-project': (r) => {
    assert.deepEqual(r.apps, []);
    assert.deepEqual(r.unsupported.map((u) => [u.framework, u.root]), [['django', '.']]);
    assert.match(r.unsupported[0].message, /Django is not supported/);
    assert.deepEqual(r.scripts, [], 'manage.py is Django, not a fallback script');
  },
  'plain-scripts': (r) => {
    assert.deepEqual(r.apps, []);
    assert.deepEqual(r.scripts, ['report.py', 'tools/cleanup.py']);
    // Each script carries its project's dependencies, so its Dockerfile installs them.
    assert.deepEqual(r.plainScripts.map((s) => [s.command, s.packageManager, s.dependencyFiles]), [
      ['python report.py', 'pip', ['requirements.txt']], ['python tools/cleanup.py', 'pip', ['requirements.txt']]]);
  },
  'routers-only': (r) => {
    assert.deepEqual([r.apps, r.scripts, r.unsupported], [[], [], []]);
  },
  'several-apps': (r) => {
    assert.deepEqual(r.apps.map((a) => a.entry), ['internal:internal_app', 'public:app']);
    for (const app of r.apps) assert.ok(codes(app).includes('several-apps'), app.entry);
  },
  'celery-services': (r) => {
    const app = only(r);
    assert.deepEqual(firstWorker(app), { kind: 'celery', module: 'app.worker', variable: 'celery_app' });
    // PyMySQL is a dependency nobody imports; mongo comes from compose, postgres and redis from URLs in the code.
    assert.deepEqual(app.services, ['mongodb', 'postgres', 'redis']);
  },
  'ignored-folders': (r) => {
    assert.equal(only(r).entry, 'app:app');
    assert.equal(r.stats.filesScanned, 2, 'env/ (pyvenv.cfg), build/ and site-packages/ are skipped');
  },
  'flask-compose-port': (r) => {
    const app = only(r);
    assert.deepEqual([app.port, app.portSource, app.host, app.pythonVersion], [5000, 'compose', '0.0.0.0', '3.11']);
    assert.deepEqual(app.services, ['mysql']);
  },
  'fastapi-factory-uvicorn': (r) => {
    const app = only(r);
    assert.deepEqual([app.entry, app.factory, app.port, app.portSource], ['app.main:create_app()', true, 7000, 'source']);
    assert.ok(codes(app).includes('host-loopback'));
  },
  'broken-manifests': (r) => {
    const app = only(r);
    assert.equal(app.entry, 'service:app');
    const toml = app.warnings.find((w) => w.code === 'toml-invalid');
    assert.deepEqual([toml?.file, toml?.line], ['pyproject.toml', 5]);
    for (const code of ['python-syntax-error', 'requirements-include-missing', 'server-missing']) assert.ok(codes(app).includes(code), code);
  },
  'requirements-folder': (r) => {
    const app = only(r);
    assert.deepEqual([app.module, app.sourceRoot, app.entry], ['main', 'backend', 'main:app']);
    assert.deepEqual(app.dependencyFiles, ['requirements/prod.txt', 'requirements/base.txt']);
    assert.ok(!app.dependencies.includes('pytest'));
  },
  'uv-workspace': (r) => {
    const app = only(r);
    assert.equal(app.root, 'services/api');
    assert.equal(app.packageManager, 'uv');
    // The lock is the workspace's: the image builds from its root and installs this member's package.
    assert.deepEqual(app.workspace && { root: app.workspace.root, member: app.workspace.member, package: app.workspace.package, files: app.workspace.files },
      { root: '.', member: 'services/api', package: 'orders-api', files: ['pyproject.toml', 'uv.lock', 'libs/common/pyproject.toml', 'services/api/pyproject.toml'] });
    assert.deepEqual([app.workspace?.file, app.workspace?.line], ['pyproject.toml', 6]);
  },
  'mounted-subapp': (r) => {
    assert.equal(only(r).entry, 'app.main:app');
    assert.deepEqual(r.notApps.map((n) => [n.entry, n.file, n.line]), [['app.admin:admin', 'app/admin.py', 3]]);
    assert.match(r.notApps[0].reason, /mounted.*app\/main\.py:7/);
  },
  'tasks-module-app': (r) => {
    const app = only(r);
    assert.equal(app.entry, 'app:app');
    assert.deepEqual(r.notApps.map((n) => n.entry), ['tasks:flask_app']);
    assert.deepEqual(app.workers.map((w) => [w.kind, w.module, w.command]), [['celery', 'tasks', 'celery -A tasks worker --loglevel=info']]);
  },
  'rq-worker': (r) => {
    const app = only(r);
    assert.deepEqual(app.workers.map((w) => [w.kind, w.module, w.command]), [['rq', 'app.tasks', 'rq worker thumbnails']]);
    assert.deepEqual(app.services, ['redis']);
  },
  'arq-worker': (r) => {
    const app = only(r);
    assert.deepEqual(app.workers.map((w) => [w.kind, w.module, w.variable, w.command, w.file]),
      [['arq', 'worker', 'WorkerSettings', 'arq worker.WorkerSettings', 'worker.py']]);
    assert.deepEqual(app.services, ['redis']);
  },
  'flask-instance-sqlite': (r) => {
    const app = only(r);
    assert.equal(app.entry, 'notes:create_app()');
    assert.deepEqual(app.writablePaths.map((w) => w.path), ['instance/', 'logs/', 'notes.db', 'uploads/']);
  },
  'procfile-choice': (r) => {
    const app = only(r);
    assert.deepEqual([app.entry, app.entrySource], ['api.main:app', { via: 'procfile', file: 'Procfile', line: 1 }]);
    assert.deepEqual(r.notApps.map((n) => n.entry), ['mock_server:mock']);
  },
  'boot-script-choice': (r) => {
    const app = only(r);
    assert.deepEqual([app.entry, app.entrySource], ['site:app', { via: 'script', file: 'boot.sh', line: 4 }]);
    assert.deepEqual(r.notApps.map((n) => n.entry), ['app:app']);
  },
  'plain-script-no-guard': (r) => {
    assert.deepEqual(r.apps, []);
    assert.deepEqual(r.plainScripts.map((s) => [s.file, s.command, s.root, s.dependencyFiles]), [['app.py', 'python app.py', '.', []]]);
  },

  'fastapi-cli-entrypoint': (r) => {
    const app = only(r);
    // `fastapi run` with no path serves pyproject's [tool.fastapi] entrypoint: the FastAPI CLI is the server.
    assert.deepEqual([app.entry, app.server, app.entrySource], ['app.main:app', 'fastapi', { via: 'pyproject', file: 'pyproject.toml', line: 8 }]);
  },
  'flask-translations': (r) => {
    // Only the .po sources are in the project: the image must compile them.
    assert.deepEqual(only(r).buildSteps.map((s) => [s.kind, s.command, s.file]),
      [['translations', 'pybabel compile -d shop/translations', 'shop/translations/de/LC_MESSAGES/messages.po']]);
    assert.ok(codes(only(r)).includes('build-step-not-generated'));
  },
  'settings-env-prefix': (r) => {
    const app = only(r);
    assert.deepEqual(env(app, 'NOTES_SECRET_KEY'), [true, true, 'secret', 'app/config.py:8']);
    assert.deepEqual(env(app, 'DATABASE_URL'), [true, true, 'database-url', 'app/config.py:12'], 'an alias is not prefixed');
    assert.deepEqual(env(app, 'NOTES_AUTH_USE_ID_TOKEN'), [false, false, 'config', 'app/config.py:13']);
    assert.deepEqual(env(app, 'NOTES_REGION'), [false, false, 'config', 'app/main.py:8']);
  },
  'settings-postgres-parts': (r) => {
    const app = only(r);
    assert.deepEqual(app.env.filter((e) => e.required).map((e) => [e.name, e.purpose]), [
      ['PROJECT_NAME', 'config'], ['POSTGRES_SERVER', 'database-host'], ['POSTGRES_USER', 'database-user'],
      ['POSTGRES_PASSWORD', 'database-password'], ['POSTGRES_DB', 'database-name'],
    ]);
    assert.deepEqual(env(app, 'EMAILS_FROM_NAME').slice(0, 2), [false, false], 'pydantic v1 gives Optional fields a None default');
  },
  'psycopg2-source': (r) => {
    const app = only(r);
    assert.deepEqual(app.systemPackages, {
      build: ['default-libmysqlclient-dev', 'gcc', 'libpq-dev', 'pkg-config'], runtime: ['libmariadb3', 'libpq5'],
    });
    assert.deepEqual(env(app, 'DATABASE_URL'), [true, true, 'database-url', 'app.py:6']);
    assert.deepEqual(env(app, 'UPLOAD_DIR').slice(0, 1), [true], 'concatenating None fails');
  },
  'python-old-dockerfile': (r) => {
    const app = only(r);
    assert.deepEqual([app.pythonVersion, app.pythonVersionSource], ['3.8', { file: 'Dockerfile', line: 1, kind: 'dockerfile' }]);
    assert.deepEqual(app.pythonVersionLimit, { version: '3.9', requirement: 'psycopg2-binary==2.8.6', file: 'requirements.txt' });
  },
  'release-prestart-script': (r) => {
    const app = only(r);
    assert.deepEqual(app.release, { command: 'bash scripts/prestart.sh', file: 'scripts/prestart.sh', line: 1 });
    assert.deepEqual(app.pythonVersionSource, { file: 'pyproject.toml', line: 4, kind: 'pyproject' });
  },
  'release-procfile': (r) => {
    const app = only(r);
    assert.deepEqual(app.release, { command: 'flask db upgrade', file: 'Procfile', line: 1 });
    assert.deepEqual(app.env.map((e) => [e.name, e.required]), [['SECRET_KEY', true], ['DEBUG', false], ['BLOG_SETTINGS', false]]);
  },
};

describe('detection on fixture projects', () => {
  const names = readdirSync(projectsDir).sort();

  it('has at least 15 fixture projects, each with a golden and canaries', () => {
    assert.ok(names.length >= 15, `${names.length} fixtures`);
    for (const name of names) {
      assert.ok(CANARIES[name], `${name} has no canaries`);
      assert.ok(UPDATE || existsSync(join(projectsDir, name, GOLDEN)), `${name} has no ${GOLDEN} (run with UPDATE_GOLDENS=1)`);
    }
  });

  for (const name of names) {
    it(`${name}: matches ${GOLDEN} and its canaries`, async () => {
      const result = await detectFixture(name);
      const golden = join(projectsDir, name, GOLDEN);
      if (UPDATE) writeFileSync(golden, `${JSON.stringify(result, null, 2)}\n`);
      CANARIES[name]?.(result);
      assert.deepEqual(result, JSON.parse(readFileSync(golden, 'utf8')));
    });
  }
});
