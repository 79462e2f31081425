/**
 * The Engine API over SSH, as the docker CLI does it: one SSH connection per endpoint, and for
 * each HTTP connection a channel running `docker system dial-stdio` on the remote, kept alive
 * for the next request (starting dial-stdio costs a few hundred ms). dockerode's own ssh agent
 * opens a new SSH connection and a new dial-stdio for every request, and never says why one
 * failed. Shared by every DockerClient of the same endpoint; closeSshTransports() ends them.
 */
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import * as net from 'node:net';
import { Duplex } from 'node:stream';
import type { Client, ClientChannel } from 'ssh2';
import { connectConfig, resolveSshLogin, type HostKeyVerdict, type SshLogin } from './sshAuth';
import { loadSsh2 } from './dockerode';

/** An SSH-level failure with a code sshErrors knows (SSH_AUTH_FAILED, SSH_HOSTKEY_*, SSH_REMOTE, …). */
export class SshFailure extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = 'SshFailure';
  }
}

export interface Tunnel {
  localPort: number;
  remotePort: number;
  close(): Promise<void>;
}

const DIAL = 'docker system dial-stdio';
/** Idle dial-stdio channels kept for the next request (each is a process on the remote). */
const IDLE_CHANNELS = 2;

/**
 * A dial-stdio channel as the socket of one HTTP connection. Its end is held back until the
 * remote command's exit status is known, so a failed dial-stdio ("docker: command not found",
 * "permission denied … docker.sock") reaches the request as that text, not as "socket hang up".
 */
class DialSocket extends Duplex {
  private received = false;
  private exitCode: number | null = null;
  private stderr = '';

  constructor(private readonly channel: ClientChannel) {
    super();
    channel.on('data', (d: Buffer) => {
      this.received = true;
      if (!this.push(d)) channel.pause();
    });
    channel.stderr.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString('utf8')).slice(-2000)));
    channel.on('exit', (code: number | null) => (this.exitCode = code));
    channel.on('error', (err: Error) => this.destroy(err));
    channel.on('close', () => {
      if (this.exitCode && !this.received) {
        this.destroy(new SshFailure(`${DIAL} on the remote exited with status ${this.exitCode}: ${this.stderr.trim()}`, 'SSH_REMOTE'));
      } else {
        this.push(null);
        this.destroy();
      }
    });
  }

  override _read(): void {
    this.channel.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (err?: Error | null) => void): void {
    if (this.channel.write(chunk)) done();
    else this.channel.once('drain', () => done());
  }

  override _final(done: () => void): void {
    this.channel.end();
    done();
  }

  override _destroy(err: Error | null, done: (err: Error | null) => void): void {
    this.channel.destroy();
    done(err);
  }

  // What Node's http.Agent calls on a kept-alive socket; a channel has no such settings.
  setKeepAlive(): this { return this; }
  setNoDelay(): this { return this; }
  setTimeout(): this { return this; }
  ref(): this { return this; }
  unref(): this { return this; }
}

export class SshTransport {
  private connection: Promise<Client> | undefined;
  private readonly tunnels = new Set<net.Server>();
  readonly agent: http.Agent;

  constructor(readonly url: string, private readonly env: NodeJS.ProcessEnv, private readonly timeoutMs: number) {
    const agent = new http.Agent({ keepAlive: true, maxFreeSockets: IDLE_CHANNELS });
    // Node's Agent accepts an asynchronous createConnection(options, callback); its types do not say so.
    (agent as unknown as { createConnection: unknown }).createConnection =
      (_options: unknown, done: (err: Error | null, socket?: Duplex) => void) => {
        this.openDialSocket().then((socket) => done(null, socket), (err: Error) => done(err));
      };
    this.agent = agent;
  }

  get login(): SshLogin {
    return resolveSshLogin(this.url, this.env);
  }

  private connect(): Promise<Client> {
    const pending: Promise<Client> = this.connection ?? new Promise<Client>((resolve, reject) => {
      const login = this.login;
      let hostKey: HostKeyVerdict | undefined;
      const client = new (loadSsh2().Client)();
      const forget = () => {
        if (this.connection === pending) this.connection = undefined;
      };
      const proxy = login.proxy ? this.startProxy(login.proxy) : undefined;
      client.once('ready', () => resolve(client));
      client.on('error', (err: Error & { level?: string }) => {
        forget();
        proxy?.stop();
        reject(this.explain(proxy?.failure() ? Object.assign(new Error(proxy.failure()), { level: err.level }) : err, login, hostKey));
      });
      client.on('close', () => {
        forget();
        proxy?.stop();
      });
      client.connect({ ...connectConfig(login, this.timeoutMs, (verdict) => (hostKey = verdict)), ...(proxy ? { sock: proxy.socket } : {}) });
    });
    this.connection = pending;
    return pending;
  }

