/**
 * A remote engine over SSH, for real: a private sshd on 127.0.0.1 (sshEngine.ts) in front of this
 * machine's engine. The dashboard's feeds, a CLI build, `dockwright doctor` and a port tunnel go
 * through ssh://; wrong keys, changed host keys, a missing docker and a dropped sshd say so in SSH
 * terms. The texts ssh2 and the docker CLI print are logged (DOCKWRIGHT_SSH_CAPTURE=1) for the
 * unit tests of sshErrors.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { explainSshFailure } from '../../src/core/knowledge/sshErrors';
import { runBuild } from '../../src/docker/buildRunner';
import { DockerClient, DockerError } from '../../src/docker/client';
import { listContainerRows } from '../../src/docker/containers';
import { imageSize, listLabelledImages } from '../../src/docker/images';
import { closeSshTransports } from '../../src/docker/sshTransport';
import type { ConnectionState } from '../../src/docker/types';
import { ContainersFeed } from '../../src/dashboard/containersFeed';
import { LogsFeed } from '../../src/dashboard/logsFeed';
import type { HostMessage } from '../../src/shared/protocol';
import { startSshEngine, type SshEngine } from './sshEngine';
import { RUN_LABEL, dockerPath, httpGet, publishedPort, removeRunArtifacts, requireEngine, runId } from './support';

const BASE = 'python:3.11-slim';
const capture = (what: string, text: string) => {
  if (process.env.DOCKWRIGHT_SSH_CAPTURE) console.log(`      [captured ${what}] ${JSON.stringify(text)}`);
};

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function failureOf(client: DockerClient): Promise<DockerError> {
  try {
    await client.ping();
  } catch (err) {
    assert.ok(err instanceof DockerError, String(err));
    return err;
  }
  throw new Error('ping succeeded');
}

/** What the docker CLI prints when it cannot reach the engine through ssh. */
function cliFailure(env: NodeJS.ProcessEnv): string {
  const r = spawnSync(dockerPath, ['version', '--format', '{{.Server.Version}}'], { env, encoding: 'utf8', timeout: 30_000 });
  assert.notEqual(r.status, 0, `docker version succeeded: ${r.stdout}`);
  return `${r.stdout}${r.stderr}`;
}

async function median(times: number, run: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await run();
    ms.push(performance.now() - started);
  }
  return ms.sort((a, b) => a - b)[Math.floor(times / 2)];
}

