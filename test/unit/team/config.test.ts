// The team config (.dockwright.yaml): what it sets, and errors at their line and column.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { configOptions, mergeConfigs, parseTeamConfig } from '../../../src/core/team/config';

const repo = join(__dirname, '..', '..', '..', '..');
const FILE = '.dockwright.yaml';

function errorsOf(text: string) {
  const { errors } = parseTeamConfig(FILE, text);
  assert.ok(errors.length > 0, 'expected errors');
  return errors.map((e) => ({ at: `${e.line}:${e.column}`, message: e.message }));
}

describe('team config', () => {
  it('turns every key into generation options', () => {
    const { config, errors } = parseTeamConfig(FILE, [
      'registryMirror: mirror.example.com/library',
      'baseImage: platform/python',
      'python: "3.12"',
      'uid: 2000',
      'healthcheckPath: /health',
      'labels:',
      '  org.opencontainers.image.vendor: Example Corp',
      'multiStage: false',
      'comments: false',
      'cacheMounts: true',
      'envFile: true',
      'lint:',
      '  rules:',
      '    root-user: error',
      '    DW103: off',
    ].join('\n'));
    assert.deepEqual(errors, []);
    assert.deepEqual(configOptions(config), {
      imagePrefix: 'mirror.example.com/library/', baseImage: 'platform/python', defaultPythonVersion: '3.12', uid: 2000,
      healthPath: '/health', labels: { 'org.opencontainers.image.vendor': 'Example Corp' }, multiStage: false, comments: false,
      cacheMounts: true, hasEnvFile: true,
    });
    assert.deepEqual(config.lint?.rules, { 'root-user': 'error', DW103: 'off' });
  });

  it('an empty file or one with only comments is an empty config', () => {
    for (const text of ['', '# nothing yet\n']) {
      const { config, errors } = parseTeamConfig(FILE, text);
      assert.deepEqual(errors, []);
      assert.deepEqual(configOptions(config), {});
    }
  });

  it('merges layers: the later wins key by key, labels and lint rules merge', () => {
    const shared = { uid: 1000, python: '3.11', labels: { a: '1', b: '1' }, lint: { rules: { 'root-user': 'error' as const } } };
    const repoConfig = { uid: 2000, labels: { b: '2' }, lint: { rules: { 'pip-cache': 'off' as const } } };
    const merged = mergeConfigs([shared, repoConfig]);
    assert.equal(merged.uid, 2000);
    assert.equal(merged.python, '3.11');
    assert.deepEqual(merged.labels, { a: '1', b: '2' });
    assert.deepEqual(merged.lint?.rules, { 'root-user': 'error', 'pip-cache': 'off' });
  });

  describe('errors carry line and column', () => {
    it('YAML syntax, and a key given twice', () => {
      assert.deepEqual(errorsOf('uid: 2000\nlabels:\n  a: [1, 2\nb: 3\n'), [
        { at: '4:1', message: 'Flow sequence in block collection must be sufficiently indented and end with a ]' },
      ]);
      assert.deepEqual(errorsOf('uid: 2000\nuid: 3\n'), [{ at: '2:1', message: 'Map keys must be unique' }]);
    });

    it('an unknown key points at the key and lists the known ones', () => {
      assert.deepEqual(errorsOf('uid: 2000\nlint:\n  rulez: {}\n'), [
        { at: '3:3', message: 'unknown key "rulez" in lint (known: rules)' },
      ]);
      assert.match(errorsOf('pythn: "3.12"\n')[0].message, /unknown key "pythn" in the config \(known: registryMirror, baseImage, python,/);
    });

    it('a Python version YAML reads as a number, with the fix', () => {
      assert.deepEqual(errorsOf('uid: 10\npython: 3.10\n'), [
        { at: '2:9', message: 'python must be string: write the version in quotes, e.g. python: "3.12" (YAML reads 3.10 as the number 3.1)' },
      ]);
    });

    it('wrong types and values point at the value', () => {
      assert.deepEqual(errorsOf('uid: root\nhealthcheckPath: health\n'), [
        { at: '1:6', message: 'uid must be integer' },
        { at: '2:18', message: 'healthcheckPath must match pattern "^/[^\\s"\\\\]*$"' },
      ]);
      assert.deepEqual(errorsOf('lint:\n  rules:\n    root-user: loud\n'), [
        { at: '3:16', message: 'lint.rules.root-user must be one of off, info, warning, error' },
      ]);
    });

    it('an unknown lint rule points at it and lists the rules', () => {
      const [error] = errorsOf('lint:\n  rules:\n    root-user: error\n    root-usr: off\n');
      assert.equal(error.at, '4:5');
      assert.match(error.message, /^unknown lint rule "root-usr" \(the rules: DW100 syntax, DW101 server-loopback, .*DW104 root-user/);
    });

    it('an invalid label name points at the name', () => {
      assert.deepEqual(errorsOf('labels:\n  ok.label: x\n  Bad Label: y\n'), [
        { at: '3:3', message: '"Bad Label" is not a valid name in labels' },
      ]);
    });
  });

  it('the config schema is a valid draft-07 schema and accepts the team-a fixture', () => {
    const schema = JSON.parse(readFileSync(join(repo, 'schemas', 'dockwright-config.schema.json'), 'utf8'));
    const ajv = new Ajv({ strict: false });
    assert.ok(ajv.validateSchema(schema), JSON.stringify(ajv.errors));
    const text = readFileSync(join(repo, 'test', 'fixtures', 'templates', 'team-a', 'config.yaml'), 'utf8');
    assert.deepEqual(parseTeamConfig('config.yaml', text).errors, []);
  });
});
