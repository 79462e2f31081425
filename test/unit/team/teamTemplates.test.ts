// A team's template set (test/fixtures/templates/team-a: templates and config in a shared folder)
// rendered for every detection fixture project: golden files, so a change in the engine, the view
// or the lookup shows up as a reviewed diff (UPDATE_GOLDENS=1 rewrites them).
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { parse as parseYaml } from 'yaml';
import { detect } from '../../../src/core/detect/detect';
import { planApp } from '../../../src/core/plan/planApp';
import { loadTeamSetup } from '../../../src/core/team/setup';
import { diskFileView } from '../../../src/workspace/diskFileView';
import { diskTeamReader } from '../../../src/workspace/diskTeamReader';
import { readGrammar } from '../../../src/workspace/grammarFiles';

const repo = join(__dirname, '..', '..', '..', '..');
const projects = join(repo, 'test', 'fixtures', 'projects');
const teamA = join(repo, 'test', 'fixtures', 'templates', 'team-a');
const goldens = join(repo, 'test', 'fixtures', 'team-generated');
const update = process.env.UPDATE_GOLDENS === '1';

describe('a team template set rendered for every detection fixture project', () => {
  for (const project of readdirSync(projects).sort()) {
    it(project, async () => {
      const dir = join(projects, project);
      const result = await detect(diskFileView(dir), { root: dir, loadGrammar: () => readGrammar(join(repo, 'dist')) });
      for (const app of result.apps) {
        const { setup, errors } = await loadTeamSetup(diskTeamReader, join(dir, app.root), teamA);
        assert.deepEqual(errors, []);
        assert.equal(setup.templates.dockerfile.origin, join(teamA, 'Dockerfile.mustache'));
        const plan = planApp({ app, setup, folder: { name: project, hasEnvFile: existsSync(join(dir, app.root, '.env')) } });
        const slug = `${app.root === '.' ? 'root' : app.root.replace(/\//g, '__')}.${app.module}`;
        for (const file of plan.files) {
          const golden = join(goldens, project, `${slug}.${file.path.split('/').pop()}`);
          if (update || !existsSync(golden)) {
            mkdirSync(join(goldens, project), { recursive: true });
            writeFileSync(golden, file.content);
          }
          assert.equal(file.content, readFileSync(golden, 'utf8'), `${golden} differs (UPDATE_GOLDENS=1 rewrites it; review the diff)`);
        }
        const [dockerfile, , compose] = plan.files.map((f) => f.content);
        // The team's config reached the view: its UID, Python version, health path and labels.
        assert.match(dockerfile, /useradd --system --uid 4242 /);
        assert.match(dockerfile, /127\.0\.0\.1:\d+\/health/);
        assert.match(dockerfile, /LABEL org\.opencontainers\.image\.vendor="Acme"/);
        if (!app.pythonVersion) assert.match(dockerfile, /^ARG PYTHON_VERSION=3\.12$/m);
        assert.equal(DockerfileParser.parse(dockerfile).getInstructions().filter((i) => i.getKeyword() === 'FROM').length, 2);
        assert.ok(parseYaml(compose).services.app, 'compose.yaml parses, with the app service');
      }
    });
  }
});
