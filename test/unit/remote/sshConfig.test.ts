import * as assert from 'node:assert/strict';
import { hostMatches, proxyArgv, sshSettingsFor } from '../../../src/core/remote/sshConfig';
import { verifyHostKey } from '../../../src/docker/sshAuth';
import { createHmac } from 'node:crypto';

const CONFIG = `# personal
Host build-box builder
  HostName 10.0.0.7
  User deploy
  Port 2222
  IdentityFile ~/.ssh/build_ed25519

Host *.internal !secret.internal
  IdentityFile ~/.ssh/internal
  IdentitiesOnly yes

Host *
  User everyone
  IdentityFile ~/.ssh/id_ed25519
  UserKnownHostsFile ~/.ssh/known_hosts ~/.ssh/known_hosts2
`;

describe('sshSettingsFor (~/.ssh/config)', () => {
  it('first value wins, identity files add up, in file order', () => {
    assert.deepEqual(sshSettingsFor(CONFIG, 'build-box'), {
      hostName: '10.0.0.7', user: 'deploy', port: 2222,
      identityFiles: ['~/.ssh/build_ed25519', '~/.ssh/id_ed25519'],
      userKnownHostsFiles: ['~/.ssh/known_hosts', '~/.ssh/known_hosts2'],
    });
  });

  it('wildcards and negations', () => {
    assert.equal(sshSettingsFor(CONFIG, 'db.internal').identitiesOnly, true);
    assert.deepEqual(sshSettingsFor(CONFIG, 'secret.internal').identityFiles, ['~/.ssh/id_ed25519']);
    assert.equal(hostMatches(['*.example.com'], 'a.example.com'), true);
    assert.equal(hostMatches(['host?'], 'host12'), false);
  });
});

describe('Include, ProxyJump and ProxyCommand', () => {
  const files: Record<string, string> = {
    'config.d/work.conf': 'Host box\n  HostName 10.1.2.3\n  ProxyJump admin@bastion:2200,inner\n',
    'config.d/zz.conf': 'Host box\n  User late\n',
    'other.conf': 'Host piped\n  ProxyCommand nc -X connect -x proxy:3128 %h %p\nHost box\n  ProxyCommand never-used\n',
  };
  const reader = (patterns: string[]) => patterns.flatMap((p) => Object.keys(files).filter((f) => (p.endsWith('*.conf') ? f.startsWith(p.slice(0, -6)) : f === p)).sort().map((f) => files[f]));
  const main = 'Include config.d/*.conf other.conf\n\nHost *\n  User everyone\n';

  it('reads included files in place, in order, and their Host blocks end with the file', () => {
    const box = sshSettingsFor(main, 'box', reader);
    assert.deepEqual([box.hostName, box.user, box.proxyJump, box.proxyCommand], ['10.1.2.3', 'late', ['admin@bastion:2200', 'inner'], undefined]);
    assert.equal(sshSettingsFor(main, 'piped', reader).proxyCommand, 'nc -X connect -x proxy:3128 %h %p');
    assert.equal(sshSettingsFor(main, 'piped', reader).user, 'everyone', 'the main file goes on after the Include');
    assert.equal(sshSettingsFor('Host box\n  Include other.conf\n', 'elsewhere', reader).proxyCommand, undefined, 'an Include in an inactive block is not read');
  });

  it('turns them into the command OpenSSH would run', () => {
    const target = { host: '10.1.2.3', port: 22, user: 'me' };
    assert.deepEqual(proxyArgv({ proxyJump: ['admin@bastion:2200', 'inner'] }, target), ['ssh', '-J', 'admin@bastion:2200', '-W', '[10.1.2.3]:22', 'inner']);
    assert.deepEqual(proxyArgv({ proxyJump: ['admin@bastion:2200'] }, target), ['ssh', '-p', '2200', '-W', '[10.1.2.3]:22', 'admin@bastion']);
    assert.deepEqual(proxyArgv({ proxyJump: ['ssh://[fe80::1]:2022'] }, target), ['ssh', '-p', '2022', '-W', '[10.1.2.3]:22', 'fe80::1']);
    assert.deepEqual(proxyArgv({ proxyCommand: 'nc %h %p # %r 100%%' }, target), ['/bin/sh', '-c', 'exec nc 10.1.2.3 22 # me 100%']);
    assert.equal(proxyArgv({ proxyJump: [] }, target), null, 'ProxyJump none');
    assert.equal(proxyArgv({ proxyCommand: 'none' }, target), null);
    assert.equal(proxyArgv({}, target), null);
  });
});

describe('verifyHostKey (known_hosts)', () => {
  const blob = (type: string, body: string) => {
    const t = Buffer.from(type);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(t.length);
    return Buffer.concat([len, t, Buffer.from(body)]);
  };
  const key = blob('ssh-ed25519', 'the-real-key');
  const other = blob('ssh-ed25519', 'another-key');

  it('plain entries, with [host]:port for ports other than 22', () => {
    const text = `[10.0.0.7]:2222 ssh-ed25519 ${key.toString('base64')}\n`;
    assert.equal(verifyHostKey(text, '10.0.0.7', 2222, key), 'known');
    assert.equal(verifyHostKey(text, '10.0.0.7', 22, key), 'unknown');
    assert.equal(verifyHostKey(text, '10.0.0.7', 2222, other), 'changed');
  });

  it('hashed entries (HashKnownHosts yes)', () => {
    const salt = Buffer.from('0123456789abcdefghij');
    const hash = createHmac('sha1', salt).update('build-box').digest('base64');
    const text = `|1|${salt.toString('base64')}|${hash} ssh-ed25519 ${key.toString('base64')}\n`;
    assert.equal(verifyHostKey(text, 'build-box', 22, key), 'known');
    assert.equal(verifyHostKey(text, 'other-box', 22, key), 'unknown');
  });

  it('a key of another type is unknown, not changed', () => {
    const text = `build-box ssh-rsa ${blob('ssh-rsa', 'rsa').toString('base64')}\n`;
    assert.equal(verifyHostKey(text, 'build-box', 22, key), 'unknown');
  });
});
