import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS, SETTINGS } from '../../../src/shared/ids';

const repo = join(__dirname, '..', '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));

describe('package.json manifest', () => {
  it('contributes exactly the commands in src/shared/ids.ts', () => {
    const contributed = (pkg.contributes.commands as { command: string }[]).map((c) => c.command).sort();
    assert.deepEqual(contributed, Object.values(COMMANDS).sort());
  });

  it('declares every setting it reads, under the dockwright section', () => {
    const declared = Object.keys(pkg.contributes.configuration.properties);
    const read = Object.entries(SETTINGS).filter(([k]) => k !== 'section').map(([, v]) => `${SETTINGS.section}.${v}`);
    for (const id of read) assert.ok(declared.includes(id), `${id} is read but not declared`);
    for (const id of declared) assert.ok(read.includes(id), `${id} is declared but never read`);
  });

  it('activates lazily: no "*" and no onStartupFinished', () => {
    assert.ok(!pkg.activationEvents.includes('*'));
    assert.ok(!pkg.activationEvents.includes('onStartupFinished'));
  });

  it('allows VS Code 1.100 (code-server 4.100.x)', () => {
    assert.equal(pkg.engines.vscode, '^1.100.0');
    assert.equal(pkg.devDependencies['@types/vscode'], '1.100.0');
  });

  it('has its icon and snippets files', () => {
    assert.ok(existsSync(join(repo, pkg.icon)));
    for (const s of pkg.contributes.snippets) assert.ok(existsSync(join(repo, s.path)), s.path);
  });
});
