import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { optionsForHost, resolveEndpoint } from '../../../src/docker/endpoint';

describe('resolveEndpoint', () => {
  let configDir: string;
  beforeEach(() => (configDir = mkdtempSync(join(tmpdir(), 'dockwright-docker-config-'))));
  afterEach(() => rmSync(configDir, { recursive: true, force: true }));

  function writeContext(name: string, host: string) {
    const dir = join(configDir, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'meta.json'), JSON.stringify({ Name: name, Endpoints: { docker: { Host: host } } }));
  }

  it('DOCKER_HOST wins over everything', () => {
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ currentContext: 'remote' }));
    writeContext('remote', 'tcp://10.0.0.5:2375');
    const e = resolveEndpoint({ DOCKER_HOST: 'unix:///run/user/1000/docker.sock', DOCKER_CONFIG: configDir });
    assert.equal(e.display, 'unix:///run/user/1000/docker.sock');
    assert.deepEqual(e.options, { socketPath: '/run/user/1000/docker.sock' });
  });

  it('follows the current docker context, as the CLI does', () => {
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ currentContext: 'colima' }));
    writeContext('colima', 'unix:///home/me/.colima/default/docker.sock');
    const e = resolveEndpoint({ DOCKER_CONFIG: configDir });
    assert.equal(e.context, 'colima');
    assert.deepEqual(e.options, { socketPath: '/home/me/.colima/default/docker.sock' });
  });

  it('DOCKER_CONTEXT overrides the config file', () => {
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ currentContext: 'colima' }));
    writeContext('other', 'tcp://127.0.0.1:2375');
    assert.equal(resolveEndpoint({ DOCKER_CONFIG: configDir, DOCKER_CONTEXT: 'other' }).display, 'tcp://127.0.0.1:2375');
  });

  it('falls back to the default socket', () => {
    const e = resolveEndpoint({ DOCKER_CONFIG: configDir });
    assert.equal(e.display, 'unix:///var/run/docker.sock');
    assert.equal(e.context, undefined);
  });
});

describe('optionsForHost', () => {
  it('understands tcp with and without TLS port defaults', () => {
    assert.deepEqual(optionsForHost('tcp://example:2375', {}), { host: 'example', port: 2375, protocol: 'http' });
    assert.deepEqual(optionsForHost('https://example', {}), { host: 'example', port: 2376, protocol: 'https' });
  });

  it('rejects unknown schemes with a clear message', () => {
    assert.throws(() => optionsForHost('ftp://x'), /Unsupported Docker host "ftp:\/\/x"/);
  });
});
