/**
 * The texts below are what ssh2 (through SshTransport) and the docker CLI 20.10 printed in the
 * docker test test/docker/sshEngine.test.ts against a real sshd (DOCKWRIGHT_SSH_CAPTURE=1).
 */
import * as assert from 'node:assert/strict';
import { analyzeBuildFailure } from '../../../src/core/build/buildFailure';
import { explainDockerFailure } from '../../../src/core/knowledge/dockerErrors';
import { explainSshFailure } from '../../../src/core/knowledge/sshErrors';

const endpoint = 'ssh://root@127.0.0.1:42793';
const cli = (status: number, stderr: string) => '\nerror during connect: Get "http://docker.example.com/v1.24/version": ' +
  `command [ssh -l root -p 42793 -- 127.0.0.1 docker system dial-stdio] has exited with exit status ${status}, please make sure ` +
  `the URL is valid, and Docker 18.09 or later is installed on the remote host: stderr=${stderr}\n`;

const CAPTURED = {
  ssh2: {
    refused: { code: 'ECONNREFUSED', text: 'connect ECONNREFUSED 127.0.0.1:35237' },
    wrongKey: { code: 'SSH_AUTH_FAILED', text: 'All configured authentication methods failed for root@127.0.0.1 (tried /tmp/x/wrong-key/.ssh/id_ed25519)' },
    changedHostKey: { code: 'SSH_HOSTKEY_CHANGED', text: 'The host key of 127.0.0.1 has changed (known_hosts: /tmp/x/.ssh/known_hosts)' },
    dockerMissing: { code: 'SSH_REMOTE', text: 'docker system dial-stdio on the remote exited with status 127: bash: line 1: docker: command not found' },
    socketDenied: { code: 'SSH_REMOTE', text: 'docker system dial-stdio on the remote exited with status 1: failed to open the raw stream connection: dial unix /var/run/docker.sock: connect: permission denied' },
  },
  cli: {
    refused: cli(255, 'ssh: connect to host 127.0.0.1 port 35237: Connection refused\r\n'),
    wrongKey: cli(255, 'root@127.0.0.1: Permission denied (publickey).\r\n'),
    changedHostKey: cli(255, '@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\r\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\r\n' +
      '@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\r\nIT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!\r\n' +
      'Host key for [127.0.0.1]:42793 has changed and you have requested strict checking.\r\nHost key verification failed.\r\n'),
    unknownHostKey: cli(255, 'No ED25519 host key is known for [127.0.0.1]:42793 and you have requested strict checking.\r\nHost key verification failed.\r\n'),
    dockerMissing: cli(127, 'bash: line 1: docker: command not found\n'),
    socketDenied: '\nCannot connect to the Docker daemon at http://docker.example.com. Is the docker daemon running?\n',
  },
};

const kind = (facts: { code?: string; text: string }) => explainSshFailure({ ...facts, endpoint })?.kind;