describe('remote engine over ssh:// (real sshd, real engine)', function () {
  this.timeout(180_000);
  let local: DockerClient;
  let sshd: SshEngine;
  let remote: DockerClient;
  let context: string;
  let containerId: string;

  before(async () => {
    local = await requireEngine();
    sshd = await startSshEngine();
    remote = new DockerClient(10_000, sshd.env);
    context = mkdtempSync(join(tmpdir(), 'dockwright-ssh-build-'));
  });

  after(async () => {
    closeSshTransports();
    rmSync(context, { recursive: true, force: true });
    if (sshd) await sshd.dispose();
    if (local) await removeRunArtifacts(local);
  });

  it('answers through ssh:// with the same engine as the local socket', async () => {
    const [viaSsh, direct] = await Promise.all([remote.summary(), local.summary()]);
    assert.equal(viaSsh.endpoint, sshd.url);
    assert.equal(viaSsh.version, direct.version);
    assert.deepEqual(remote.ssh?.login.keySources, [join(sshd.env.HOME ?? '', '.ssh', 'id_ed25519')]);
  });

  it('lists containers and follows their events (the dashboard feed), and reads their logs', async () => {
    const messages: HostMessage[] = [];
    const states: ConnectionState[] = [];
    const feed = new ContainersFeed((m) => messages.push(m), (s) => states.push(s));
    feed.start(remote);
    try {
      await until('a live feed', () => feed.connection.status === 'live');
      const container = await remote.docker.createContainer({
        Image: BASE, name: `dockwright-ssh-${runId}`,
        Cmd: ['python', '-u', '-c', 'import time\nfor i in range(3): print("hello over ssh", i)\ntime.sleep(300)'],
        Labels: { [RUN_LABEL]: runId },
      });
      containerId = container.id;
      await container.start();
      const row = await until('the container in the feed', () => feed.list().find((r) => r.id === container.id && r.state === 'running'));
      assert.equal(row.name, `dockwright-ssh-${runId}`);
      assert.ok(messages.some((m) => m.type === 'containerUpdate' && m.row.id === container.id), 'seen through an event, not a refresh');

      const logMessages: HostMessage[] = [];
      const logs = new LogsFeed((m) => logMessages.push(m) > 0, 100, 10);
      await logs.open(remote, container.id, row.name);
      try {
        const lines = await until('three log lines', () => (logs.lines().length >= 3 ? logs.lines() : undefined));
        assert.deepEqual(lines.slice(0, 3).map((l) => l.text), ['hello over ssh 0', 'hello over ssh 1', 'hello over ssh 2']);
      } finally {
        logs.dispose();
      }
    } finally {
      feed.dispose();
    }
  });

  it('lists containers over ssh in about the time of the local socket (one SSH connection, a channel per request)', async () => {
    await listContainerRows(remote);
    const viaSsh = await median(15, () => listContainerRows(remote));
    const direct = await median(15, () => listContainerRows(local));
    console.log(`      container list: ${viaSsh.toFixed(1)} ms over ssh, ${direct.toFixed(1)} ms on the local socket (median of 15)`);
    assert.ok(viaSsh < direct + 250, `${viaSsh} ms over ssh`);
  });

  it('builds with the docker CLI over ssh:// and reads the image size through the client', async () => {
    writeFileSync(join(context, 'Dockerfile'), `FROM ${BASE}\nRUN echo "built over ssh" > /built.txt\n`);
    const tag = `dockwright-ssh-build:${runId}`;
    const started = Date.now();
    const result = await runBuild({ context, tags: [tag], labels: { [RUN_LABEL]: runId }, noCache: true }, { dockerPath, env: sshd.env });
    console.log(`      build over ssh: ${Date.now() - started} ms`);
    assert.equal(result.exitCode, 0, result.output);
    const images = await listLabelledImages(remote, [RUN_LABEL]);
    const ours = images.find((i) => i.RepoTags?.includes(tag));
    assert.ok(ours, 'the built image is listed over ssh');
    assert.equal(await imageSize(remote, tag), ours.Size);
    assert.ok(ours.Size > 10_000_000);
  });

  it('dockwright doctor over ssh:// says the engine is running, and exits', () => {
    const cli = resolve(__dirname, '../../../dist/cli.js');
    const started = Date.now();
    const r = spawnSync(process.execPath, [cli, 'doctor'], { env: sshd.env, encoding: 'utf8', timeout: 30_000 });
    console.log(`      doctor over ssh: ${Date.now() - started} ms`);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^Docker Engine \\d+\\.\\S+ .* at ${sshd.url}: \\d+ running container`));
  });

  it('opens a published port of a remote container through an SSH tunnel', async () => {
    const container = await remote.docker.createContainer({
      Image: BASE, Cmd: ['python', '-m', 'http.server', '8000'], Labels: { [RUN_LABEL]: runId },
      ExposedPorts: { '8000/tcp': {} },
      HostConfig: { PortBindings: { '8000/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } },
    });
    await container.start();
    const hostPort = await publishedPort(container, '8000/tcp');
    const { url, tunnel } = await remote.reachPort(hostPort);
    try {
      assert.ok(tunnel && tunnel.localPort !== hostPort);
      const port = Number(new URL(url).port);
      let answer: { status: number; body: string } | undefined;
      for (let i = 0; i < 100 && !answer; i++) {
        answer = await httpGet(port, '/').catch(() => undefined);
        if (!answer) await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(answer, 'no answer through the tunnel');
      assert.equal(answer.status, 200);
    } finally {
      await tunnel?.close();
    }
  });

  it('goes through ProxyJump and ProxyCommand from a file ~/.ssh/config Includes, as ssh does', async () => {
    const home = sshd.env.HOME ?? '';
    const config = join(home, '.ssh', 'config');
    const original = readFileSync(config, 'utf8');
    mkdirSync(join(home, '.ssh', 'config.d'), { recursive: true });
    // Both reach sshd on its port from a jump through the same sshd: the hop is real, the host is this one.
    writeFileSync(join(home, '.ssh', 'config.d', 'hops.conf'), [
      'Host via-jump', '  HostName 127.0.0.1', `  Port ${sshd.port}`, `  ProxyJump 127.0.0.1:${sshd.port}`,
      'Host via-command', '  HostName 127.0.0.1', `  Port ${sshd.port}`, `  ProxyCommand ssh -p ${sshd.port} -W %h:%p 127.0.0.1`,
      'Host via-broken-jump', '  HostName 127.0.0.1', `  Port ${sshd.port}`, '  ProxyJump 127.0.0.1:1', '',
    ].join('\n'));
    writeFileSync(config, `Include config.d/*.conf\n${original}`);
    const user = new URL(sshd.url).username;
    const clients: DockerClient[] = [];
    const via = (host: string) => {
      const client = new DockerClient(10_000, { ...sshd.env, DOCKER_HOST: `ssh://${user}@${host}` });
      clients.push(client);
      return client;
    };
    try {
      for (const host of ['via-jump', 'via-command']) {
        const client = via(host);
        assert.ok(client.ssh?.login.proxy, `${host}: no proxy read from the included file`);
        assert.equal((await client.summary()).version, (await local.summary()).version, host);
        assert.ok((await listContainerRows(client)).length >= 0);
      }
      const broken = await failureOf(via('via-broken-jump'));
      capture('ProxyJump refused', broken.message);
      assert.equal(broken.failure.kind, 'ssh-unreachable');
      assert.match(broken.message, /could not be reached|refused/i);
    } finally {
      for (const client of clients) client.ssh?.close();
      writeFileSync(config, original);
    }
  });

  it('says "key refused" for a key the server does not accept (client and CLI)', async () => {
    const failure = await failureOf(new DockerClient(10_000, sshd.wrongKeyEnv));
    capture('ssh2 wrong key', (failure.cause as Error).message);
    assert.equal(failure.failure.kind, 'ssh-auth-failed');
    assert.match(failure.failure.message, /refused the SSH key/);
    const cli = cliFailure(sshd.wrongKeyEnv);
    capture('CLI wrong key', cli);
    assert.equal(explainSshFailure({ text: cli, endpoint: sshd.url })?.kind, 'ssh-auth-failed');
  });

  it('refuses a host whose key changed (client and CLI)', async () => {
    const failure = await failureOf(new DockerClient(10_000, sshd.changedHostKeyEnv));
    capture('ssh2 changed host key', (failure.cause as Error).message);
    assert.equal(failure.failure.kind, 'ssh-host-key');
    assert.match(failure.failure.message, /has changed/);
    const cli = cliFailure(sshd.changedHostKeyEnv);
    capture('CLI changed host key', cli);
    assert.match(explainSshFailure({ text: cli, endpoint: sshd.url })?.message ?? '', /has changed/);
  });

  it('says the SSH server cannot be reached on a port where none listens (client and CLI)', async () => {
    const closed = await new Promise<number>((done) => {
      const server = net.createServer();
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => done(port));
      });
    });
    const url = `ssh://root@127.0.0.1:${closed}`;
    const env = { ...sshd.env, DOCKER_HOST: url };
    const failure = await failureOf(new DockerClient(10_000, env));
    capture('ssh2 refused', (failure.cause as Error).message);
    assert.equal(failure.failure.kind, 'ssh-unreachable');
    const cli = cliFailure(env);
    capture('CLI refused', cli);
    assert.equal(explainSshFailure({ text: cli, endpoint: url })?.kind, 'ssh-unreachable');
  });

  it('sees a dropped sshd as a dropped engine and recovers when it is back on the same port', async () => {
    const states: ConnectionState[] = [];
    const feed = new ContainersFeed(() => undefined, (s) => states.push(s), { initialBackoffMs: 100, maxBackoffMs: 500 });
    feed.start(remote);
    try {
      await until('a live feed', () => feed.connection.status === 'live');
      await sshd.stop();
      const dropped = await until('a reconnecting state', () => states.find((s) => s.status === 'reconnecting'));
      assert.equal(dropped.status, 'reconnecting');
      capture('dropped', dropped.failure.message);
      assert.match(dropped.failure.kind, /daemon-not-running|ssh-unreachable/);
      assert.match(dropped.failure.message, /SSH/);
      await until('an unreachable state', () => states.find((s) => s.status === 'reconnecting' && s.failure.kind === 'ssh-unreachable'));
      const restarted = Date.now();
      await sshd.start();
      await until('live again', () => feed.connection.status === 'live');
      console.log(`      recovered ${Date.now() - restarted} ms after sshd came back`);
      assert.ok((await listContainerRows(remote)).some((r) => r.id === containerId));
    } finally {
      feed.dispose();
    }
  });
});

describe('remote engine over ssh:// without a usable docker on the remote', function () {
  this.timeout(120_000);
  // The CLI drops what dial-stdio printed on a refused socket: it can only say "not running, or not allowed".
  const cases = [
    { name: 'docker missing from the PATH', kind: 'ssh-docker-missing', cliKind: 'ssh-docker-missing', force: 'PATH=/nonexistent; $SSH_ORIGINAL_COMMAND' },
    { name: 'a user who may not use the docker socket', kind: 'permission-denied', cliKind: 'daemon-not-running',
      force: 'exec setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/tmp $SSH_ORIGINAL_COMMAND' },
  ];
  for (const c of cases) {
    it(`says so for ${c.name} (client and CLI)`, async () => {
      const sshd = await startSshEngine({ forceCommand: c.force });
      try {
        const failure = await failureOf(new DockerClient(10_000, sshd.env));
        capture(`ssh2 ${c.kind}`, (failure.cause as Error).message);
        assert.equal(failure.failure.kind, c.kind, failure.failure.message);
        const cli = cliFailure(sshd.env);
        capture(`CLI ${c.kind}`, cli);
        assert.equal(explainSshFailure({ text: cli, endpoint: sshd.url })?.kind, c.cliKind);
      } finally {
        closeSshTransports();
        await sshd.dispose();
      }
    });
  }
});
