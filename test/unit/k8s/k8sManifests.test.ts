// Kubernetes manifests for every detection fixture project and every real project of the corpus
// (../shared/corpus/realworld, when present): detected, planned as `init` plans, then generateK8s.
// Each manifest parses, validates against the Kubernetes schema with no unknown field, and says what
// the Dockerfile and the facts say (manifestChecks), and lints clean (lintManifest). Goldens for a few projects (UPDATE_GOLDENS=1).
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { detect } from '../../../src/core/detect/detect';
import { lintManifest, parseManifest } from '../../../src/core/explain';
import type { AppFacts } from '../../../src/core/detect/types';
import { generate } from '../../../src/core/generate';
import { generateK8s, k8sFromPlan } from '../../../src/core/k8s';
import { planApp, readAppFolder } from '../../../src/core/plan/planApp';
import { loadTeamSetup } from '../../../src/core/team/setup';
import { diskFileView } from '../../../src/workspace/diskFileView';
import { diskTeamReader } from '../../../src/workspace/diskTeamReader';
import Ajv from 'ajv';
import { CORPUS, corpusProjects, loadGrammar } from '../detect/support';
import { checkAgainstPlan, loadModels, validateManifests } from './manifestChecks';

const repo = join(__dirname, '..', '..', '..', '..');
const projects = join(repo, 'test', 'fixtures', 'projects');
const goldens = join(repo, 'test', 'fixtures', 'k8s-generated');
const update = process.env.UPDATE_GOLDENS === '1';
const validateView = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(join(repo, 'schemas', 'k8s-template-view.schema.json'), 'utf8')));
/** A web app alone; one with a release step, a worker and postgres; one with writable folders and SQLite. */
const GOLDEN_PROJECTS = ['fastapi-minimal', 'celery-services', 'flask-instance-sqlite'];

/** What Dockwright generates, its own manifest lint (DW3xx) accepts, knowing the app. */
function assertLintsClean(files: { path: string; content: string }[], app: AppFacts): void {
  const findings = files.flatMap((f) => lintManifest(parseManifest(f.content), { app }).map((x) => `${f.path}:${x.range.start.line + 1} ${x.code} ${x.message}`));
  assert.deepEqual(findings, []);
}

describe('Kubernetes manifests', () => {
  let models: Awaited<ReturnType<typeof loadModels>>;
  let validated = 0;

  before(async () => (models = await loadModels()));
  after(() => console.log(`    ${validated} Kubernetes manifests validated`));

  describe('for every detection fixture project', () => {
    for (const project of readdirSync(projects).sort()) {
      it(project, async () => {
        const dir = join(projects, project);
        const result = await detect(diskFileView(dir), { root: dir, loadGrammar });
        for (const app of result.apps) {
          const plan = generate(app, { name: project, hasEnvFile: existsSync(join(dir, app.root, '.env')) });
          const k8s = k8sFromPlan(plan);
          // What a team's template may use is documented: the view has nothing the schema does not name.
          for (const view of [k8s.view, ...k8s.view.workers.map((worker) => ({ ...k8s.view, worker }))]) {
            assert.ok(validateView(view), `${project}: ${JSON.stringify(validateView.errors)}`);
          }
          checkAgainstPlan(plan, validateManifests(k8s, models));
          assertLintsClean(k8s.files, app);
          validated += k8s.files.length;
          if (!GOLDEN_PROJECTS.includes(project)) continue;
          for (const file of k8s.files) {
            const golden = join(goldens, project, file.path.replace(/\//g, '__'));
            if (update || !existsSync(golden)) {
              mkdirSync(join(goldens, project), { recursive: true });
              writeFileSync(golden, file.content);
            }
            assert.equal(file.content, readFileSync(golden, 'utf8'), `${golden} differs (UPDATE_GOLDENS=1 rewrites it; review the diff)`);
          }
        }
      });
    }

    it('the checks catch a wrong type, an unknown field, and a secret in the ConfigMap', async () => {
      const dir = join(projects, 'celery-services');
      const [app] = (await detect(diskFileView(dir), { root: dir, loadGrammar })).apps;
      const plan = generate(app, { name: 'celery-services' });
      const broken = (from: string, to: string) => {
        const k8s = k8sFromPlan(plan);
        const file = k8s.files.find((f) => f.content.includes(from));
        assert.ok(file, from);
        file.content = file.content.replace(from, to);
        return () => checkAgainstPlan(plan, validateManifests(k8s, models));
      };
      assert.throws(broken('containerPort: 8000', 'containerPort: "8000"'), /must be integer/);
      assert.throws(broken('readinessProbe:', 'readinesProbe:'), /readinesProbe/);
      assert.throws(broken('  REDIS_URL: redis', '  DATABASE_URL: x\n  REDIS_URL: redis'), /secret DATABASE_URL in the ConfigMap/);
      assert.throws(broken('runAsUser: 10001', 'runAsUser: 10002'), /deployment\.yaml/);
    });

    it('is deterministic, and generateK8s gives what the plan gives', async () => {
      const dir = join(projects, 'celery-services');
      const [app] = (await detect(diskFileView(dir), { root: dir, loadGrammar })).apps;
      const options = { name: 'celery-services', hasEnvFile: false };
      assert.deepEqual(generateK8s(app, options).files, k8sFromPlan(generate(app, options)).files);
      assert.deepEqual(generateK8s(app, options).files, generateK8s(app, options).files);
    });
  });

  describe('for the real projects (../shared/corpus/realworld)', function () {
    const names = corpusProjects(this);
    for (const name of names) {
      it(name, async function () {
        this.timeout(30_000);
        const result = await detect(diskFileView(join(CORPUS, name)), { root: name, loadGrammar });
        assert.ok(result.apps.length, 'an app');
        for (const app of result.apps) {
          const folder = await readAppFolder(diskTeamReader, join(CORPUS, name, app.root).replace(/\\/g, '/'));
          const { setup } = await loadTeamSetup(diskTeamReader, join(CORPUS, name, app.root));
          const plan = planApp({ app, setup, folder, random: () => 'r' });
          const k8s = k8sFromPlan(plan);
          checkAgainstPlan(plan, validateManifests(k8s, models));
          assertLintsClean(k8s.files, app);
          validated += k8s.files.length;
        }
      });
    }
  });
});
