// No false alarm on what containerize writes for real projects: every detection fixture project
// is detected, generated (multi-stage and single-stage), then linted with the detected facts.
import { endsOfLife } from '../../../src/core/knowledge/endOfLife';
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { detect } from '../../../src/core/detect/detect';
import { lintCompose, lintDockerfile, parseCompose, parseDockerfile } from '../../../src/core/explain';
import { generate } from '../../../src/core/generate';
import { diskFileView } from '../../../src/workspace/diskFileView';
import { readGrammar } from '../../../src/workspace/grammarFiles';
import { repo } from './support';

const projects = join(repo, 'test', 'fixtures', 'projects');

describe('lint: detected, generated, linted: no false alarm on real projects', () => {
  for (const project of readdirSync(projects).sort()) {
    it(project, async () => {
      const dir = join(projects, project);
      const result = await detect(diskFileView(dir), { root: dir, loadGrammar: () => readGrammar(join(repo, 'dist')) });
      for (const app of result.apps) {
        for (const multiStage of [true, false]) {
          const plan = generate(app, { name: project, multiStage, hasEnvFile: true });
          const text = (kind: string) => plan.files.find((f) => f.kind === kind)?.content ?? '';
          // The generated .dockerignore next to a .env and the app's own files.
          const context = { app, buildContext: { dockerignore: text('dockerignore'), files: ['.env', ...readdirSync(join(dir, app.root))] } };
          const all = [...lintDockerfile(parseDockerfile(text('dockerfile')), context), ...lintCompose(parseCompose(text('compose')), context)];
          // The generator keeps the Python the project declares (its pins were chosen for it): when
          // that Python is past its end of life, DW121 says so, and rightly.
          const version = plan.view.python.version;
          const eol = all.filter((f) => f.code === 'DW121');
          assert.equal(eol.length, endsOfLife('python', `${version}-slim`).length ? 1 : 0, `Python ${version}: ${eol.map((f) => f.message).join('; ')}`);
          const findings = all.filter((f) => f.code !== 'DW121');
          assert.deepEqual(findings.map((f) => `${app.root} ${app.module} ${multiStage ? 'multi' : 'single'}: ${f.code} ${f.message}`), []);
        }
      }
    });
  }
});
