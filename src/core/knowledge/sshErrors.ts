/**
 * What went wrong reaching a Docker engine over SSH (ssh://user@host), in SSH terms. Pure: it
 * reads the facts two clients give — the ssh2 library behind the dashboard (error codes, its own
 * messages, and what `docker system dial-stdio` printed on the remote) and the docker CLI behind
 * builds (the `ssh` binary's stderr inside its "error during connect" text) — and says what to do.
 */
import type { DockerFailure } from './dockerErrors';

export interface SshFailureFacts {
  /** Node's or ssh2's error code (ECONNREFUSED, ENOTFOUND, ...) or 'TIMEOUT' from our own timer. */
  code?: string;
  /** The error message, the remote command's stderr, or the docker CLI's output. */
  text: string;
  /** ssh://user@host:port as configured. */
  endpoint: string;
  timeoutMs?: number;
}

interface Target {
  user: string;
  host: string;
  port: string;
  /** `ssh -p 2222 user@host`, to try by hand. */
  ssh: string;
}

function targetOf(endpoint: string): Target {
  try {
    const url = new URL(endpoint);
    const user = decodeURIComponent(url.username) || '$USER';
    const port = url.port || '22';
    return { user, host: url.hostname, port, ssh: `ssh ${port === '22' ? '' : `-p ${port} `}${user}@${url.hostname}` };
  } catch {
    return { user: '$USER', host: endpoint, port: '22', ssh: `ssh ${endpoint}` };
  }
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN']);
const DROPPED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'SSH_CLOSED']);

