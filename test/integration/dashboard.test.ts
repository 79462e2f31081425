// The dashboard in the real extension host against the real Docker engine: live containers
// through the event stream, bounded logs, and the daemon going away, hanging or missing.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { imageLabel, type ContainerRow } from '../../src/core/dashboard/containers';
import { openStreamCount } from '../../src/docker/streams';
import type { LogLine } from '../../src/core/dashboard/logLines';
import { unpackLines } from '../../src/core/dashboard/logBatch';
import { LOG_MAX_ROWS } from '../../src/dashboard/logsFeed';
import { COMMANDS } from '../../src/shared/ids';
import type { HostMessage, LogBatch } from '../../src/shared/protocol';
import {
  engine, engineSocket, hungSocket, openPanel, removeRunContainers, runId, setSetting, SocketProxy, socketDir, tinyContainer, waitFor,
  type OpenedPanel,
} from './support/dashboardRig';

const client = engine();
const SLEEP_FOREVER = 'while True: time.sleep(1)';

function posted<T extends HostMessage['type']>(opened: OpenedPanel, type: T, since = 0): Extract<HostMessage, { type: T }>[] {
  return opened.messages.filter((m) => m.at >= since && m.message.type === type).map((m) => m.message as Extract<HostMessage, { type: T }>);
}

function unpack(batch: LogBatch): LogLine[] {
  return unpackLines({ firstSeq: batch.firstSeq, count: batch.count, text: new TextDecoder().decode(batch.bytes) });
}

/** The lines received that the webview has heard of (the last update's count of them). */
function heardOf(opened: OpenedPanel, since = 0): number {
  return posted(opened, 'logView', since).at(-1)?.received ?? 0;
}

function lastEngine(opened: OpenedPanel, since: number) {
  return posted(opened, 'engine', since).at(-1)?.state;
}

function lastConnection(opened: OpenedPanel, since: number) {
  return posted(opened, 'connection', since).at(-1)?.connection;
}

