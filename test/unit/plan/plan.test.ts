// The one way from a detected app to its files: the options layered in one order, the team's
// templates rendered, the app's warnings carried to whoever shows the plan.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppFacts } from '../../../src/core/detect/types';
import { DEFAULT_OPTIONS, generate } from '../../../src/core/generate';
import { planApp, readAppFolder } from '../../../src/core/plan/planApp';
import { loadTeamSetup } from '../../../src/core/team/setup';
import { diskTeamReader, teamPath } from '../../../src/workspace/diskTeamReader';

const repoRoot = join(__dirname, '..', '..', '..', '..');
// A detected app with warnings (its manifests are broken), as detection records it.
const app: AppFacts = JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', 'projects', 'broken-manifests', 'expected.json'), 'utf8')).apps[0];

describe('planApp', () => {
  let repo: string;
  beforeEach(() => {
    repo = `${teamPath(mkdtempSync(join(tmpdir(), 'dockwright-plan-')))}/repo`;
    mkdirSync(`${repo}/.git`, { recursive: true });
  });
  afterEach(() => rmSync(join(repo, '..'), { recursive: true, force: true }));

  it('the command\'s explicit choices beat the team, the team beats the person\'s settings and the folder', async () => {
    writeFileSync(`${repo}/.dockwright.yaml`, 'uid: 2000\nmultiStage: false\nenvFile: true\n');
    const { setup } = await loadTeamSetup(diskTeamReader, repo);
    const plan = planApp({ app, setup, folder: { name: 'api', hasEnvFile: false }, settings: { uid: 1, comments: false }, explicit: { multiStage: true } });
    assert.deepEqual(plan.options, { ...DEFAULT_OPTIONS, name: 'api', hasEnvFile: true, uid: 2000, comments: false, multiStage: true });
  });

  it('renders the team\'s templates with those options and carries the app\'s warnings', async () => {
    mkdirSync(`${repo}/.dockwright`);
    writeFileSync(`${repo}/.dockwright/Dockerfile.mustache`, 'FROM {{image.runtime}}\nUSER {{uid}}\n');
    writeFileSync(`${repo}/.dockwright.yaml`, 'uid: 2000\n');
    const { setup, errors } = await loadTeamSetup(diskTeamReader, repo);
    assert.deepEqual(errors, []);
    const plan = planApp({ app, setup, folder: { name: 'api', hasEnvFile: false } });
    assert.deepEqual(plan.files, generate(app, plan.options, setup.templates).files);
    assert.match(plan.files[0].content, /^USER 2000$/m);
    assert.deepEqual(plan.warnings.map((w) => w.code), ['toml-invalid', 'requirements-include-missing', 'server-missing', 'python-syntax-error']);
  });

  it('reads the app folder\'s name and .env through the reader', async () => {
    mkdirSync(`${repo}/services/api`, { recursive: true });
    assert.deepEqual(await readAppFolder(diskTeamReader, `${repo}/services/api`), { name: 'api', hasEnvFile: false, envExamples: {} });
    writeFileSync(`${repo}/services/api/.env`, 'SECRET=x\n');
    assert.deepEqual(await readAppFolder(diskTeamReader, `${repo}/services/api/`), { name: 'api', hasEnvFile: true, envExamples: {} });
  });
});
