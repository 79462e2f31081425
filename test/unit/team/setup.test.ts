// Where the team's files come from: the nearest .dockwright/ (or .dockwright.yaml) up to the
// repository's top, then a shared folder, then the built-ins; errors come with their positions.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT_IN_TEMPLATES } from '../../../src/core/generate';
import { BUILT_IN_K8S_TEMPLATES } from '../../../src/core/k8s';
import { findTeamRoot, loadTeamSetup } from '../../../src/core/team/setup';
import { diskTeamReader, teamPath } from '../../../src/workspace/diskTeamReader';

function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

describe('team setup lookup', () => {
  let repo: string;
  let shared: string;
  beforeEach(() => {
    const base = teamPath(mkdtempSync(join(tmpdir(), 'dockwright-team-')));
    repo = `${base}/repo`;
    shared = `${base}/shared`;
    mkdirSync(`${repo}/.git`, { recursive: true });
    mkdirSync(`${repo}/services/api`, { recursive: true });
    mkdirSync(shared, { recursive: true });
  });
  afterEach(() => rmSync(join(repo, '..'), { recursive: true, force: true }));

  it('without team files: the built-ins, no options, nothing found', async () => {
    const { setup, errors } = await loadTeamSetup(diskTeamReader, `${repo}/services/api`);
    assert.deepEqual(errors, []);
    assert.equal(setup.root, null);
    assert.deepEqual(setup.templates, BUILT_IN_TEMPLATES);
    assert.deepEqual(setup.k8sTemplates, BUILT_IN_K8S_TEMPLATES);
    assert.deepEqual(setup.options, {});
    assert.deepEqual(setup.sources, []);
  });

  it('finds the nearest .dockwright/ or .dockwright.yaml above the app, and never looks past .git', async () => {
    write(`${repo}/.dockwright.yaml`, 'uid: 2000\n');
    assert.equal(await findTeamRoot(diskTeamReader, `${repo}/services/api`), repo);
    write(`${repo}/services/.dockwright/Dockerfile.mustache`, 'FROM {{image.runtime}}\n');
    assert.equal(await findTeamRoot(diskTeamReader, `${repo}/services/api`), `${repo}/services`);
    write(`${repo}/../.dockwright.yaml`, 'uid: 1\n');
    rmSync(`${repo}/.dockwright.yaml`);
    rmSync(`${repo}/services/.dockwright`, { recursive: true });
    assert.equal(await findTeamRoot(diskTeamReader, `${repo}/services/api`), null, 'the folder above the repository is not the team\'s');
  });

  it('templates file by file: the repository, then the shared folder, then the built-ins; configs merge', async () => {
    write(`${repo}/.dockwright/Dockerfile.mustache`, 'FROM {{image.runtime}}\n');
    write(`${repo}/.dockwright/config.yaml`, 'uid: 2000\nlabels:\n  team: repo\n');
    write(`${shared}/Dockerfile.mustache`, 'FROM shared\n');
    write(`${shared}/compose.yaml.mustache`, 'services: {}\n');
    write(`${shared}/config.yaml`, 'uid: 1000\npython: "3.11"\nlabels:\n  team: shared\n  org: acme\n');
    const { setup, errors } = await loadTeamSetup(diskTeamReader, `${repo}/services/api`, shared);
    assert.deepEqual(errors, []);
    assert.equal(setup.root, repo);
    assert.equal(setup.templates.dockerfile.origin, `${repo}/.dockwright/Dockerfile.mustache`);
    assert.equal(setup.templates.compose.origin, `${shared}/compose.yaml.mustache`);
    assert.equal(setup.templates.dockerignore.origin, 'built-in');
    assert.deepEqual(setup.options, { uid: 2000, defaultPythonVersion: '3.11', labels: { team: 'repo', org: 'acme' } });
    assert.equal(setup.sources.length, 5);
  });

  it('reports a bad template, a bad config, two configs and a missing shared folder, each positioned', async () => {
    write(`${repo}/.dockwright/Dockerfile.mustache`, 'FROM x\nEXPOSE {{app.prot}}\n');
    write(`${repo}/.dockwright.yaml`, 'uid: -1\n');
    write(`${repo}/.dockwright/config.yaml`, 'uid: 1\n');
    const { errors } = await loadTeamSetup(diskTeamReader, repo, `${shared}/nope`);
    const shown = errors.map((e) => `${e.file.slice(repo.length - 4)}:${e.line}:${e.column} ${e.message.split(';')[0].split(':')[0]}`).sort();
    assert.deepEqual(shown, [
      'repo/.dockwright.yaml:1:6 uid must be >= 1',
      'repo/.dockwright/Dockerfile.mustache:2:8 unknown variable "app.prot"',
      'repo/.dockwright/config.yaml:1:1 a second config next to ' + `${repo}/.dockwright.yaml`,
      'shared/nope:1:1 the shared templates folder does not exist',
    ].sort());
  });

  it('Kubernetes templates from k8s/ in the same folders, file by file, checked against their own variables', async () => {
    write(`${repo}/.dockwright/k8s/deployment.yaml.mustache`, 'kind: Deployment\nmetadata:\n  name: {{name}}\n');
    write(`${shared}/k8s/service.yaml.mustache`, 'kind: Service\nmetadata:\n  name: {{name}}\n');
    const { setup, errors } = await loadTeamSetup(diskTeamReader, `${repo}/services/api`, shared);
    assert.deepEqual(errors, []);
    assert.equal(setup.k8sTemplates.deployment.origin, `${repo}/.dockwright/k8s/deployment.yaml.mustache`);
    assert.equal(setup.k8sTemplates.service.origin, `${shared}/k8s/service.yaml.mustache`);
    assert.equal(setup.k8sTemplates.configmap.origin, 'built-in');
    assert.equal(setup.templates.dockerfile.origin, 'built-in', 'a Kubernetes template is not a Docker one');

    // The Docker view's variables are not the manifests': {{app.port}} is {{port}} there.
    write(`${repo}/.dockwright/k8s/deployment.yaml.mustache`, 'kind: Deployment\nspec:\n  port: {{app.port}}\n');
    const bad = await loadTeamSetup(diskTeamReader, `${repo}/services/api`);
    assert.equal(bad.errors.length, 1);
    assert.deepEqual({ line: bad.errors[0].line, column: bad.errors[0].column }, { line: 3, column: 9 });
    assert.match(bad.errors[0].message, /unknown variable "app\.port"; the variables are listed in k8s-template-view\.schema\.json/);
  });
});
