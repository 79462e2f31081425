import * as assert from 'node:assert/strict';
import type { EnvVar } from '../../../src/core/detect/types';
import { generate, type AppFacts } from '../../../src/core/generate';
import { appEnvironment, type EnvFacts } from '../../../src/core/generate/environment';
import { envExampleText, gitignoreWithEnv, ignoresEnv, mergeEnvFile } from '../../../src/core/generate/envFiles';
import { workerCommand, workerServiceNames } from '../../../src/core/generate/workers';
import { sharedVolumes, writableFolders } from '../../../src/core/generate/writable';
import { compareWithExisting } from '../../../src/core/generate/writePlan';
import { classifyEnv } from '../../../src/core/knowledge/envPurposes';

const variable = (name: string, required: boolean, extra: Partial<EnvVar> = {}): EnvVar => ({
  name, required, ...classifyEnv(name), file: 'app/settings.py', line: 3, ...extra,
});

const facts = (over: Partial<EnvFacts>): EnvFacts => ({
  env: [], services: [], dependencies: [], framework: 'fastapi', entry: 'app.main:app', workers: [], release: null, ...over,
});

const value = (env: ReturnType<typeof appEnvironment>, name: string) => env.settings.find((s) => s.name === name)?.value;

describe('the environment a generated setup gives the app', () => {
  it('points the names the app reads at the compose services, password from .env', () => {
    const env = appEnvironment(facts({
      services: ['postgres', 'redis'], dependencies: ['sqlalchemy', 'psycopg'],
      env: [variable('DATABASE_URI', true), variable('CACHE_REDIS_URL', false)],
    }));
    assert.equal(value(env, 'DATABASE_URI'), 'postgresql+psycopg://app:${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is not set: add it to .env (see .env.example)}@postgres:5432/app');
    assert.equal(value(env, 'CACHE_REDIS_URL'), 'redis://redis:6379/0');
    assert.equal(value(env, 'DATABASE_URL'), undefined, 'no second name for a service the app already reaches');
    assert.deepEqual(env.local.map((v) => [v.name, v.value]), [['POSTGRES_PASSWORD', 'random']]);
  });

  it('gives each part of a composite database setting its value', () => {
    const env = appEnvironment(facts({
      services: ['postgres'],
      env: ['POSTGRES_SERVER', 'POSTGRES_PORT', 'POSTGRES_USER', 'POSTGRES_PASSWORD', 'POSTGRES_DB'].map((n) => variable(n, true)),
    }));
    assert.deepEqual(env.settings.map((s) => [s.name, s.value.replace(/\$\{POSTGRES_PASSWORD:\?.*\}/, '$PW')]), [
      ['POSTGRES_SERVER', 'postgres'], ['POSTGRES_PORT', '5432'], ['POSTGRES_USER', 'app'], ['POSTGRES_PASSWORD', '$PW'], ['POSTGRES_DB', 'app'],
    ]);
  });

  it('required secrets and signing keys are random in .env; external credentials stay optional; missing settings stop compose by name', () => {
    const env = appEnvironment(facts({
      env: [variable('SECRET_KEY', false), variable('FIRST_SUPERUSER_PASSWORD', true), variable('MAIL_PASSWORD', false),
        variable('PROJECT_NAME', true), variable('LOG_LEVEL', true), variable('SENTRY_DSN', false)],
    }), { LOG_LEVEL: 'info' });
    assert.deepEqual(env.local.map((v) => [v.name, v.value]), [['SECRET_KEY', 'random'], ['FIRST_SUPERUSER_PASSWORD', 'random'], ['PROJECT_NAME', 'empty']]);
    assert.equal(value(env, 'LOG_LEVEL'), 'info', "the project's own example value");
    assert.match(value(env, 'PROJECT_NAME') ?? '', /^\$\{PROJECT_NAME:\?PROJECT_NAME is not set/);
    assert.equal(value(env, 'MAIL_PASSWORD'), undefined);
    assert.equal(value(env, 'SENTRY_DSN'), undefined);
  });

  it('without a database service, a database the app must have is SQLite in a shared volume', () => {
    const env = appEnvironment(facts({
      framework: 'flask', entry: 'blog:app', dependencies: ['flask-sqlalchemy', 'flask-migrate'],
      env: [variable('DATABASE_URL', false)], release: { command: 'flask db upgrade', file: 'Procfile', line: 1 },
    }));
    assert.equal(value(env, 'DATABASE_URL'), 'sqlite:////app/data/app.db');
    assert.equal(value(env, 'FLASK_APP'), 'blog:app', 'the release step finds the app');
    assert.equal(env.sqliteFolder, 'data');
    assert.deepEqual(sharedVolumes({ writablePaths: [] }, env), [{ name: 'app-data', target: '/app/data' }]);
    const optional = appEnvironment(facts({ dependencies: ['flask-sqlalchemy'], env: [variable('DATABASE_URL', false)] }));
    assert.equal(value(optional, 'DATABASE_URL'), undefined, "nothing to share: the app's own default stands");
  });

  it('workers get the broker their library reads', () => {
    const env = appEnvironment(facts({ services: ['redis'], workers: [{ kind: 'celery', module: 'app.tasks' }, { kind: 'rq', module: 'app.jobs' }] }));
    assert.equal(value(env, 'CELERY_BROKER_URL'), 'redis://redis:6379/0');
    assert.equal(value(env, 'RQ_REDIS_URL'), 'redis://redis:6379/0');
  });
});

describe('worker commands and services', () => {
  it("uses the project's command, else the kind's usual one; beat keeps its schedule out of the read-only code", () => {
    assert.equal(workerCommand({ kind: 'celery', module: 'proj.worker' }), 'celery -A proj.worker worker --loglevel=INFO');
    assert.equal(workerCommand({ kind: 'celery-beat', module: 'proj', command: 'celery -A proj beat' }), 'celery -A proj beat --schedule /tmp/celerybeat-schedule');
    assert.equal(workerCommand({ kind: 'arq', module: 'app.worker', variable: 'Settings' }), 'arq app.worker.Settings');
    assert.equal(workerCommand({ kind: 'dramatiq', module: null }), null);
    assert.deepEqual(workerServiceNames([{ kind: 'celery', module: 'a' }, { kind: 'celery-beat', module: 'a' }, { kind: 'celery', module: 'b' }]), ['worker', 'beat', 'worker-2']);
  });
});

describe('writable folders', () => {
  it('owns only what the app writes; shares what its processes must see alike', () => {
    const app = { writablePaths: [
      { path: 'instance/', kind: 'instance' as const, file: 'a.py', line: 1 },
      { path: 'logs/', kind: 'log' as const, file: 'a.py', line: 2 },
      { path: 'app.db', kind: 'sqlite' as const, file: 'a.py', line: 3 },
      { path: '../outside/', kind: 'folder' as const, file: 'a.py', line: 4 },
    ] };
    assert.deepEqual(writableFolders(app, { sqliteFolder: null }), { folders: ['instance', 'logs'], root: true });
    assert.deepEqual(sharedVolumes(app, { sqliteFolder: null }), [{ name: 'app-instance', target: '/app/instance' }]);
  });
});

describe('env files', () => {
  it('appends only the variables an existing file lacks, keeping its values and comments', () => {
    const current = '# mine\nSECRET_KEY=keep-me\n';
    const merged = mergeEnvFile(current, '# header\n# random\nSECRET_KEY=new\n# password\nPOSTGRES_PASSWORD=abc\n');
    assert.equal(merged, '# mine\nSECRET_KEY=keep-me\n\n# password\nPOSTGRES_PASSWORD=abc\n');
    assert.equal(mergeEnvFile(merged, '# x\nSECRET_KEY=1\nPOSTGRES_PASSWORD=2\n'), merged, 'nothing missing: unchanged');
    assert.equal(mergeEnvFile('# A=\n', '# about A\n# A=\n\n# about B\n# B=\n', true), '# A=\n\n# about B\n# B=\n', 'documented names count in an example');
  });

  it('adds .env to a .gitignore that does not ignore it yet', () => {
    assert.equal(ignoresEnv('*.pyc\n.env\n'), true);
    assert.equal(ignoresEnv('.env*\n!.env\n'), false);
    assert.equal(gitignoreWithEnv('*.pyc'), '*.pyc\n\n# Local secrets for docker compose (Dockwright)\n.env\n');
    assert.equal(gitignoreWithEnv('.env\n'), '.env\n');
  });

  it('.env.example documents every variable without a secret value', () => {
    const env = appEnvironment(facts({ services: ['postgres'], env: [variable('DATABASE_URL', true), variable('SECRET_KEY', true), variable('DEBUG', false)] }));
    const text = envExampleText(env, 'shop');
    assert.match(text, /^# SECRET_KEY \(required, secret, secret\), read at app\/settings\.py:3\.\nSECRET_KEY=$/m);
    assert.match(text, /^# DATABASE_URL=$/m, 'a URL with a password is not written out');
    assert.match(text, /^# DEBUG=$/m);
    assert.match(text, /^POSTGRES_PASSWORD=$/m);
    assert.doesNotMatch(text, /[0-9a-f]{32}/);
  });

  it('a plan writes .env.example, .env with fresh secrets and .gitignore, merging into existing ones and never replacing them', () => {
    const app: AppFacts = {
      root: '.', framework: 'fastapi', module: 'app.main', variable: 'app', factory: false, entry: 'app.main:app', sourceRoot: null,
      server: 'uvicorn', port: 8000, pythonVersion: null, packageManager: 'pip', dependencyFiles: ['requirements.txt'],
      dependencies: ['fastapi'], services: [], workers: [], env: [variable('SECRET_KEY', true)],
    };
    let n = 0;
    const plan = generate(app, {}, undefined, { random: () => `secret${++n}` });
    assert.deepEqual(plan.extraFiles.map((f) => f.path), ['.env.example', '.env', '.gitignore']);
    assert.match(plan.extraFiles[1].content, /^SECRET_KEY=secret1$/m);
    assert.match(plan.files[2].content, /env_file: \[\.env\]/);
    const changes = compareWithExisting(plan, (path) => (path === '.env' ? 'SECRET_KEY=mine\n' : path === '.gitignore' ? 'dist\n' : null));
    const byPath = Object.fromEntries(changes.map((c) => [c.file.path, c]));
    assert.deepEqual(byPath['.env'].choices, ['unchanged'], 'an existing secret is kept');
    assert.deepEqual(byPath['.gitignore'].choices, ['merge', 'keep']);
    assert.match(byPath['.gitignore'].proposed, /^dist\n\n# Local secrets.*\n\.env\n$/);
  });
});
