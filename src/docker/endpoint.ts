import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DockerOptions } from 'dockerode';

/** Where the engine is, resolved the way the docker CLI does: DOCKER_HOST, then the current context. */
export interface DockerEndpoint {
  /** As a person reads it: unix:///var/run/docker.sock, tcp://host:2376, npipe:////./pipe/docker_engine */
  display: string;
  options: DockerOptions;
  /** The context it came from, when not the default. */
  context?: string;
}

const DEFAULT_SOCKET = process.platform === 'win32' ? '//./pipe/docker_engine' : '/var/run/docker.sock';

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The host URL of a docker context, from ~/.docker/contexts/meta/<sha256(name)>/meta.json. */
function contextHost(configDir: string, name: string): string | undefined {
  const digest = createHash('sha256').update(name).digest('hex');
  const meta = readJson(join(configDir, 'contexts', 'meta', digest, 'meta.json')) as
    | { Endpoints?: { docker?: { Host?: string } } }
    | undefined;
  return meta?.Endpoints?.docker?.Host;
}

export function optionsForHost(host: string, env: NodeJS.ProcessEnv = process.env): DockerOptions {
  const url = new URL(host);
  switch (url.protocol) {
    case 'unix:':
      return { socketPath: url.pathname };
    case 'npipe:':
      return { socketPath: host.slice('npipe://'.length).replace(/\//g, '\\') };
    case 'tcp:':
    case 'http:':
    case 'https:': {
      const tls = url.protocol === 'https:' || env.DOCKER_TLS_VERIFY === '1';
      return { host: url.hostname, port: Number(url.port || (tls ? 2376 : 2375)), protocol: tls ? 'https' : 'http' };
    }
    case 'ssh:':
      return { host: url.hostname, port: Number(url.port || 22), username: url.username || undefined, protocol: 'ssh' };
    default:
      throw new Error(`Unsupported Docker host "${host}": expected unix://, tcp://, ssh:// or npipe://`);
  }
}

export function resolveEndpoint(env: NodeJS.ProcessEnv = process.env): DockerEndpoint {
  if (env.DOCKER_HOST) {
    return { display: env.DOCKER_HOST, options: optionsForHost(env.DOCKER_HOST, env) };
  }
  const configDir = env.DOCKER_CONFIG || join(homedir(), '.docker');
  const config = readJson(join(configDir, 'config.json')) as { currentContext?: string } | undefined;
  const context = env.DOCKER_CONTEXT || config?.currentContext;
  if (context && context !== 'default') {
    const host = contextHost(configDir, context);
    if (host) return { display: host, options: optionsForHost(host, env), context };
  }
  const display = process.platform === 'win32' ? `npipe://${DEFAULT_SOCKET}` : `unix://${DEFAULT_SOCKET}`;
  return { display, options: { socketPath: DEFAULT_SOCKET } };
}
