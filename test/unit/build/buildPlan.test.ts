import * as assert from 'node:assert/strict';
import { buildArguments, renderCommand } from '../../../src/core/build/buildPlan';

describe('buildArguments', () => {
  it('turns a plan into docker CLI arguments, context last', () => {
    const args = buildArguments({
      context: '/work/app', dockerfile: 'Dockerfile.prod', tags: ['app:dev', 'app:latest'],
      labels: { 'dockwright.run': 'abc' }, network: 'none', noCache: true, target: 'runtime',
      buildArgs: { PYTHON_VERSION: '3.12' },
    });
    assert.deepEqual(args, ['build', '--progress', 'plain', '--file', 'Dockerfile.prod', '--tag', 'app:dev',
      '--tag', 'app:latest', '--label', 'dockwright.run=abc', '--build-arg', 'PYTHON_VERSION=3.12',
      '--network', 'none', '--no-cache', '--target', 'runtime', '/work/app']);
  });

  it('leaves the default network alone', () => {
    assert.deepEqual(buildArguments({ context: '.', tags: [], network: 'default' }), ['build', '--progress', 'plain', '.']);
  });
});

describe('renderCommand', () => {
  it('quotes what a shell would split or expand', () => {
    assert.equal(renderCommand('docker', ['build', '--label', 'a=it\'s here', '/tmp/x']),
      `docker build --label 'a=it'\\''s here' /tmp/x`);
  });
});