describe('explainSshFailure', () => {
  it('host unreachable: a refused connection, an unknown name', () => {
    assert.equal(kind(CAPTURED.ssh2.refused), 'ssh-unreachable');
    assert.equal(kind({ text: CAPTURED.cli.refused }), 'ssh-unreachable');
    const dns = explainSshFailure({ code: 'ENOTFOUND', text: 'getaddrinfo ENOTFOUND build-box', endpoint: 'ssh://me@build-box' });
    assert.match(dns?.message ?? '', /build-box could not be found/);
    assert.match(dns?.fix ?? '', /`ssh me@build-box`/);
  });

  it('key refused: says which user and host, and how to install the key', () => {
    for (const f of [CAPTURED.ssh2.wrongKey, { text: CAPTURED.cli.wrongKey }]) {
      const failure = explainSshFailure({ ...f, endpoint });
      assert.equal(failure?.kind, 'ssh-auth-failed');
      assert.match(failure?.message ?? '', /root@127\.0\.0\.1 \(port 42793\) refused the SSH key/);
      assert.match(failure?.fix ?? '', /ssh-add/);
      assert.match(failure?.fix ?? '', /ssh-copy-id -p 42793 root@127\.0\.0\.1/);
    }
  });

  it('a passphrase-protected key asks for ssh-agent', () => {
    const f = explainSshFailure({ text: 'Cannot parse privateKey: Encrypted private OpenSSH key detected, but no passphrase given', endpoint });
    assert.equal(f?.kind, 'ssh-auth-failed');
    assert.match(f?.fix ?? '', /ssh-agent/);
  });

  it('host key changed or unknown', () => {
    for (const f of [CAPTURED.ssh2.changedHostKey, { text: CAPTURED.cli.changedHostKey }]) {
      const failure = explainSshFailure({ ...f, endpoint });
      assert.equal(failure?.kind, 'ssh-host-key');
      assert.match(failure?.message ?? '', /has changed/);
      assert.match(failure?.fix ?? '', /ssh-keygen -R '\[127\.0\.0\.1\]:42793'/);
    }
    const unknown = explainSshFailure({ text: CAPTURED.cli.unknownHostKey, endpoint });
    assert.equal(unknown?.kind, 'ssh-host-key');
    assert.match(unknown?.message ?? '', /not in your known_hosts/);
    assert.equal(kind({ code: 'SSH_HOSTKEY_UNKNOWN', text: 'No host key is known for 127.0.0.1 port 42793' }), 'ssh-host-key');
  });

  it('docker not on the remote PATH', () => {
    assert.equal(kind(CAPTURED.ssh2.dockerMissing), 'ssh-docker-missing');
    assert.equal(kind({ text: CAPTURED.cli.dockerMissing }), 'ssh-docker-missing');
    assert.match(explainSshFailure({ text: CAPTURED.cli.dockerMissing, endpoint })?.message ?? '', /not on the PATH of root on 127\.0\.0\.1/);
  });

  it('a remote user who may not use docker.sock; the CLI cannot tell it from a stopped engine', () => {
    const f = explainSshFailure({ ...CAPTURED.ssh2.socketDenied, endpoint });
    assert.equal(f?.kind, 'permission-denied');
    assert.match(f?.fix ?? '', /usermod -aG docker root/);
    const viaCli = explainSshFailure({ text: CAPTURED.cli.socketDenied, endpoint });
    assert.equal(viaCli?.kind, 'daemon-not-running');
    assert.match(viaCli?.message ?? '', /not running there, or root may not use its socket/);
  });

  it('a dropped connection and a timeout', () => {
    assert.equal(kind({ code: 'ECONNRESET', text: 'read ECONNRESET' }), 'daemon-not-running');
    const t = explainSshFailure({ code: 'TIMEOUT', text: '', endpoint, timeoutMs: 5000 });
    assert.equal(t?.kind, 'timeout');
    assert.match(t?.message ?? '', /within 5 s/);
  });

  it('says nothing about texts that are not about SSH', () => {
    assert.equal(kind({ text: 'no space left on device' }), undefined);
  });
});

describe('explainDockerFailure on ssh:// endpoints', () => {
  it('uses the SSH words, but an HTTP status from the engine stays an engine answer', () => {
    const facts = { endpoint, platform: 'linux' };
    assert.equal(explainDockerFailure({ ...facts, code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:42793' }).kind, 'ssh-unreachable');
    assert.equal(explainDockerFailure({ ...facts, statusCode: 404, message: 'No such container: x' }).kind, 'not-found');
    assert.equal(explainDockerFailure({ endpoint: 'unix:///var/run/docker.sock', platform: 'linux', code: 'ECONNREFUSED' }).kind, 'daemon-not-running');
  });
});

describe('build hints for a remote engine', () => {
  it('a build that cannot reach the engine over ssh says why in SSH terms', () => {
    const failure = analyzeBuildFailure(CAPTURED.cli.wrongKey);
    assert.equal(failure.hint?.id, 'remote-engine');
    assert.match(failure.hint?.message ?? '', /root@127\.0\.0\.1 \(port 42793\) refused the SSH key/);
  });
});