  /**
   * The ProxyCommand or ProxyJump the connection goes through, as OpenSSH runs it: its stdin and
   * stdout carry the SSH stream; what it prints on stderr (ssh's own errors for a jump host) is
   * the reason when the connection fails.
   */
  private startProxy(argv: string[]): { socket: Duplex; stop(): void; failure(): string } {
    const child = spawn(argv[0], argv.slice(1), { env: this.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    let spawnError = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = `${stderr}${chunk}`.slice(-2000)));
    child.on('error', (err) => (spawnError = `cannot run the SSH proxy command ${argv.join(' ')}: ${err.message}`));
    const socket = Duplex.from({ readable: child.stdout, writable: child.stdin });
    socket.on('error', () => undefined);
    return {
      socket,
      stop: () => {
        if (child.exitCode === null && child.signalCode === null) child.kill();
      },
      failure: () => spawnError || stderr.trim(),
    };
  }

  /** Turns ssh2's terse errors into ones that sshErrors classifies. */
  private explain(err: Error & { level?: string }, login: SshLogin, hostKey: HostKeyVerdict | undefined): Error {
    const files = login.knownHostsFiles.join(', ');
    if (hostKey === 'changed') return new SshFailure(`The host key of ${login.host} has changed (known_hosts: ${files})`, 'SSH_HOSTKEY_CHANGED');
    if (hostKey === 'unknown') return new SshFailure(`No host key is known for ${login.host} port ${login.port} in ${files}`, 'SSH_HOSTKEY_UNKNOWN');
    if (err.level === 'client-authentication') {
      const tried = login.keySources.length ? login.keySources.join(', ') : 'no key';
      const locked = login.lockedKeys.length ? `; skipped (passphrase): ${login.lockedKeys.join(', ')}` : '';
      return new SshFailure(`${err.message} for ${login.username}@${login.host} (tried ${tried}${locked})`, 'SSH_AUTH_FAILED');
    }
    if (err.level === 'client-timeout') return new SshFailure(err.message, 'TIMEOUT');
    return err;
  }

  private async openDialSocket(): Promise<DialSocket> {
    const client = await this.connect();
    const channel = await new Promise<ClientChannel>((resolve, reject) =>
      client.exec(DIAL, (err, stream) => (err ? reject(err) : resolve(stream))));
    return new DialSocket(channel);
  }

  /**
   * A local port on 127.0.0.1 that reaches `remotePort` on the remote host's loopback, where a
   * container publishes with -p 127.0.0.1:PORT (or on every interface): ssh -L done with ssh2.
   */
  async forward(remotePort: number, remoteHost = '127.0.0.1'): Promise<Tunnel> {
    await this.connect();
    const server = net.createServer((local) => {
      this.connect().then((client) => client.forwardOut('127.0.0.1', local.localPort ?? 0, remoteHost, remotePort, (err, channel) => {
        if (err) {
          local.destroy();
          return;
        }
        local.pipe(channel).pipe(local);
        local.on('error', () => channel.destroy());
        channel.on('error', () => local.destroy());
      }), () => local.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    this.tunnels.add(server);
    const localPort = (server.address() as net.AddressInfo).port;
    return {
      localPort,
      remotePort,
      close: () => new Promise<void>((resolve) => {
        this.tunnels.delete(server);
        server.close(() => resolve());
      }),
    };
  }

  /** Ends the SSH connection and every tunnel. */
  close(): void {
    this.agent.destroy();
    for (const server of this.tunnels) server.close();
    this.tunnels.clear();
    const connection = this.connection;
    this.connection = undefined;
    connection?.then((c) => c.end(), () => undefined).catch(() => undefined);
  }
}

const shared = new Map<string, SshTransport>();

/** The one transport of an endpoint (by URL and the environment that shapes its login). */
export function sshTransportFor(url: string, env: NodeJS.ProcessEnv, timeoutMs: number): SshTransport {
  const key = `${url}\n${env.HOME ?? ''}\n${env.SSH_AUTH_SOCK ?? ''}`;
  let transport = shared.get(key);
  if (!transport) {
    transport = new SshTransport(url, env, timeoutMs);
    shared.set(key, transport);
  }
  return transport;
}

/** Ends every SSH connection and tunnel (the CLI when done, tests). */
export function closeSshTransports(): void {
  for (const transport of shared.values()) transport.close();
  shared.clear();
}
