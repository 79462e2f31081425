/**
 * The few ~/.ssh/config settings an ssh:// Docker endpoint needs, read the way OpenSSH reads them:
 * `Host` blocks whose patterns match the host name (`*`, `?`, `!negation`), first value wins,
 * `Include` read in place (the adapter reads the files). Pure: the adapter passes the texts.
 * `Match` blocks are skipped: their conditions (exec, localuser...) need more than a file.
 */

export interface SshHostSettings {
  hostName?: string;
  user?: string;
  port?: number;
  /** IdentityFile entries in order, `~` not yet expanded. */
  identityFiles: string[];
  userKnownHostsFiles: string[];
  identitiesOnly?: boolean;
  /** ProxyJump's hosts, in order ([] for `none`). */
  proxyJump?: string[];
  /** ProxyCommand as written (tokens not yet expanded), or 'none'. */
  proxyCommand?: string;
}

/** The texts of the files an `Include` line names (its words as written), in order. */
export type IncludeReader = (patterns: string[]) => string[];

/** OpenSSH follows at most this many nested Includes. */
const INCLUDE_DEPTH = 16;

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

export function sshSettingsFor(configText: string, host: string, include: IncludeReader = () => []): SshHostSettings {
  const out: SshHostSettings = { identityFiles: [], userKnownHostsFiles: [] };
  readInto(out, configText, host, include, 0);
  return out;
}

/** Reads one file's lines into `out`; an Include inside an active block reads its files in place. */
function readInto(out: SshHostSettings, configText: string, host: string, include: IncludeReader, depth: number): void {
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
      case 'include':
        // Host and Match lines inside an included file start blocks there; they end with the file.
        if (depth < INCLUDE_DEPTH) for (const text of include(words(value))) readInto(out, text, host, include, depth + 1);
        break;
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
      // The first of ProxyJump and ProxyCommand wins, as in OpenSSH.
      case 'proxyjump':
        if (out.proxyJump === undefined && out.proxyCommand === undefined) out.proxyJump = /^none$/i.test(value) ? [] : value.split(',').map((h) => h.trim()).filter(Boolean);
        break;
      case 'proxycommand':
        if (out.proxyJump === undefined && out.proxyCommand === undefined) out.proxyCommand = value;
        break;
    }
  }
}

/**
 * The command that carries the SSH connection, as OpenSSH runs it: ProxyCommand with %h %p %r %%
 * expanded (through the shell), or ProxyJump as `ssh -J first,... -W [host]:port last`. Null for none.
 */
export function proxyArgv(settings: Pick<SshHostSettings, 'proxyJump' | 'proxyCommand'>, target: { host: string; port: number; user: string }): string[] | null {
  if (settings.proxyCommand !== undefined && !/^none$/i.test(settings.proxyCommand)) {
    const command = settings.proxyCommand.replace(/%([hpr%])/g, (_m, token: string) =>
      token === 'h' ? target.host : token === 'p' ? String(target.port) : token === 'r' ? target.user : '%');
    return ['/bin/sh', '-c', `exec ${command}`];
  }
  if (settings.proxyJump?.length) {
    const jumps = [...settings.proxyJump];
    // [user@]host[:port], or an ssh:// URI: ssh takes the port of its destination as -p.
    const last = /^(?:ssh:\/\/)?((?:[^@/]+@)?(?:\[[^\]]+\]|[^:/]+))(?::(\d+))?\/?$/.exec(jumps.pop()!);
    if (!last) return null;
    const host = last[1].replace(/\[([^\]]+)\]$/, '$1');
    return ['ssh', ...(jumps.length ? ['-J', jumps.join(',')] : []), ...(last[2] ? ['-p', last[2]] : []), '-W', `[${target.host}]:${target.port}`, host];
  }
  return null;
}
