// Every detection fixture project, detected and then generated: golden files per app, so a
// change in detection or generation shows up as a reviewed diff (UPDATE_GOLDENS=1 rewrites them).
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { detect } from '../../../src/core/detect/detect';
import { DEFAULT_OPTIONS, generate, generateScript } from '../../../src/core/generate';
import { diskFileView } from '../../../src/workspace/diskFileView';
import { readGrammar } from '../../../src/workspace/grammarFiles';

const repo = join(__dirname, '..', '..', '..', '..');
const projects = join(repo, 'test', 'fixtures', 'projects');
// Outside the projects: a generated Dockerfile inside one would become a detection hint.
const goldens = join(repo, 'test', 'fixtures', 'generated');
const update = process.env.UPDATE_GOLDENS === '1';

function matchGolden(project: string, name: string, content: string): void {
  const golden = join(goldens, project, name);
  if (update || !existsSync(golden)) writeFileSync(golden, content);
  assert.equal(content, readFileSync(golden, 'utf8'), `${golden} differs (UPDATE_GOLDENS=1 rewrites it; review the diff)`);
}

describe('generate for every detection fixture project', () => {
  for (const project of readdirSync(projects).sort()) {
    it(project, async () => {
      const dir = join(projects, project);
      const result = await detect(diskFileView(dir), { root: dir, loadGrammar: () => readGrammar(join(repo, 'dist')) });
      const expectedFile = join(goldens, project, 'apps.txt');
      const roots = result.apps.map((a) => `${a.root} ${a.entry}`);
      if (update || !existsSync(expectedFile)) {
        mkdirSync(join(goldens, project), { recursive: true });
        writeFileSync(expectedFile, roots.length ? `${roots.join('\n')}\n` : '');
      }
      assert.deepEqual(roots, readFileSync(expectedFile, 'utf8').split('\n').filter(Boolean), 'the apps found');
      for (const app of result.apps) {
        const plan = generate(app, { name: project, hasEnvFile: existsSync(join(dir, app.root, '.env')) });
        // Several apps can share a root: the module tells them apart.
        const slug = `${app.root === '.' ? 'root' : app.root.replace(/\//g, '__')}.${app.module}`;
        for (const file of plan.files) matchGolden(project, `${slug}.${file.path.split('/').pop()}`, file.content);
      }
      // With no app, each plain script gets its files (script.<root>.<file path>.<output>).
      for (const script of result.plainScripts) {
        const plan = generateScript(script, { ...DEFAULT_OPTIONS, name: project });
        const slug = `script.${script.root === '.' ? 'root' : script.root.replace(/\//g, '__')}.${script.file.replace(/\//g, '__')}`;
        for (const file of plan.files) matchGolden(project, `${slug}.${file.path.split('/').pop()}`, file.content);
      }
    });
  }
});
