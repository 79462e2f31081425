/**
 * How Dockwright logs in to an ssh://user@host[:port] engine, as close to `ssh` as a library gets:
 *   - user, port and host name: the URL, else ~/.ssh/config (User, Port, HostName), else $USER/22;
 *   - keys, tried in this order: ssh-agent (SSH_AUTH_SOCK), the IdentityFile entries for that host
 *     in ~/.ssh/config, then ~/.ssh/id_ed25519, id_ecdsa, id_rsa (passphrase-protected files are
 *     skipped: load them into the agent);
 *   - the host key must be in ~/.ssh/known_hosts (or the UserKnownHostsFile): an unknown key or a
 *     changed one is refused, as the docker CLI's `ssh` refuses it without a terminal.
 */
import { createHmac } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { dirname, basename, isAbsolute, join } from 'node:path';
import type { AgentAuthMethod, ConnectConfig, PublicKeyAuthMethod } from 'ssh2';
import { hostMatches, proxyArgv, sshSettingsFor } from '../core/remote/sshConfig';
import { loadSsh2 } from './dockerode';

export interface SshLogin {
  host: string;
  port: number;
  username: string;
  /** Where the keys came from, e.g. ["ssh-agent", "~/.ssh/id_ed25519"], for messages and tests. */
  keySources: string[];
  /** Key files skipped because they need a passphrase. */
  lockedKeys: string[];
  authHandler: (AgentAuthMethod | PublicKeyAuthMethod)[];
  knownHostsFiles: string[];
  /** The ProxyCommand or ProxyJump the connection goes through (argv), or null for a direct one. */
  proxy: string[] | null;
}

const DEFAULT_KEYS = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

function homeOf(env: NodeJS.ProcessEnv): string {
  return env.HOME || homedir();
}

function expandHome(path: string, home: string): string {
  return path === '~' ? home : path.startsWith('~/') ? join(home, path.slice(2)) : path;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** What an Include line names: paths relative to ~/.ssh, `~`, and `*`/`?` in the file name. */
function includedTexts(patterns: string[], home: string): string[] {
  return patterns.flatMap((pattern) => {
    const path = expandHome(pattern, home);
    const full = isAbsolute(path) ? path : join(home, '.ssh', path);
    const name = basename(full);
    if (!/[*?]/.test(name)) return [readText(full)];
    let names: string[];
    try {
      names = readdirSync(dirname(full)).sort();
    } catch {
      return [];
    }
    return names.filter((n) => hostMatches([name], n)).map((n) => readText(join(dirname(full), n)));
  });
}

export function resolveSshLogin(url: string, env: NodeJS.ProcessEnv = process.env): SshLogin {
  const target = new URL(url);
  const home = homeOf(env);
  const settings = sshSettingsFor(readText(join(home, '.ssh', 'config')), target.hostname, (patterns) => includedTexts(patterns, home));
  const username = decodeURIComponent(target.username) || settings.user || env.USER || userInfo().username;
  const authHandler: SshLogin['authHandler'] = [];
  const keySources: string[] = [];
  const lockedKeys: string[] = [];
  if (env.SSH_AUTH_SOCK && !settings.identitiesOnly) {
    authHandler.push({ type: 'agent' as const, username, agent: env.SSH_AUTH_SOCK });
    keySources.push('ssh-agent');
  }
  const files = settings.identityFiles.length ? settings.identityFiles : DEFAULT_KEYS.map((k) => `~/.ssh/${k}`);
  const { utils } = loadSsh2();
  for (const file of files) {
    const path = expandHome(file, home);
    if (!existsSync(path)) continue;
    const key = readFileSync(path);
    const parsed = utils.parseKey(key);
    if (parsed instanceof Error) {
      lockedKeys.push(file);
      continue;
    }
    authHandler.push({ type: 'publickey' as const, username, key });
    keySources.push(file);
  }
  const knownHostsFiles = (settings.userKnownHostsFiles.length ? settings.userKnownHostsFiles : ['~/.ssh/known_hosts'])
    .map((f) => expandHome(f, home));
  const host = settings.hostName ?? target.hostname;
  const port = Number(target.port || settings.port || 22);
  return {
    host,
    port,
    username,
    keySources,
    lockedKeys,
    authHandler,
    knownHostsFiles,
    proxy: proxyArgv(settings, { host, port, user: username }),
  };
}

export type HostKeyVerdict = 'known' | 'unknown' | 'changed';

/** Whether one known_hosts host field names `name` (plain patterns or a hashed |1|salt|hash entry). */
function namesHost(field: string, name: string): boolean {
  if (field.startsWith('|1|')) {
    const [, , salt, hash] = field.split('|');
    return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
  }
  return hostMatches(field.split(','), name);
}

/** Checks a server's host key (its wire blob) against known_hosts text, the way OpenSSH does. */
export function verifyHostKey(knownHosts: string, host: string, port: number, key: Buffer): HostKeyVerdict {
  const name = port === 22 ? host : `[${host}]:${port}`;
  const keyType = key.subarray(4, 4 + key.readUInt32BE(0)).toString('latin1');
  const blob = key.toString('base64');
  let sawSameType = false;
  for (const raw of knownHosts.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('@')) continue;
    const [hosts, type, data] = line.split(/\s+/);
    if (!data || !namesHost(hosts, name)) continue;
    if (data === blob) return 'known';
    if (type === keyType) sawSameType = true;
  }
  return sawSameType ? 'changed' : 'unknown';
}

/** ssh2 connect options for a login; `onHostKey` hears the verdict (the error ssh2 raises says nothing). */
export function connectConfig(login: SshLogin, readyTimeoutMs: number, onHostKey: (verdict: HostKeyVerdict) => void): ConnectConfig {
  return {
    host: login.host,
    port: login.port,
    username: login.username,
    readyTimeout: readyTimeoutMs,
    keepaliveInterval: 5000,
    keepaliveCountMax: 3,
    authHandler: [...login.authHandler],
    hostVerifier: (key: Buffer) => {
      const text = login.knownHostsFiles.map(readText).join('\n');
      const verdict = verifyHostKey(text, login.host, login.port, key);
      onHostKey(verdict);
      return verdict === 'known';
    },
  };
}
