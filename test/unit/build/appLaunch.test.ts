import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { APP_LABEL, appNameFor, describeLaunch } from '../../../src/core/build/appLaunch';
import { imagePorts, parseDockerfile } from '../../../src/core/dockerfile';

const generatedCases = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'generate');

/** The TCP ports the final image EXPOSEs, in order: the ones the launcher publishes. */
const exposedPorts = (text: string) => imagePorts(parseDockerfile(text)).map((p) => p.port);

describe('imagePorts', () => {
  it('reads the port of every generated Dockerfile (golden files of the generator)', () => {
    for (const name of readdirSync(generatedCases)) {
      const dockerfile = readFileSync(join(generatedCases, name, 'expected.Dockerfile'), 'utf8');
      const declared = /^EXPOSE (\d+)$/m.exec(dockerfile);
      assert.ok(declared, `${name}: no EXPOSE line to compare with`);
      assert.deepEqual(exposedPorts(dockerfile), [Number(declared[1])], name);
    }
  });

  it('takes the last stage only, and what it inherits from an earlier stage it is built FROM', () => {
    const text = [
      'FROM python:3.13 AS builder', 'EXPOSE 9999',
      'FROM python:3.13-slim AS base', 'EXPOSE 8000',
      'FROM base', 'EXPOSE 9090/tcp',
    ].join('\n');
    assert.deepEqual(exposedPorts(text), [8000, 9090]);
  });

  it('substitutes ARG and ENV defaults, takes the first port of a range and skips UDP', () => {
    const text = [
      'ARG PORT=7000', 'FROM python:3.13-slim', 'ARG PORT', 'ENV ADMIN_PORT=7100',
      'EXPOSE $PORT ${ADMIN_PORT}/tcp ${MISSING:-7200} 5353/udp 6000-6010',
      'EXPOSE \\', '  7300',
    ].join('\n');
    assert.deepEqual(exposedPorts(text), [7000, 7100, 7200, 6000, 7300]);
  });

  it('finds nothing in a Dockerfile without EXPOSE, or without FROM', () => {
    assert.deepEqual(exposedPorts('FROM python:3.13-slim\nCMD ["python"]\n'), []);
    assert.deepEqual(exposedPorts('EXPOSE 8000\n'), []);
    assert.deepEqual(exposedPorts(''), []);
  });
});

describe('describeLaunch', () => {
  const dockerfileText = 'FROM python:3.13-slim\nEXPOSE 8000 9000\n';

  it('describes the build and the run: tag and labels from the folder, the port on 127.0.0.1', () => {
    const described = describeLaunch({ context: '/home/ana/Shop API', dockerfileText, labels: { 'dockwright.test.run': 'x' } });
    assert.ok(described.ok);
    const labels = { 'dockwright.test.run': 'x', [APP_LABEL]: 'shop-api' };
    assert.deepEqual(described.launch, {
      app: 'shop-api',
      build: { context: '/home/ana/Shop API', dockerfile: undefined, tags: ['dockwright/shop-api:latest'], labels },
      run: {
        image: 'dockwright/shop-api:latest', containerName: 'dockwright-shop-api', labels,
        containerPort: 8000, hostIp: '127.0.0.1', hostPort: 8000, hostPortChosen: false,
      },
      otherPorts: [9000],
    });
  });

  it('uses a chosen host port and another Dockerfile as given', () => {
    const described = describeLaunch({ context: '/w/api', dockerfile: '/w/api/Dockerfile.prod', dockerfileText, hostPort: 18080 });
    assert.ok(described.ok);
    assert.equal(described.launch.build.dockerfile, '/w/api/Dockerfile.prod');
    assert.equal(described.launch.run.hostPort, 18080);
    assert.equal(described.launch.run.hostPortChosen, true);
  });

  it('says what to add when the Dockerfile EXPOSEs nothing', () => {
    const described = describeLaunch({ context: '/w/api', dockerfileText: 'FROM python:3.13-slim\n' });
    assert.equal(described.ok, false);
    assert.match(described.ok ? '' : described.problem, /EXPOSE <port>/);
  });
});

describe('appNameFor', () => {
  it('makes a name Docker accepts for an image and a container', () => {
    assert.equal(appNameFor('/srv/My_App.v2/'), 'my-app-v2');
    assert.equal(appNameFor('C:\\work\\--api--'), 'api');
    assert.equal(appNameFor('/tmp/___'), 'app');
    assert.equal(appNameFor('/'), 'app');
  });
});
