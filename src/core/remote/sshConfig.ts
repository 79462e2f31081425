/**
 * The few ~/.ssh/config settings an ssh:// Docker endpoint needs, read the way OpenSSH reads them:
 * `Host` blocks whose patterns match the host name (`*`, `?`, `!negation`), first value wins.
 * Pure: the adapter passes the file's text. Match, Include and tokens other than ~ are not read.
 */

export interface SshHostSettings {
  hostName?: string;
  user?: string;
  port?: number;
  /** IdentityFile entries in order, `~` not yet expanded. */
  identityFiles: string[];
  userKnownHostsFiles: string[];
  identitiesOnly?: boolean;
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** Whether a `Host` line's patterns select `host`: one positive match and no negated one. */
export function hostMatches(patterns: string[], host: string): boolean {
  let matched = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    if (globToRegExp(negated ? pattern.slice(1) : pattern).test(host)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

function words(value: string): string[] {
  return [...value.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

export function sshSettingsFor(configText: string, host: string): SshHostSettings {
  const out: SshHostSettings = { identityFiles: [], userKnownHostsFiles: [] };
  let active = true;
  for (const raw of configText.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(\S+?)(?:\s*=\s*|\s+)(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1].toLowerCase();
    const value = m[2].trim();
    if (key === 'host') {
      active = hostMatches(words(value), host);
      continue;
    }
    if (key === 'match') {
      active = false;
      continue;
    }
    if (!active) continue;
    switch (key) {
      case 'hostname':
        out.hostName ??= words(value)[0];
        break;
      case 'user':
        out.user ??= words(value)[0];
        break;
      case 'port':
        out.port ??= Number(value) || undefined;
        break;
      case 'identityfile':
        out.identityFiles.push(words(value)[0]);
        break;
      case 'userknownhostsfile':
        if (!out.userKnownHostsFiles.length) out.userKnownHostsFiles.push(...words(value));
        break;
      case 'identitiesonly':
        out.identitiesOnly ??= /^yes$/i.test(value);
        break;
    }
  }
  return out;
}
