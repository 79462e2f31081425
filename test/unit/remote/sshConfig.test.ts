import * as assert from 'node:assert/strict';
import { hostMatches, sshSettingsFor } from '../../../src/core/remote/sshConfig';
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
