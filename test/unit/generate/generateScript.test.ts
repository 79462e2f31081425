// The files for a plain script: golden files per case in test/fixtures/generate-script
// (UPDATE_GOLDENS=1 rewrites them; review the diff), and the practices every case must follow.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import dockerignore from '@balena/dockerignore';
import { DockerfileParser } from 'dockerfile-ast';
import { DEFAULT_OPTIONS, generateScript, scriptPath, type GenerateOptions, type ScriptFacts } from '../../../src/core/generate';

const repo = join(__dirname, '..', '..', '..', '..');
const casesDir = join(repo, 'test', 'fixtures', 'generate-script');
const update = process.env.UPDATE_GOLDENS === '1';
const GOLDEN_NAMES = { dockerfile: 'expected.Dockerfile', dockerignore: 'expected.dockerignore' } as const;

const keywords = (dockerfile: string) => DockerfileParser.parse(dockerfile).getInstructions().map((i) => i.getKeyword());

describe('generate for a plain script', () => {
  for (const name of readdirSync(casesDir).sort()) {
    const input = JSON.parse(readFileSync(join(casesDir, name, 'input.json'), 'utf8')) as { script: ScriptFacts; options: Partial<GenerateOptions> };
    const options = { ...DEFAULT_OPTIONS, ...input.options };
    describe(name, () => {
      const plan = generateScript(input.script, options);
      const content = (kind: keyof typeof GOLDEN_NAMES) => plan.files.find((f) => f.kind === kind)?.content ?? '';
      const dockerfile = content('dockerfile');

      it('matches the golden files', () => {
        for (const [kind, golden] of Object.entries(GOLDEN_NAMES) as [keyof typeof GOLDEN_NAMES, string][]) {
          const path = join(casesDir, name, golden);
          if (update || !existsSync(path)) writeFileSync(path, content(kind));
          assert.equal(content(kind), readFileSync(path, 'utf8'), `${golden} differs (UPDATE_GOLDENS=1 rewrites it; review the diff)`);
        }
      });

      it('writes a Dockerfile and a .dockerignore in the project root, and no compose file', () => {
        const prefix = input.script.root === '.' ? '' : `${input.script.root}/`;
        assert.deepEqual(plan.files.map((f) => f.path), [`${prefix}Dockerfile`, `${prefix}.dockerignore`]);
      });

      it('runs the script in exec form as a non-root user, and serves nothing', () => {
        const lines = dockerfile.split('\n');
        assert.equal(lines[lines.length - 1] || lines[lines.length - 2], `CMD ["python", "${scriptPath(input.script)}"]`);
        const kw = keywords(dockerfile);
        assert.ok(!kw.includes('EXPOSE') && !kw.includes('HEALTHCHECK'), 'no port, no healthcheck');
        assert.ok(kw.lastIndexOf('USER') < kw.lastIndexOf('CMD') && kw.lastIndexOf('COPY') < kw.lastIndexOf('USER'));
        assert.match(dockerfile, /^USER app$/m);
        assert.match(dockerfile, /PYTHONUNBUFFERED=1/);
        assert.match(dockerfile, /^FROM \S+:\$\{PYTHON_VERSION\}-slim/m, 'a slim runtime');
        assert.match(dockerfile, new RegExp(`^ARG PYTHON_VERSION=${(input.options.pythonVersion ?? input.script.pythonVersion ?? DEFAULT_OPTIONS.defaultPythonVersion).replace('.', '\\.')}$`, 'm'));
      });

      it('installs the dependencies before the code is copied, without pip\'s cache in a layer', () => {
        const copyCode = dockerfile.indexOf('COPY --chown=app:app . .');
        for (const file of input.script.dependencyFiles) assert.ok(dockerfile.indexOf(file) < copyCode, `${file} before the code`);
        const installs = dockerfile.match(/pip install[^\n]*/g) ?? [];
        if (!input.script.dependencyFiles.length) assert.deepEqual(installs, [], 'nothing to install');
        for (const line of installs) assert.ok(options.cacheMounts || line.includes('--no-cache-dir'), line);
      });

      it('keeps .env out of the build context, and the script in it', () => {
        const rules = dockerignore().add(content('dockerignore').split('\n').filter((l) => l && !l.startsWith('#')));
        assert.ok(rules.ignores('.env') && rules.ignores('sub/.env'));
        assert.ok(!rules.ignores(scriptPath(input.script)), 'the script is in the context');
        for (const file of input.script.dependencyFiles) assert.ok(!rules.ignores(file), file);
      });
    });
  }
});
