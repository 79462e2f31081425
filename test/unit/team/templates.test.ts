// The template engine: built-in templates and views agree with the documented schema, a bad
// template is an error at its line and column, and the .dockerignore re-includes what is copied.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import dockerignore from '@balena/dockerignore';
import { BUILT_IN_TEMPLATES, generate, type AppFacts, type GenerateOptions } from '../../../src/core/generate';
import { checkTemplate, renderTemplate } from '../../../src/core/generate/render';
import { BUILT_IN_K8S_TEMPLATES, checkK8sTemplate } from '../../../src/core/k8s/templates';
import { k8sView } from '../../../src/core/k8s/view';

const repo = join(__dirname, '..', '..', '..', '..');
const casesDir = join(repo, 'test', 'fixtures', 'generate');
const viewSchema = JSON.parse(readFileSync(join(repo, 'schemas', 'template-view.schema.json'), 'utf8'));
const validateView = new Ajv({ allErrors: true }).compile(viewSchema);
const k8sViewSchema = JSON.parse(readFileSync(join(repo, 'schemas', 'k8s-template-view.schema.json'), 'utf8'));
const validateK8sView = new Ajv({ allErrors: true }).compile(k8sViewSchema);

const cases = readdirSync(casesDir).sort().map((name) => {
  const input = JSON.parse(readFileSync(join(casesDir, name, 'input.json'), 'utf8')) as { facts: AppFacts; options: Partial<GenerateOptions> };
  return { name, ...input };
});

describe('templates', () => {
  it('the built-in templates use only documented variables', () => {
    for (const [kind, template] of Object.entries(BUILT_IN_TEMPLATES)) assert.deepEqual(checkTemplate(kind, template.text), [], kind);
  });

  it('every view matches schemas/template-view.schema.json exactly (no undocumented field)', () => {
    for (const c of cases) {
      const { view } = generate(c.facts, c.options);
      assert.ok(validateView(view), `${c.name}: ${JSON.stringify(validateView.errors, null, 2)}`);
    }
  });

  it('the built-in Kubernetes templates use only documented variables, and the Docker ones\' are not among them', () => {
    for (const [kind, template] of Object.entries(BUILT_IN_K8S_TEMPLATES)) assert.deepEqual(checkK8sTemplate(kind, template.text), [], kind);
    assert.match(checkK8sTemplate('k8s/deployment.yaml.mustache', 'image: {{compose.image}}\n')[0].message, /unknown variable "compose\.image"/);
  });

  it('every Kubernetes view (and each worker\'s) matches schemas/k8s-template-view.schema.json exactly', () => {
    let workers = 0;
    for (const c of cases) {
      const view = k8sView(generate(c.facts, c.options));
      assert.ok(validateK8sView(view), `${c.name}: ${JSON.stringify(validateK8sView.errors, null, 2)}`);
      for (const worker of view.workers) {
        assert.ok(validateK8sView({ ...view, worker }), `${c.name} ${worker.component}: ${JSON.stringify(validateK8sView.errors, null, 2)}`);
        workers++;
      }
    }
    assert.ok(workers > 0, 'a case with a worker is among the fixtures');
  });

  it('inserts values as they are: no HTML escaping of quotes, < or &', () => {
    const { view } = generate(cases[0].facts, { labels: { note: 'a < b & "c"' } });
    assert.match(renderTemplate('{{instructions.label}}', view), /note="a < b & \\"c\\""/);
  });

  it('re-includes a copied file that the patterns would exclude', () => {
    const facts: AppFacts = { ...cases[0].facts, dependencyFiles: ['build/requirements.txt'] };
    const plan = generate(facts);
    const ignore = plan.files[1].content;
    assert.match(ignore, /# Copied by the Dockerfile, so never excluded\n!build\/requirements\.txt\n$/);
    assert.equal(dockerignore().add(ignore).ignores('build/requirements.txt'), false);
    assert.ok(dockerignore().add(ignore).ignores('build/other.txt'));
  });

  describe('a bad template is an error at its line and column', () => {
    const check = (text: string) => checkTemplate('.dockwright/Dockerfile.mustache', text);

    it('an unknown variable, with what its parent has', () => {
      const [error, ...rest] = check('FROM python\nEXPOSE {{app.prot}}\n');
      assert.equal(rest.length, 0);
      assert.deepEqual({ line: error.line, column: error.column }, { line: 2, column: 8 });
      assert.match(error.message, /unknown variable "app\.prot": app has no "prot" \(it has name, root, .*port/);
    });

    it('an unknown top-level name, and names inside a list resolve against its items', () => {
      assert.match(check('{{#labels}}{{name}}={{quoted}}{{/labels}}\n{{nope}}')[0].message, /unknown variable "nope"/);
      assert.equal(check('{{#labels}}{{name}}={{quoted}}{{/labels}}').length, 0);
      assert.equal(check('{{#compose.services}}{{#volume}}{{volume.target}}{{/volume}}{{/compose.services}}').length, 0);
    });

    it('an unclosed section', () => {
      const [error] = check('ARG A=1\n\n{{#comments}}\n# x\n');
      assert.equal(error.line, 5);
      assert.match(error.message, /Unclosed section "comments"/);
    });

    it('a closing tag without its opening', () => {
      const [error] = check('RUN true\n  {{/multiStage}}\n');
      assert.deepEqual({ line: error.line, column: error.column }, { line: 2, column: 3 });
      assert.match(error.message, /Unopened section "multiStage"/);
    });

    it('an unclosed tag, and a partial', () => {
      assert.match(check('CMD {{server.exec\n')[0].message, /Unclosed tag/);
      const [partial] = check('\n{{> header}}');
      assert.equal(partial.line, 2);
      assert.match(partial.message, /partials .* are not supported/);
    });
  });
});
