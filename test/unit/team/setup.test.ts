// Where the team's files come from: the nearest .dockwright/ (or .dockwright.yaml) up to the
// repository's top, then a shared folder, then the built-ins; errors come with their positions.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT_IN_TEMPLATES } from '../../../src/core/generate';
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
});