/** The SSH failure these facts describe, or undefined when they are not about SSH. */
export function explainSshFailure(facts: SshFailureFacts): DockerFailure | undefined {
  const t = targetOf(facts.endpoint);
  const text = facts.text;
  const where = `${t.user}@${t.host} (port ${t.port})`;
  const code = facts.code ?? /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)\b/.exec(text)?.[1];

  if (/REMOTE HOST IDENTIFICATION HAS CHANGED|host key (?:for \S+ )?(?:has )?changed|SSH_HOSTKEY_CHANGED/i.test(text) || code === 'SSH_HOSTKEY_CHANGED') {
    return {
      kind: 'ssh-host-key',
      message: `The SSH host key of ${t.host} has changed since it was saved in known_hosts: either the machine was reinstalled or someone is in between.`,
      fix: `If the change is expected, remove the old key with \`ssh-keygen -R ${t.port === '22' ? t.host : `'[${t.host}]:${t.port}'`}\` and accept the new one with \`${t.ssh}\`; otherwise do not connect.`,
    };
  }
  if (/Host key verification failed|No (?:ECDSA|ED25519|RSA)? ?host key is known|SSH_HOSTKEY_UNKNOWN/i.test(text) || code === 'SSH_HOSTKEY_UNKNOWN') {
    return {
      kind: 'ssh-host-key',
      message: `The SSH host key of ${t.host} is not in your known_hosts, so the connection was not trusted.`,
      fix: `Run \`${t.ssh}\` once in a terminal, check the fingerprint and answer "yes"; Dockwright and the docker CLI then trust it.`,
    };
  }
  if (/All configured authentication methods failed|Permission denied \((?:publickey|password|keyboard-interactive)[^)]*\)|SSH_AUTH_FAILED/.test(text) || code === 'SSH_AUTH_FAILED') {
    return {
      kind: 'ssh-auth-failed',
      message: `${where} refused the SSH key: authentication failed.`,
      fix: `Make sure \`${t.ssh}\` logs in without a password: load your key into ssh-agent (\`ssh-add\`) or name it with IdentityFile under "Host ${t.host}" in ~/.ssh/config, and add its .pub to ~/.ssh/authorized_keys of ${t.user} on ${t.host} (\`ssh-copy-id ${t.port === '22' ? '' : `-p ${t.port} `}${t.user}@${t.host}\`).`,
    };
  }
  if (/Encrypted private \w+ key detected, but no passphrase given|bad passphrase|Cannot parse privateKey/i.test(text)) {
    return {
      kind: 'ssh-auth-failed',
      message: `The SSH key for ${where} could not be used: ${/passphrase/i.test(text) ? 'it is protected by a passphrase' : 'it could not be read'}.`,
      fix: 'Load the key into ssh-agent (`ssh-add <key>`, with SSH_AUTH_SOCK set where VS Code runs): Dockwright uses the agent and never asks for passphrases.',
    };
  }
  if (/permission denied while trying to connect to the Docker daemon socket|dial unix [^:]+: connect: permission denied/i.test(text)) {
    return {
      kind: 'permission-denied',
      message: `${t.user} on ${t.host} may not use the Docker engine there: permission denied on its Docker socket.`,
      fix: `On ${t.host}, add the user to the docker group (\`sudo usermod -aG docker ${t.user}\`) and open a new SSH session, or connect as a user who may use docker.`,
    };
  }
  if (/docker: (?:command )?not found|exec: "?docker"?: executable file not found|docker: No such file or directory|exit (?:status|code) 127\b/i.test(text)) {
    return {
      kind: 'ssh-docker-missing',
      message: `The docker command is not on the PATH of ${t.user} on ${t.host} (for non-interactive SSH sessions).`,
      fix: `Install Docker on ${t.host}, or put the docker CLI on the PATH that \`${t.ssh} docker version\` sees (non-interactive shells skip ~/.bash_profile; /usr/bin or /usr/local/bin always work).`,
    };
  }
  if (/Cannot connect to the Docker daemon at (?:unix:|http:\/\/docker\.example\.com)|Is the docker daemon running\?/i.test(text)) {
    // The docker CLI says this when SSH worked but dial-stdio on the remote did not reach the
    // engine; it drops dial-stdio's own words, so "not running" and "not allowed" look the same.
    return {
      kind: 'daemon-not-running',
      message: `SSH to ${t.host} works, but docker on ${t.host} could not reach its engine: it is not running there, or ${t.user} may not use its socket.`,
      fix: `Run \`${t.ssh} docker info\` to see which: start the engine on ${t.host} (\`sudo systemctl start docker\`), or add ${t.user} to the docker group there (\`sudo usermod -aG docker ${t.user}\`).`,
    };
  }
  if ((code && UNREACHABLE_CODES.has(code)) || /Connection refused|Could not resolve hostname|No route to host|Network is unreachable/i.test(text)) {
    return {
      kind: 'ssh-unreachable',
      message: code === 'ENOTFOUND' || code === 'EAI_AGAIN' || /Could not resolve hostname/i.test(text)
        ? `The SSH host ${t.host} could not be found (DNS lookup failed).`
        : `The SSH server on ${t.host} port ${t.port} could not be reached: ${/refused/i.test(text) || code === 'ECONNREFUSED' ? 'the connection was refused' : 'no route to it'}.`,
      fix: `Check the host and port in DOCKER_HOST, the docker context or dockwright.docker.host (${facts.endpoint}), that sshd runs on ${t.host} and that \`${t.ssh}\` works from this machine.`,
    };
  }
  if (code === 'TIMEOUT' || code === 'ETIMEDOUT' || /Timed out while waiting for handshake|Connection timed out|Operation timed out/i.test(text)) {
    return {
      kind: 'timeout',
      message: `No answer over SSH from ${where} ${facts.timeoutMs ? `within ${facts.timeoutMs / 1000} s` : 'in time'}: the host, the network or its Docker engine is slow or down.`,
      fix: `Check that \`${t.ssh} docker version\` answers quickly; raise dockwright.docker.requestTimeoutMs for a slow link. Dockwright retries by itself.`,
    };
  }
  if ((code && DROPPED_CODES.has(code)) || /Connection (?:reset|closed) by|Broken pipe|Connection lost|socket hang up|Not connected/i.test(text)) {
    return {
      kind: 'daemon-not-running',
      message: `The SSH connection to ${where} dropped: the host, its sshd or its Docker engine went away.`,
      fix: `Dockwright reconnects by itself; check that \`${t.ssh} docker version\` works.`,
    };
  }
  return undefined;
}