describe('Dashboard (extension host, real engine)', function () {
  this.timeout(60_000);
  let opened: OpenedPanel | undefined;

  before(async () => {
    await removeRunContainers(client);
    await setSetting('docker.host', undefined);
    await setSetting('docker.requestTimeoutMs', undefined);
  });

  afterEach(() => {
    opened?.close();
    opened = undefined;
  });

  after(async () => {
    await setSetting('docker.host', undefined);
    await setSetting('docker.requestTimeoutMs', undefined);
    await setSetting('dashboard.logs.maxLines', undefined);
    await removeRunContainers(client);
  });

  it('shows new containers within a second through events, and a stop without a refresh', async () => {
    const panel = (opened = await openPanel());
    await waitFor('the first container list', () => posted(panel, 'containers').length > 0, 20_000);
    const snapshots = panel.panel.containers.stats?.snapshots;
    const names = [1, 2, 3].map((i) => `dw-live-${runId}-${i}`);
    const containers = await Promise.all(names.map((name) => tinyContainer(client, name, SLEEP_FOREVER, {
      'com.docker.compose.project': `dwtest${runId.replace(/\W/g, '')}`, 'com.docker.compose.service': name.slice(-1),
    })));
    const delays = await Promise.all(containers.map(async (c) => {
      await c.start();
      const started = Date.now();
      await waitFor(`${c.id} running in the panel`, () =>
        posted(panel, 'containerUpdate').find((m) => m.row.id === c.id && m.row.state === 'running'), 5000);
      return Date.now() - started;
    }));
    console.log(`      event → panel: ${delays.map((d) => `${d} ms`).join(', ')}`);
    for (const delay of delays) assert.ok(delay <= 1000, `a new container took ${delay} ms to appear`);
    const rows = panel.panel.containers.list().filter((r) => names.includes(r.name));
    assert.equal(rows.length, 3);
    assert.ok(rows.every((r) => r.project?.startsWith('dwtest')), 'grouped under their compose project');

    const since = Date.now();
    await containers[0].stop({ t: 1 });
    const stopped = await waitFor('the stopped state', () =>
      posted(panel, 'containerUpdate', since).find((m) => m.row.id === containers[0].id && m.row.state === 'exited'), 5000);
    assert.match(stopped.row.status, /^Exited/);
    assert.equal(panel.panel.containers.stats?.snapshots, snapshots, 'the list was re-read instead of following events');
  });

  it('follows 10 000 lines with ANSI colors and HTML: intact, stdout/stderr apart, bounded, batched', async () => {
    await setSetting('dashboard.logs.maxLines', 2000);
    const panel = (opened = await openPanel());
    await waitFor('the first container list', () => posted(panel, 'containers').length > 0, 20_000);
    const name = `dw-logs-${runId}`;
    // The container prints only once the panel follows its logs (the test creates /tmp/go then), so
    // every line comes through the follow stream itself, whatever the machine's load. Its last line,
    // on stderr, waits for /tmp/end, which the test creates once every other line reached the host:
    // Docker copies stdout and stderr separately, so only that wait puts a stderr line last for sure.
    const script = [
      'import os',
      'def wait(path):',
      '    while not os.path.exists(path): time.sleep(0.05)',
      'wait("/tmp/go")',
      'for i in range(10000):',
      '    print(f"\\x1b[3{i % 8}mline {i}\\x1b[0m <script>alert({i})</script> <img src=x onerror=alert(1)>")',
      '    if i % 1000 == 0: print(f"stderr {i}", file=sys.stderr)',
      'sys.stdout.flush()',
      'wait("/tmp/end")',
      'print("stderr end", file=sys.stderr)',
      SLEEP_FOREVER,
    ].join('\n');
    const container = await tinyContainer(client, name, script);
    await container.start();
    await waitFor('the container in the list', () => panel.panel.containers.list().some((r) => r.id === container.id), 5000);
    await panel.panel.handle({ type: 'request', id: 1, method: 'containerAction', params: { id: container.id, action: 'logs' } });
    const started = await waitFor('logsStarted', () => posted(panel, 'logsStarted')[0], 10_000);
    assert.equal(started.tty, false);
    assert.equal(started.maxLines, 2000);
    const touch = async (file: string) => (await container.exec({ Cmd: ['touch', file] })).start({ Detach: true });
    await touch('/tmp/go');
    await waitFor('10 010 lines at the host', () => panel.panel.logs.received === 10_010, 30_000);
    await touch('/tmp/end');
    await waitFor('the last line at the host', () => panel.panel.logs.received === 10_011, 10_000);
    // The webview hears of every line: the last update counts them all and shows the newest.
    await waitFor('the webview told of every line', () => heardOf(panel) === 10_011, 10_000);

    const kept = panel.panel.logs.lines();
    assert.equal(kept.length, 2000, 'the host keeps exactly the last maxLines lines');
    assert.deepEqual({ stream: kept.at(-1)?.stream, text: kept.at(-1)?.text }, { stream: 'stderr', text: 'stderr end' });
    assert.ok(kept.filter((l) => l.stream === 'stdout').at(-1)?.text.includes('line 9999'), `the newest stdout line kept is not line 9999: ${JSON.stringify(kept.slice(-3))}`);
    const updates = posted(panel, 'logView');
    const final = updates.at(-1);
    assert.ok(final);
    assert.deepEqual([final.count, final.kept, final.received, final.received - final.kept], [2000, 2000, 10_011, 8011]);
    const shown = unpack(final.batch);
    assert.ok(shown.length > 0 && final.first + shown.length === 2000, 'following: the update ends with the newest line');
    assert.ok(updates.every((m) => m.batch.count <= LOG_MAX_ROWS), 'an update larger than a viewport');
    const sentLines = updates.reduce((n, m) => n + m.batch.count, 0);
    assert.ok(updates.length < 1000, `${updates.length} updates for 10 011 lines`);
    console.log(`      ${updates.length} updates, ${sentLines} rows sent for 10 011 lines`);
    const last = shown.find((l) => l.text.includes('line 9999'));
    assert.equal(last?.text, '\u001b[37mline 9999\u001b[0m <script>alert(9999)</script> <img src=x onerror=alert(1)>');
    assert.equal(last?.stream, 'stdout');
    assert.match(last?.time ?? '', /^\d{4}-\d\d-\d\dT/);
    assert.deepEqual(shown.filter((l) => l.text === 'stderr end').map((l) => l.stream), ['stderr'], 'the stderr line is shown once, marked as stderr');
  });

  it('says how many lines it no longer keeps while the panel was away, and opens the full log with every line', async () => {
    await setSetting('dashboard.logs.maxLines', 500);
    const panel = (opened = await openPanel());
    await waitFor('the first container list', () => posted(panel, 'containers').length > 0, 20_000);
    const total = 20_000;
    const script = [
      'import os',
      'while not os.path.exists("/tmp/go"): time.sleep(0.05)',
      `for i in range(${total}):`,
      '    print(f"\x1b[36mline {i}\x1b[0m", file=sys.stderr if i % 100 == 0 else sys.stdout)',
      'sys.stdout.flush()',
      SLEEP_FOREVER,
    ].join('\n');
    const container = await tinyContainer(client, `dw-fulllog-${runId}`, script);
    await container.start();
    await waitFor('the container in the list', () => panel.panel.containers.list().some((r) => r.id === container.id), 5000);
    await panel.panel.handle({ type: 'request', id: 1, method: 'containerAction', params: { id: container.id, action: 'logs' } });
    await waitFor('logsStarted', () => posted(panel, 'logsStarted')[0], 10_000);

    // Another editor in front: the webview is gone, so nothing can reach it while the container floods.
    const other = await vscode.workspace.openTextDocument({ content: 'in front of the dashboard' });
    await vscode.window.showTextDocument(other, { viewColumn: panel.panel.panel.viewColumn, preview: false });
    await waitFor('the dashboard hidden', () => !panel.panel.panel.visible, 5000);
    await (await container.exec({ Cmd: ['touch', '/tmp/go'] })).start({ Detach: true });
    await waitFor(`${total} lines at the host`, () => panel.panel.logs.received === total, 60_000);
    const hiddenSince = Date.now();
    panel.panel.panel.reveal();
    const replayed = await waitFor('the view back', () => posted(panel, 'logView', hiddenSince)[0], 20_000);
    assert.deepEqual([replayed.count, replayed.kept, replayed.received, replayed.received - replayed.kept], [500, 500, total, total - 500],
      'the webview gets the lines the host kept and how many it no longer keeps');
    // Following: the update ends with the newest line the host holds. Docker copies stdout and
    // stderr apart, so the last stderr lines (19,800, 19,900) may arrive after stdout's last.
    const replayedLines = unpack(replayed.batch).map((l) => l.text);
    assert.equal(replayedLines.at(-1), panel.panel.logs.lines().at(-1)?.text, 'following: the newest line last');
    assert.ok(replayedLines.includes(`\u001b[36mline ${total - 1}\u001b[0m`), `stdout's last line on screen: ${replayedLines.slice(-4).join(', ')}`);

    for (const timestamps of [false, true]) {
      const uri = await vscode.commands.executeCommand<vscode.Uri>(COMMANDS.openFullLog, { containerId: container.id, timestamps });
      const document = vscode.window.activeTextEditor?.document;
      assert.equal(document?.uri.toString(), uri.toString(), 'the full log is the active editor');
      const lines = document.getText().split('\n');
      assert.equal(lines.pop(), '', 'the file ends with a newline');
      assert.equal(lines.length, total, 'as many lines as the container wrote');
      // Docker copies stdout and stderr apart, so a stderr line may come a little early or late.
      const numbers = lines.map((l) => Number((timestamps ? /^\d{4}-\d\d-\d\dT[\d:.]+Z line (\d+)$/ : /^line (\d+)$/).exec(l)?.[1]));
      assert.deepEqual([...numbers].sort((a, b) => a - b), Array.from({ length: total }, (_, i) => i), 'every line once, without its colors');
      const stdout = numbers.filter((n) => n % 100 !== 0);
      assert.ok(stdout.every((n, i) => i === 0 || n > stdout[i - 1]), 'stdout in the order it was written');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }

    await container.remove({ force: true });
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand(COMMANDS.openFullLog, { containerId: container.id, timestamps: false })),
      /no longer exists/,
    );
  });

  it('keeps hostile container names and labels as data', async () => {
    const panel = (opened = await openPanel());
    await waitFor('the first container list', () => posted(panel, 'containers').length > 0, 20_000);
    // Docker allows only [a-zA-Z0-9_.-] in names; labels (and so compose project names) allow anything.
    const hostile = '<img src=x onerror=alert(1)>';
    const container = await tinyContainer(client, `dw-hostile-${runId}`, SLEEP_FOREVER, { 'com.docker.compose.project': hostile });
    await container.start();
    const row: ContainerRow = (await waitFor('the hostile row', () =>
      posted(panel, 'containerUpdate').find((m) => m.row.id === container.id && m.row.state === 'running'), 5000)).row;
    assert.equal(row.project, hostile);
  });

  it('closed while it follows logs: no daemon stream and no engine listener left behind', async () => {
    const streamsBefore = openStreamCount();
    const panel = (opened = await openPanel());
    await waitFor('the first container list', () => posted(panel, 'containers').length > 0, 20_000);
    const container = await tinyContainer(client, `dw-close-${runId}`, 'while True:\n    print("busy", flush=True)\n    time.sleep(0.02)');
    await container.start();
    await waitFor('the container in the list', () => panel.panel.containers.list().some((r) => r.id === container.id), 5000);
    await panel.panel.handle({ type: 'request', id: 1, method: 'containerAction', params: { id: container.id, action: 'logs' } });
    await waitFor('lines arriving', () => posted(panel, 'logView').length > 0, 10_000);
    assert.equal(openStreamCount(), streamsBefore + 2, 'the event stream and the log stream are open');
    assert.equal(panel.monitor.listenerCount, 1, 'the panel listens to the engine monitor');
    // Closed as a person closes it (the tab): the webview is gone before the panel cleans up, while
    // the host holds lines the webview has not heard of yet (only microtasks run before the close).
    await waitFor('lines the webview has not heard of yet', () => panel.panel.logs.received > heardOf(panel), 10_000);
    panel.panel.panel.dispose();
    assert.equal(openStreamCount(), streamsBefore, 'a stream to the daemon is still open');
    assert.equal(panel.monitor.listenerCount, 0, 'the closed panel still listens to the engine monitor');
  });

  it('a container whose image name now points to a newer build says which build it runs', async () => {
    const repo = `dw-build-${runId}`;
    await client.docker.getImage('python:3.12-slim').tag({ repo, tag: 'v1' });
    const container = await client.docker.createContainer({
      name: `dw-build-${runId}`, Image: `${repo}:v1`, Cmd: ['sleep', 'infinity'], Labels: { 'dockwright.test.run': runId },
    });
    let newBuild: string | undefined;
    try {
      await container.start();
      const panel = (opened = await openPanel());
      const current = await waitFor('the row on its current build', () =>
        panel.panel.containers.list().find((r) => r.id === container.id && r.state === 'running'), 20_000);
      assert.equal(current.image, `${repo}:v1`);
      assert.equal(current.rebuilt, undefined);
      // "Rebuilt": a new image takes over the tag; the container still runs the old one.
      newBuild = ((await container.commit({ repo, tag: 'v1' })) as { Id: string }).Id;
      await container.restart({ t: 0 });
      const marked = await waitFor('the row marked as on an old build', () =>
        panel.panel.containers.list().find((r) => r.id === container.id && r.rebuilt), 10_000);
      assert.equal(marked.rebuilt, newBuild);
      assert.equal(marked.image, `${repo}:v1`);
      assert.equal(imageLabel(marked).text, `${repo}:v1 (old build ${current.imageId.replace('sha256:', '').slice(0, 12)})`);
      // A full re-read (the list names the image by id once its tag moved) finds the name and the mark again.
      const since = Date.now();
      await panel.panel.handle({ type: 'request', id: 1, method: 'refresh', params: {} });
      const listed = await waitFor('a re-read list', () => posted(panel, 'containers', since).at(-1), 10_000);
      const row = listed.rows.find((r) => r.id === container.id);
      assert.deepEqual({ image: row?.image, rebuilt: row?.rebuilt }, { image: `${repo}:v1`, rebuilt: newBuild });
    } finally {
      await container.remove({ force: true });
      await client.docker.getImage(newBuild ?? `${repo}:v1`).remove().catch(() => undefined);
    }
  });

  describe('daemon problems', () => {
    let dir: string;
    before(() => {
      dir = socketDir();
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('a socket that accepts but never answers: a timeout message, and the panel does not hang', async () => {
      const socketPath = path.join(dir, 'hung.sock');
      const hung = await hungSocket(socketPath);
      try {
        await setSetting('docker.requestTimeoutMs', 1000);
        await setSetting('docker.host', `unix://${socketPath}`);
        const since = Date.now();
        const panel = (opened = await openPanel());
        const state = await waitFor('an engine state', () => lastEngine(panel, since), 10_000);
        assert.equal(state.status, 'unavailable');
        if (state.status === 'unavailable') {
          assert.equal(state.failure.kind, 'timeout');
          assert.match(state.failure.message, /did not answer within 1 s/);
          assert.ok(Date.now() - since < 5000, 'the check waited longer than the timeout allows');
        }
        const connection = await waitFor('reconnecting', () => {
          const c = lastConnection(panel, since);
          return c?.status === 'reconnecting' ? c : undefined;
        }, 5000);
        assert.equal(connection.failure.kind, 'timeout');
      } finally {
        await setSetting('docker.host', undefined);
        await setSetting('docker.requestTimeoutMs', undefined);
        await hung.stop();
      }
    });

    it('a missing socket: "no Docker engine found", with the path', async () => {
      const socketPath = path.join(dir, 'missing.sock');
      await setSetting('docker.host', `unix://${socketPath}`);
      try {
        const since = Date.now();
        const panel = (opened = await openPanel());
        const state = await waitFor('an engine state', () => lastEngine(panel, since), 10_000);
        assert.equal(state.status, 'unavailable');
        if (state.status === 'unavailable') {
          assert.equal(state.failure.kind, 'socket-missing');
          assert.ok(state.failure.message.includes(socketPath));
        }
        const endpoint = posted(panel, 'endpoint').at(-1)?.endpoint;
        assert.deepEqual([endpoint?.display, endpoint?.source], [`unix://${socketPath}`, 'setting']);
      } finally {
        await setSetting('docker.host', undefined);
      }
    });

    it('a permission-denied socket (mode 000), seen by a non-root process: the docker group fix', function () {
      // The extension host runs as root here, and root connects to a mode-000 socket anyway, so
      // the real EACCES comes from the same adapter (the CLI's doctor) run as an unprivileged user.
      const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => fs.existsSync(p));
      if (process.getuid?.() !== 0 || !setpriv) this.skip();
      const socketPath = path.join(dir, 'denied.sock');
      const cli = path.join(vscode.extensions.all.find((e) => e.id.toLowerCase() === 'dockwright.dockwright')!.extensionPath, 'dist', 'cli.js');
      const server = net.createServer();
      return new Promise<void>((resolve, reject) => server.listen(socketPath, () => {
        try {
          fs.chmodSync(socketPath, 0o000);
          const run = spawnSync(setpriv!, ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, cli, 'doctor', '--json'],
            { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: `unix://${socketPath}`, ELECTRON_RUN_AS_NODE: '1' }, timeout: 20_000 });
          const report = JSON.parse(run.stdout) as { status: string; failure?: { kind: string; fix: string } };
          assert.equal(report.status, 'unavailable', run.stderr);
          assert.equal(report.failure?.kind, 'permission-denied');
          assert.match(report.failure?.fix ?? '', /usermod -aG docker/);
          resolve();
        } catch (e) {
          reject(e);
        } finally {
          server.close();
        }
      }));
    });

    it('the daemon stopped and started again: the panel says so, then recovers by itself', async function () {
      const upstream = engineSocket();
      if (!upstream) this.skip();
      const proxy = new SocketProxy(path.join(dir, 'proxy.sock'), upstream!);
      await proxy.start();
      try {
        await setSetting('docker.host', `unix://${proxy.socketPath}`);
        const opening = Date.now();
        const panel = (opened = await openPanel());
        await waitFor('live through the proxy', () => lastConnection(panel, opening)?.status === 'live', 20_000);
        await waitFor('the engine running', () => lastEngine(panel, opening)?.status === 'running', 10_000);

        const stopped = Date.now();
        await proxy.stop();
        const down = await waitFor('the engine reported unavailable', () => {
          const s = lastEngine(panel, stopped);
          return s?.status === 'unavailable' ? s : undefined;
        }, 10_000);
        assert.match(down.failure.kind, /socket-missing|daemon-not-running/);
        assert.equal(lastConnection(panel, stopped)?.status, 'reconnecting');

        const restarted = Date.now();
        await proxy.start();
        await waitFor('live again', () => lastConnection(panel, restarted)?.status === 'live', 15_000);
        await waitFor('a fresh list', () => posted(panel, 'containers', restarted).length > 0, 5000);
        await waitFor('the engine running again', () => lastEngine(panel, restarted)?.status === 'running', 10_000);
        console.log(`      recovered ${Date.now() - restarted} ms after the daemon came back`);
      } finally {
        await setSetting('docker.host', undefined);
        await proxy.stop();
      }
    });
  });
});
