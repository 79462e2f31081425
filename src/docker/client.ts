import type Docker from 'dockerode';
import { explainDockerFailure, type DockerFailure } from '../core/knowledge/dockerErrors';
import { loadDockerode } from './dockerode';
import { resolveEndpoint, type DockerEndpoint } from './endpoint';
import { findPodmanSocket } from './podman';
import { sshTransportFor, type SshTransport, type Tunnel } from './sshTransport';
import { DEFAULT_TIMEOUT_MS } from './timeouts';
import type { EngineSummary } from './types';

/** A failure of the engine, already put into words (see core/knowledge/dockerErrors). */
export class DockerError extends Error {
  constructor(readonly failure: DockerFailure, readonly cause?: unknown) {
    super(failure.message);
    this.name = 'DockerError';
  }
}


/**
 * dockerode accepts an abortSignal on these calls at run time (lib/docker.js), but
 * @types/dockerode 4.0 only types their option-less forms.
 */
interface AbortableCalls {
  version(options: { abortSignal: AbortSignal }): Promise<Docker.DockerVersion>;
  info(options: { abortSignal: AbortSignal }): Promise<Record<string, unknown>>;
  ping(options: { abortSignal: AbortSignal }): Promise<unknown>;
}

interface ErrorLike {
  code?: string;
  statusCode?: number;
  message?: string;
  name?: string;
  json?: { message?: string };
}

/** The one place where raw failures (socket errors, HTTP errors, our timeouts) become DockerErrors. */
export function toDockerError(err: unknown, endpoint: DockerEndpoint, operation: string, timeoutMs?: number): DockerError {
  if (err instanceof DockerError) return err;
  const e = (err ?? {}) as ErrorLike;
  const code = e.name === 'AbortError' || e.name === 'TimeoutError' ? 'TIMEOUT' : e.code;
  const failure = explainDockerFailure({
    code,
    statusCode: e.statusCode,
    message: e.json?.message ?? e.message,
    endpoint: endpoint.display,
    platform: process.platform,
    operation,
    context: endpoint.context,
    podmanSocket: code === 'ENOENT' ? findPodmanSocket() : undefined,
    timeoutMs,
  });
  return new DockerError(failure, err);
}

/**
 * The daemon adapter. dockerode has no default timeout, so every request here carries an
 * AbortSignal that fires after `timeoutMs`.
 */
export class DockerClient {
  readonly endpoint: DockerEndpoint;
  private dockerode: Docker | undefined;

  constructor(readonly timeoutMs = DEFAULT_TIMEOUT_MS, private readonly env: NodeJS.ProcessEnv = process.env) {
    this.endpoint = resolveEndpoint(env);
  }

  /** A client as the person's settings say, read now: the request timeout, and DOCKER_HOST from dockwright.docker.host. */
  static fromSettings(settings: { readSettings(): { requestTimeoutMs: number }; dockerEnvironment(): NodeJS.ProcessEnv }): DockerClient {
    return new DockerClient(settings.readSettings().requestTimeoutMs, settings.dockerEnvironment());
  }

  /** Made on first use: creating a client (as every engine check does) must not load dockerode. */
  get docker(): Docker {
    this.dockerode ??= new (loadDockerode())(this.ssh
      // HTTP through our own agent: each connection is a `docker system dial-stdio` channel. The
      // agent ignores the socket path; it is there because VS Code's proxy support replaces the
      // agent of any request to a host name (and looks the name up) but leaves socket requests be.
      // docker-modem takes `agent`; @types/dockerode does not list it. Its defaults come from
      // DOCKER_HOST (an ssh:// host, its own SSH client): host and protocol say otherwise.
      ? { socketPath: `ssh-channel:${this.endpoint.display}`, host: undefined, port: undefined, protocol: 'http', agent: this.ssh.agent } as Docker.DockerOptions
      : this.endpoint.options);
    return this.dockerode;
  }

  /** The SSH connection of an ssh:// endpoint, shared with every client of the same endpoint. */
  get ssh(): SshTransport | undefined {
    return this.endpoint.options.protocol === 'ssh' ? sshTransportFor(this.endpoint.display, this.env, this.timeoutMs) : undefined;
  }

  /**
   * A port published by a container, as a URL this machine can open: the port itself for a local
   * engine, a tunnel through the SSH connection (closed with the returned function) for a remote one.
   */
  async reachPort(hostPort: number): Promise<{ url: string; tunnel?: Tunnel }> {
    const ssh = this.ssh;
    if (!ssh) return { url: `http://127.0.0.1:${hostPort}/` };
    const tunnel = await this.request(`forward port ${hostPort} over SSH`, () => ssh.forward(hostPort));
    return { url: `http://127.0.0.1:${tunnel.localPort}/`, tunnel };
  }

  private get calls(): AbortableCalls {
    return this.docker as unknown as AbortableCalls;
  }

  /** Runs one request with a timeout and translates whatever goes wrong. */
  async request<T>(operation: string, run: (abortSignal: AbortSignal) => Promise<T>, timeoutMs = this.timeoutMs): Promise<T> {
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      return await run(signal);
    } catch (err) {
      throw toDockerError(signal.aborted ? { code: 'TIMEOUT' } : err, this.endpoint, operation, timeoutMs);
    }
  }

  async ping(): Promise<void> {
    await this.request('reach the engine', (abortSignal) => this.calls.ping({ abortSignal }));
  }

  async summary(): Promise<EngineSummary> {
    const [version, info] = await Promise.all([
      this.request('read the engine version', (abortSignal) => this.calls.version({ abortSignal })),
      this.request('read the engine info', (abortSignal) => this.calls.info({ abortSignal })),
    ]);
    return {
      version: version.Version,
      apiVersion: version.ApiVersion,
      os: version.Os,
      arch: version.Arch,
      containersRunning: Number(info.ContainersRunning ?? 0),
      images: Number(info.Images ?? 0),
      endpoint: this.endpoint.display,
      context: this.endpoint.context,
    };
  }
}
