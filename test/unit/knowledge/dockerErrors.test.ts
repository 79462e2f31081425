import * as assert from 'node:assert/strict';
import { explainDockerFailure } from '../../../src/core/knowledge/dockerErrors';

const base = { endpoint: 'unix:///var/run/docker.sock', platform: 'linux' };

describe('explainDockerFailure', () => {
  it('a missing socket means no engine, with an install fix', () => {
    const f = explainDockerFailure({ ...base, code: 'ENOENT' });
    assert.equal(f.kind, 'socket-missing');
    assert.match(f.message, /\/var\/run\/docker\.sock does not exist/);
    assert.match(f.fix, /apt-get install docker\.io/);
  });

  it('a refused connection means a stopped daemon; the fix depends on the platform', () => {
    assert.equal(explainDockerFailure({ ...base, code: 'ECONNREFUSED' }).kind, 'daemon-not-running');
    assert.match(explainDockerFailure({ ...base, code: 'ECONNREFUSED' }).fix, /systemctl start docker/);
    assert.match(explainDockerFailure({ ...base, code: 'ECONNREFUSED', platform: 'darwin' }).fix, /Docker Desktop/);
  });

  it('a connection dropped mid-request (the engine stopped) is "not running" too', () => {
    for (const code of ['ECONNRESET', 'EPIPE']) {
      const f = explainDockerFailure({ ...base, code });
      assert.equal(f.kind, 'daemon-not-running');
      assert.match(f.message, /dropped/);
      assert.match(f.fix, /systemctl start docker/);
    }
  });

  it('permission denied on Linux suggests the docker group', () => {
    const f = explainDockerFailure({ ...base, code: 'EACCES' });
    assert.equal(f.kind, 'permission-denied');
    assert.match(f.fix, /usermod -aG docker/);
  });

  it('timeouts name the setting that controls them', () => {
    const f = explainDockerFailure({ ...base, code: 'TIMEOUT', operation: 'list containers' });
    assert.equal(f.kind, 'timeout');
    assert.match(f.message, /while trying to list containers/);
    assert.match(f.fix, /dockwright\.docker\.requestTimeoutMs/);
  });

  it('HTTP 404 is "not found" whatever the code', () => {
    const f = explainDockerFailure({ ...base, statusCode: 404, message: 'No such container: abc' });
    assert.equal(f.kind, 'not-found');
    assert.match(f.message, /No such container: abc/);
  });

  it('anything else keeps the original message', () => {
    const f = explainDockerFailure({ ...base, statusCode: 500, message: 'driver failed' });
    assert.equal(f.kind, 'unknown');
    assert.match(f.message, /driver failed/);
  });
});

describe('explainDockerFailure: Podman, hung daemons, contexts', () => {
  it('a missing Docker socket next to a Podman socket points at Podman\'s', () => {
    const f = explainDockerFailure({ ...base, code: 'ENOENT', podmanSocket: '/run/user/1000/podman/podman.sock' });
    assert.equal(f.kind, 'socket-missing');
    assert.match(f.fix, /DOCKER_HOST=unix:\/\/\/run\/user\/1000\/podman\/podman\.sock/);
  });

  it('a Podman endpoint that is missing or refuses says how to start podman.socket', () => {
    const endpoint = 'unix:///run/user/1000/podman/podman.sock';
    assert.match(explainDockerFailure({ ...base, endpoint, code: 'ENOENT' }).fix, /systemctl --user enable --now podman\.socket/);
    const refused = explainDockerFailure({ ...base, endpoint, code: 'ECONNREFUSED' });
    assert.match(refused.message, /Podman API service is not running/);
  });

  it('a timeout says how long it waited, that the daemon may be hung, and how to restart it', () => {
    const f = explainDockerFailure({ ...base, code: 'TIMEOUT', timeoutMs: 1500 });
    assert.match(f.message, /did not answer within 1\.5 s.*hung/);
    assert.match(f.fix, /systemctl restart docker/);
  });

  it('names the docker context an endpoint came from', () => {
    const f = explainDockerFailure({ ...base, endpoint: 'tcp://build:2376', context: 'build', code: 'ECONNREFUSED' });
    assert.match(f.message, /tcp:\/\/build:2376 \(docker context "build"\)/);
  });
});
