/**
 * What went wrong talking to the Docker daemon, in words a person can act on.
 * Pure: the adapter passes the facts of the failure (error code, HTTP status, endpoint, platform).
 */
import { explainSshFailure } from './sshErrors';
export type DockerFailureKind =
  | 'socket-missing'
  | 'daemon-not-running'
  | 'permission-denied'
  | 'timeout'
  | 'not-found'
  /** ssh:// engines (see sshErrors): the host or its sshd cannot be reached. */
  | 'ssh-unreachable'
  | 'ssh-auth-failed'
  | 'ssh-host-key'
  /** SSH works, but the remote user has no docker command. */
  | 'ssh-docker-missing'
  | 'unknown';

export interface DockerFailureFacts {
  /** Node's error code (ENOENT, ECONNREFUSED, EACCES, ETIMEDOUT, ...) or 'TIMEOUT' from our own timer. */
  code?: string;
  /** HTTP status from the Engine API, when it answered. */
  statusCode?: number;
  /** The daemon's or the library's own message. */
  message?: string;
  /** Where we tried to connect, e.g. unix:///var/run/docker.sock or tcp://host:2376. */
  endpoint: string;
  platform: 'linux' | 'darwin' | 'win32' | string;
  /** What we were doing, e.g. "list containers". */
  operation?: string;
  /** The docker context the endpoint came from, when not the default. */
  context?: string;
  /** A Podman API socket that exists on this machine, when the endpoint itself is missing. */
  podmanSocket?: string;
  /** The request timeout that ran out, in ms. */
  timeoutMs?: number;
}

export interface DockerFailure {
  kind: DockerFailureKind;
  /** One sentence: what happened. */
  message: string;
  /** What to do about it, for this platform. */
  fix: string;
}

function startDaemonFix(platform: string): string {
  switch (platform) {
    case 'darwin':
      return 'Start Docker Desktop (or your Colima/OrbStack VM) and wait until it reports that the engine is running.';
    case 'win32':
      return 'Start Docker Desktop and wait until it reports that the engine is running.';
    default:
      return 'Start the engine with `sudo systemctl start docker` (or `sudo dockerd &` where systemd is absent).';
  }
}

/** Whether the endpoint is Podman's Docker-compatible API socket. */
export function isPodmanEndpoint(endpoint: string): boolean {
  return /podman/i.test(endpoint);
}

function podmanStartFix(endpoint: string): string {
  return /\/run\/user\/|XDG_RUNTIME_DIR/.test(endpoint) || !/^unix:\/\/\/run\/podman/.test(endpoint)
    ? 'Start Podman\'s API socket: `systemctl --user enable --now podman.socket` (on macOS/Windows: `podman machine start`).'
    : 'Start Podman\'s API socket: `sudo systemctl enable --now podman.socket`.';
}

function installFix(platform: string): string {
  switch (platform) {
    case 'darwin':
    case 'win32':
      return 'Install Docker Desktop, or point DOCKER_HOST (or `docker context use`) at a running engine.';
    default:
      return 'Install the engine (`sudo apt-get install docker.io` on Debian/Ubuntu) and start it, or point DOCKER_HOST at a running engine.';
  }
}

export function explainDockerFailure(facts: DockerFailureFacts): DockerFailure {
  const where = facts.context ? `${facts.endpoint} (docker context "${facts.context}")` : facts.endpoint;
  const podman = isPodmanEndpoint(facts.endpoint);
  const doing = facts.operation ? ` while trying to ${facts.operation}` : '';
  if (facts.statusCode === 404) {
    return {
      kind: 'not-found',
      message: `Docker could not find it${doing}: ${facts.message ?? 'no such object'}.`,
      fix: 'It may have been removed in the meantime; refresh and try again.',
    };
  }
  if (facts.endpoint.startsWith('ssh://') && facts.statusCode === undefined) {
    const ssh = explainSshFailure({ code: facts.code, text: facts.message ?? '', endpoint: facts.endpoint, timeoutMs: facts.timeoutMs });
    if (ssh) return ssh;
  }
  switch (facts.code) {
    case 'ENOENT':
      return {
        kind: 'socket-missing',
        message: `No Docker engine found: ${where} does not exist${doing}.`,
        fix: podman ? podmanStartFix(facts.endpoint)
          : facts.podmanSocket
            ? `Podman's Docker-compatible socket is at ${facts.podmanSocket}: set DOCKER_HOST=unix://${facts.podmanSocket} (or the dockwright.docker.host setting). ${installFix(facts.platform)}`
            : installFix(facts.platform),
      };
    case 'ECONNREFUSED':
      return {
        kind: 'daemon-not-running',
        message: `The ${podman ? 'Podman API service' : 'Docker engine'} is not running: ${where} refused the connection${doing}.`,
        fix: podman ? podmanStartFix(facts.endpoint) : startDaemonFix(facts.platform),
      };
    case 'ECONNRESET':
    case 'EPIPE':
      // The engine went away in the middle of a request: stopped or restarting.
      return {
        kind: 'daemon-not-running',
        message: `The connection to the ${podman ? 'Podman API service' : 'Docker engine'} at ${where} dropped${doing}: it stopped or is restarting.`,
        fix: podman ? podmanStartFix(facts.endpoint) : startDaemonFix(facts.platform),
      };
    case 'EACCES':
    case 'EPERM':
      return {
        kind: 'permission-denied',
        message: `Permission denied on ${where}${doing}.`,
        fix: facts.platform === 'linux'
          ? 'Add yourself to the docker group (`sudo usermod -aG docker $USER`), then log out and back in.'
          : 'Make sure your user may use the Docker engine (Docker Desktop settings), then try again.',
      };
    case 'TIMEOUT':
    case 'ETIMEDOUT':
    case 'ABORT_ERR':
      return {
        kind: 'timeout',
        message: `The Docker engine at ${where} did not answer ${facts.timeoutMs ? `within ${facts.timeoutMs / 1000} s` : 'in time'}${doing}: it may be hung, starting or overloaded.`,
        fix: 'Wait a moment and retry; Dockwright retries by itself. If it stays hung, restart the engine ' +
          `(${facts.platform === 'linux' ? '`sudo systemctl restart docker`' : 'restart Docker Desktop'}). ` +
          'Raise dockwright.docker.requestTimeoutMs if it is just slow.',
      };
    default:
      return {
        kind: 'unknown',
        message: `Docker failed${doing}: ${facts.message ?? facts.code ?? 'unknown error'}.`,
        fix: 'Check that `docker info` works in a terminal with the same DOCKER_HOST and context.',
      };
  }
}
