// A remote engine over ssh:// in the real extension host: a private sshd on 127.0.0.1
// (test/docker/sshEngine.ts) in front of the real engine, named in dockwright.docker.host as a
// person names theirs. The dashboard follows the engine through it and says when SSH drops; Build &
// Run builds over it and opens the app through a tunnel on this machine's 127.0.0.1. The extension
// logs in as `ssh` would: with the key and known_hosts of $HOME/.ssh, and the docker CLI's `ssh`
// from PATH, so the suite points both at the run's own for its duration.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { BuildAndRunResult } from '../../src/extension/buildAndRun';
import type { ContainerizeResult } from '../../src/extension/containerize';
import type { HostMessage } from '../../src/shared/protocol';
import { COMMANDS, SETTINGS } from '../../src/shared/ids';
import { startSshEngine, type SshEngine } from '../docker/sshEngine';
import { RUN_LABEL, client, httpGet, removeRunArtifacts, runId } from '../docker/support';
import { openPanel, setSetting, tinyContainer, waitFor, type OpenedPanel } from './support/dashboardRig';

const fixtures = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'containerize');

function posted<T extends HostMessage['type']>(opened: OpenedPanel, type: T, since = 0): Extract<HostMessage, { type: T }>[] {
  return opened.messages.filter((m) => m.at >= since && m.message.type === type).map((m) => m.message as Extract<HostMessage, { type: T }>);
}

describe('A remote engine over ssh:// (extension host, real sshd, real engine)', function () {
  this.timeout(300_000);
  const local = client();
  const saved = { HOME: process.env.HOME, PATH: process.env.PATH };
  const root = mkdtempSync(join(tmpdir(), 'dockwright-remote-'));
  let sshd: SshEngine;
  let opened: OpenedPanel | undefined;
  let dockerPathBefore: string | undefined;

  before(async () => {
    sshd = await startSshEngine();
    process.env.HOME = sshd.env.HOME;
    process.env.PATH = sshd.env.PATH;
    await setSetting('docker.host', sshd.url);
    const config = vscode.workspace.getConfiguration(SETTINGS.section);
    dockerPathBefore = config.inspect<string>(SETTINGS.dockerPath)?.globalValue;
    if (process.env.DOCKWRIGHT_DOCKER) await config.update(SETTINGS.dockerPath, process.env.DOCKWRIGHT_DOCKER, vscode.ConfigurationTarget.Global);
  });

  afterEach(() => {
    opened?.close();
    opened = undefined;
  });

  after(async () => {
    process.env.HOME = saved.HOME;
    process.env.PATH = saved.PATH;
    await setSetting('docker.host', undefined);
    await vscode.workspace.getConfiguration(SETTINGS.section).update(SETTINGS.dockerPath, dockerPathBefore, vscode.ConfigurationTarget.Global);
    await sshd?.dispose();
    await removeRunArtifacts(local);
    rmSync(root, { recursive: true, force: true });
  });

  it('the dashboard follows the engine through SSH, says so when sshd goes away, and recovers by itself', async () => {
    const container = await tinyContainer(local, `dw-remote-${runId}`, 'while True: time.sleep(1)', { [RUN_LABEL]: runId });
    await container.start();
    const opening = Date.now();
    const panel = (opened = await openPanel());
    // The first message needs the webview loaded ('ready'): as long as the other dashboard tests
    // give their first list, and what was posted if it does not come.
    await waitFor('the endpoint named', () => posted(panel, 'endpoint').at(-1)?.endpoint.display === sshd.url, 20_000).catch((err: Error) => {
      const seen = panel.messages.map((m) => (m.message.type === 'endpoint' ? `endpoint ${m.message.endpoint.display}` : m.message.type));
      throw new Error(`${err.message}; posted since the panel opened: ${seen.join(', ') || 'nothing (the webview never said it was ready)'}`);
    });
    await waitFor('live over ssh', () => posted(panel, 'connection', opening).at(-1)?.connection.status === 'live', 30_000);
    await waitFor('the container in the list', () => posted(panel, 'containers', opening).some((m) => m.rows.some((r) => r.id === container.id)), 20_000);

    const stopping = Date.now();
    await container.stop({ t: 0 });
    await waitFor('the stop, through the SSH event stream', () =>
      posted(panel, 'containerUpdate', stopping).find((m) => m.row.id === container.id && m.row.state === 'exited'), 20_000);

    const dropped = Date.now();
    await sshd.stop();
    let restarted = 0;
    try {
      const down = await waitFor('the engine unavailable', () => {
        const state = posted(panel, 'engine', dropped).at(-1)?.state;
        return state?.status === 'unavailable' ? state : undefined;
      }, 30_000);
      assert.match(down.failure.kind, /ssh-unreachable|daemon-not-running/);
      assert.match(down.failure.message, /SSH/);
      // The engine check and the event stream notice the drop each on their own: either may come first.
      await waitFor('the panel reconnecting', () => posted(panel, 'connection', dropped).at(-1)?.connection.status === 'reconnecting', 30_000);
    } finally {
      // Back for the next test whatever happened here.
      restarted = Date.now();
      await sshd.start();
    }
    await waitFor('live again', () => posted(panel, 'connection', restarted).at(-1)?.connection.status === 'live', 30_000);
    await waitFor('the engine running again', () => posted(panel, 'engine', restarted).at(-1)?.state.status === 'running', 30_000);
    console.log(`      recovered ${Date.now() - restarted} ms after sshd came back`);
  });

  it('Build & Run builds over ssh:// and opens the app through a tunnel on 127.0.0.1', async () => {
    const folder = join(root, `remote-${runId}`);
    cpSync(join(fixtures, 'flask-factory'), folder, { recursive: true });
    const containerized = await vscode.commands.executeCommand<ContainerizeResult | undefined>(COMMANDS.containerize, vscode.Uri.file(folder), { confirm: true });
    assert.ok(containerized?.written.includes('Dockerfile'));
    const result = await vscode.commands.executeCommand<BuildAndRunResult>(COMMANDS.buildAndRun, vscode.Uri.file(folder), { labels: { [RUN_LABEL]: runId } });
    assert.equal(result.status, 'running', JSON.stringify(result, null, 2));
    if (result.status !== 'running') return;
    const tunnelled = Number(new URL(result.url).port);
    assert.notEqual(tunnelled, result.hostPort, 'the URL is the tunnel\'s local port, not the remote host\'s');
    const response = await httpGet(tunnelled, '/health');
    assert.equal(response.status, 200, response.body);
    const info = await local.docker.getContainer(result.containerId).inspect();
    assert.equal(info.Config.Labels[RUN_LABEL], runId, 'the container runs on the engine behind sshd');
  });
});
