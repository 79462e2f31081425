import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintCompose, lintDockerfile, parseCompose, parseDockerfile } from '../../../src/core/explain';
import { repo } from './support';

const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));

type Snippets = Record<string, { prefix: string; body: string[]; description: string }>;

/** A snippet as inserted with its defaults: ${1:x} → x, ${1|a,b|} → a, $1 → '', \$ → $. */
function expand(body: string[]): string {
  return `${body.join('\n')}\n`.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\d+/g, '').replace(/\\\$/g, '$');
}

function snippets(file: string): Snippets {
  return JSON.parse(readFileSync(join(repo, 'snippets', file), 'utf8')) as Snippets;
}

describe('snippets and walkthrough', () => {
  it('contributes the Dockerfile and compose snippets', () => {
    const contributed = (pkg.contributes.snippets as { language: string; path: string }[]).map((s) => `${s.language} ${s.path}`);
    for (const s of ['dockerfile ./snippets/dockerfile.json', 'yaml ./snippets/compose.json', 'dockercompose ./snippets/compose.json']) assert.ok(contributed.includes(s), s);
  });

  it('has FastAPI, Flask/gunicorn, multi-stage, HEALTHCHECK, non-root, compose Postgres/Redis snippets', () => {
    const prefixes = [...Object.values(snippets('dockerfile.json')), ...Object.values(snippets('compose.json'))].map((s) => s.prefix);
    for (const p of ['dw-fastapi', 'dw-flask', 'dw-multistage', 'dw-healthcheck-python', 'dw-user', 'dw-compose', 'dw-postgres', 'dw-redis']) assert.ok(prefixes.includes(p), p);
  });

  it('whole-file snippets raise no error or warning', () => {
    for (const [name, s] of Object.entries(snippets('dockerfile.json')).filter(([, s]) => s.body[0].startsWith('FROM'))) {
      const alarms = lintDockerfile(parseDockerfile(expand(s.body))).filter((f) => f.severity !== 'info');
      assert.deepEqual(alarms.map((f) => `${f.code} ${f.message}`), [], name);
    }
    const compose = expand(snippets('compose.json')['Compose: app with Postgres and Redis'].body);
    assert.deepEqual(lintCompose(parseCompose(compose)).map((f) => `${f.code} ${f.message}`), []);
  });

  it('the walkthrough follows the journey, its media exist and its buttons run contributed commands', () => {
    const [walkthrough] = pkg.contributes.walkthroughs as { steps: { id: string; description: string; media: { markdown: string } }[] }[];
    assert.deepEqual(walkthrough.steps.map((s) => s.id),
      ['images-and-containers', 'find-your-app', 'write-the-dockerfile', 'read-the-lenses', 'build-and-run', 'compose', 'shrink-the-image']);
    const commands = (pkg.contributes.commands as { command: string }[]).map((c) => c.command);
    for (const step of walkthrough.steps) {
      assert.ok(existsSync(join(repo, step.media.markdown)), step.media.markdown);
      for (const [, id] of step.description.matchAll(/\(command:([\w.]+)\)/g)) assert.ok(commands.includes(id), `${step.id}: ${id}`);
    }
  });

  it('activates on Dockerfiles, compose files and the manifests Dockwright writes (k8s/, kustomization.yaml), not on every YAML file', () => {
    const events = pkg.activationEvents as string[];
    assert.ok(events.includes('onLanguage:dockerfile'));
    assert.ok(events.includes('workspaceContains:**/compose.yaml') && events.includes('workspaceContains:**/docker-compose.yml'));
    assert.ok(events.includes('workspaceContains:**/k8s/*.yaml') && events.includes('workspaceContains:**/kustomization.yaml'));
    assert.ok(!events.includes('onLanguage:yaml'));
  });
});
