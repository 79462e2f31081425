// "Save as Team Template" from a person's files: the app's values become variables, and the
// template gives back the very same file for that app, and the right one for another app.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT_IN_TEMPLATES, generate, type AppFacts, type GenerateOptions } from '../../../src/core/generate';
import { checkTemplate } from '../../../src/core/generate/render';
import { templatize } from '../../../src/core/team/templatize';

const repo = join(__dirname, '..', '..', '..', '..');
const casesDir = join(repo, 'test', 'fixtures', 'generate');
const cases = readdirSync(casesDir).sort().map((name) => {
  const input = JSON.parse(readFileSync(join(casesDir, name, 'input.json'), 'utf8')) as { facts: AppFacts; options: Partial<GenerateOptions> };
  return { name, ...input };
});
const byName = (name: string) => cases.find((c) => c.name === name)!;

function templateOf(text: string, c: (typeof cases)[number], kind: 'dockerfile' | 'dockerignore' | 'compose'): string {
  const result = templatize(text, generate(c.facts, c.options).view, kind);
  assert.ok('template' in result, 'error' in result ? result.error : '');
  return result.template;
}

describe('templatize', () => {
  it('gives back every generated file byte for byte, with a template that checks clean', () => {
    for (const c of cases) {
      for (const file of generate(c.facts, c.options).files) {
        const template = templateOf(file.content, c, file.kind);
        assert.deepEqual(checkTemplate(file.path, template), [], `${c.name} ${file.path}`);
        assert.equal(generate(c.facts, c.options, { ...BUILT_IN_TEMPLATES, [file.kind]: { text: template, origin: 'test' } }).files.find((f) => f.kind === file.kind)?.content, file.content);
      }
    }
  });

  it('keeps a person\'s edits and puts this app\'s values into variables', () => {
    const fastapi = byName('fastapi-pip');
    const edited = generate(fastapi.facts, fastapi.options).files[0].content.replace('USER app\n', 'USER app\nLABEL com.example.team="payments"\n');
    const template = templateOf(edited, fastapi, 'dockerfile');
    assert.match(template, /LABEL com\.example\.team="payments"/);
    for (const variable of ['{{server.exec}}', '{{dependencies.install}}', '{{instructions.healthcheck}}', '{{app.port}}', '{{python.version}}', '{{uid}}']) {
      assert.ok(template.includes(variable), variable);
    }
    assert.match(template, /^\{\{#dependencies\.copy\}\}\n\{\{\.\}\}\n\{\{\/dependencies\.copy\}\}$/m);

    // The same template for a Flask app with Poetry: its own command, port and install, the team's label.
    const flask = byName('poetry-lock');
    const expected = generate(flask.facts, flask.options).files[0].content.replace('USER app\n', 'USER app\nLABEL com.example.team="payments"\n');
    const rendered = generate(flask.facts, flask.options, { ...BUILT_IN_TEMPLATES, dockerfile: { text: template, origin: 'test' } }).files[0].content;
    assert.equal(rendered.replace(/^#.*\n/gm, ''), expected.replace(/^#.*\n/gm, ''), 'the instructions are the Flask app\'s');
  });

  it('refuses a file that has "{{" in it, which Mustache would read as a tag', () => {
    const c = cases[0];
    const result = templatize('FROM python\nRUN echo "{{x}}"\n', generate(c.facts, c.options).view, 'dockerfile');
    assert.ok('error' in result && /contains "\{\{"/.test(result.error));
  });

  it('never replaces a number inside another one', () => {
    const c = byName('fastapi-pip');
    const template = templateOf('EXPOSE 8000\nENV A=18000 B=8000.5 C=:8000\n', c, 'dockerfile');
    assert.equal(template, 'EXPOSE {{app.port}}\nENV A=18000 B=8000.5 C=:{{app.port}}\n');
  });
});
