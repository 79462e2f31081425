/**
 * npm run bench:dashboard -- --soak: the dashboard kept open for DOCKWRIGHT_SOAK_MINUTES (10) on
 * 300 containers, one container restarted every second, the logs of 20 chatty containers followed in
 * turn, and the engine itself restarted once in the middle. It stops by itself and prints:
 *   - the extension host's and the webview's heap after GC, at the start and each minute: growth ≤ 5 MB;
 *   - what the closed panel left in the extension host: daemon streams, engine listeners (Dockwright's
 *     Dashboard Diagnostics) and the host's handles by kind, against the same counts before it opened;
 *   - that the panel recovered from the engine restart by itself: "reconnecting", then "live" again,
 *     every container listed, and a container's restart after it shown as rows again.
 * The engine is one the run starts itself (bench/privateEngine.ts); without root it uses the shared one
 * and skips the engine restart, saying why.
 */
import * as net from 'node:net';
import * as path from 'node:path';
import type Docker from 'dockerode';
import { DockerClient } from '../src/docker/client';
import { createProfile, remoteUri, workbenchUrl } from '../test/harness/codeServer';
import { log, type HarnessRun } from '../test/harness/harnessRun';
import type { FrameLocator } from '../test/harness/playwright';
import { startSession } from '../test/harness/session';
import { runFromCommandPalette, waitForWorkbench, webviewContent } from '../test/harness/workbench';
import { ExtensionHostInspector, webviewHeap } from './heaps';
import { PrivateEngine, privateEngineUnavailable } from './privateEngine';

const MINUTES = Number(process.env.DOCKWRIGHT_SOAK_MINUTES ?? 10);
const COUNT = Number(process.env.DOCKWRIGHT_BENCH_CONTAINERS ?? 300);
const LOGGERS = 20;
const LABEL = 'dockwright.soak';
const IMAGE = 'python:3.12-slim';
const GROWTH_GOAL_MB = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => bytes / 2 ** 20;

export const soakTimeoutSeconds = () => MINUTES * 60 + 900;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    }).on('error', reject);
  });
}

async function createContainers(client: DockerClient, runId: string): Promise<{ sleepers: Docker.Container[]; loggers: Docker.Container[] }> {
  const started = Date.now();
  const sleepers: Docker.Container[] = [];
  const loggers: Docker.Container[] = [];
  const chatty = 'import time\ni = 0\nwhile True:\n    print(f"soak line {i} \\x1b[32mok\\x1b[0m", flush=True)\n    i += 1\n    time.sleep(0.05)';
  for (let i = 0; i < COUNT; i += 10) {
    await Promise.all(Array.from({ length: Math.min(10, COUNT - i) }, async (_, j) => {
      const n = i + j;
      const logger = n < LOGGERS;
      const c = await client.docker.createContainer({
        name: `dw-soak-${runId}-${String(n).padStart(3, '0')}`, Image: IMAGE, Labels: { [LABEL]: runId, 'com.docker.compose.project': `soak${n % 10}` },
        Cmd: logger ? ['python', '-u', '-c', chatty] : ['sleep', 'infinity'], HostConfig: { NetworkMode: 'none' },
      });
      await c.start();
      (logger ? loggers : sleepers).push(c);
    }));
  }
  log(`${COUNT} containers (${LOGGERS} writing logs) running after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { sleepers, loggers };
}

interface Sample { minute: number; hostMB: number; webviewMB: number }

/** The panel's "live" badge text and how many rows it shows. */
function panelState(view: FrameLocator): Promise<{ live: string; rows: number }> {
  return view.locator('#app').evaluate((el) => {
    const doc = (el as unknown as { ownerDocument: { getElementById(id: string): { textContent: string | null } | null; querySelectorAll(s: string): { length: number } } }).ownerDocument;
    return { live: doc.getElementById('live')?.textContent ?? '', rows: doc.querySelectorAll('tr[data-id]').length };
  });
}

async function waitUntil<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return { value, ms: Date.now() - started };
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(100);
  }
}

/** Opens the logs of `container` as a person does: the Containers tab, then the row's Logs button. */
async function followLogs(view: FrameLocator, container: Docker.Container): Promise<void> {
  await view.locator('vscode-tab-header', { hasText: 'Containers' }).click();
  await view.locator(`tr[data-id="${container.id}"]`).getByRole('button', { name: /Show the logs of/ }).click();
  await view.locator('section.logs[data-lines]:not([data-lines="0"])').waitFor({ state: 'attached', timeout: 15_000 });
}

/** The engine goes away and comes back; the panel must say so and recover without being asked. */
async function restartEngine(engine: PrivateEngine, view: FrameLocator, sleepers: Docker.Container[]) {
  let sawReconnecting = false;
  const watching = (async () => {
    for (let i = 0; i < 600 && !sawReconnecting; i++) {
      sawReconnecting = (await panelState(view).catch(() => ({ live: '' }))).live.includes('reconnecting');
      await sleep(50);
    }
  })();
  const awayMs = await engine.restart();
  await watching;
  const listed = (await engine.client.docker.listContainers({ all: true })).length;
  const live = await waitUntil('the panel live again with every container', async () => {
    const state = await panelState(view);
    return state.live.includes('live') && state.rows === listed ? state : undefined;
  }, 60_000);
  // Events flow again: a container restarted now is shown as a new row.
  const probe = sleepers[0];
  const before = Date.now();
  await probe.restart({ t: 0 });
  const row = view.locator(`tr[data-id="${probe.id}"]`);
  const shown = await waitUntil('a row made after the restart', async () =>
    (Number(await row.evaluate((el) => (el as unknown as { dataset: Record<string, string> }).dataset.renderedAt)) >= before ? true : undefined), 10_000);
  return { awayMs, sawReconnecting, liveAfterMs: live.ms, listed, rows: live.value.rows, eventAfterMs: shown.ms };
}

export async function soak(run: HarnessRun, root: string, workspace: string): Promise<number> {
  const runId = `${process.pid}`;
  const shared = new DockerClient(60_000);
  const skipped = privateEngineUnavailable();
  let engine: PrivateEngine | undefined;
  let client = shared;
  if (!skipped) {
    await PrivateEngine.removeStale();
    engine = await PrivateEngine.start();
    const owned = engine;
    // A backstop for a run that stops early (bounded: what it cannot finish, the next run's removeStale does).
    run.onCleanup(() => owned.destroy());
    log(`loading ${IMAGE} into it…`);
    await owned.loadFrom(shared, IMAGE);
    client = owned.client;
  } else {
    log(`the shared engine, no engine restart: ${skipped}`);
    run.onCleanup(async () => {
      const mine = await shared.docker.listContainers({ all: true, filters: JSON.stringify({ label: [`${LABEL}=${runId}`] }) });
      await Promise.all(mine.map((c) => shared.docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
    });
  }
  const { sleepers, loggers } = await createContainers(client, runId);

  const inspectPort = await freePort();
  const profile = createProfile(run.tmp);
  if (engine) Object.assign(profile.env, { DOCKER_HOST: engine.env.DOCKER_HOST, DOCKER_CONTEXT: '' });
  const { server, page } = await startSession(run, profile, path.join(root, 'test-results/bench-soak-FAILED.png'));
  await page.goto(workbenchUrl(server, workspace, [['extensionDevelopmentPath', remoteUri(server, root)], ['inspect-extensions', String(inspectPort)]]),
    { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await waitForWorkbench(page);
  const host = await ExtensionHostInspector.connect(inspectPort);
  run.onCleanup(() => host.close());
  // Before the panel opens (this activates the extension): what a closed panel must come back to.
  const beforeOpen = { ...(await host.diagnostics(root)), handles: await host.handles() };

  await runFromCommandPalette(page, 'Dockwright: Open Dashboard');
  const view = webviewContent(page);
  await view.locator('tr[data-id]').nth(COUNT - 1).waitFor({ state: 'attached', timeout: 60_000 });
  await followLogs(view, loggers[0]);
  const samples: Sample[] = [];
  const sample = async (minute: number) => {
    const s = { minute, hostMB: mb(await host.heap()), webviewMB: mb((await webviewHeap(page)).bytes) };
    samples.push(s);
    log(`minute ${minute}: extension host heap ${s.hostMB.toFixed(1)} MB, webview heap ${s.webviewMB.toFixed(1)} MB`);
  };
  await sample(0);
  const scope = (await webviewHeap(page)).scope;

  const started = Date.now();
  const end = started + MINUTES * 60_000;
  let restarts = 0;
  let failedRestarts = 0;
  let follows = 1;
  let nextMinute = 1;
  let recovery: Awaited<ReturnType<typeof restartEngine>> | undefined;
  // The logs follow the next chatty container often enough to visit each one twice.
  const followEveryMs = Math.max(5_000, (MINUTES * 60_000) / (2 * LOGGERS));
  let nextFollow = started + followEveryMs;
  for (let tick = 0; Date.now() < end; tick++) {
    const second = started + (tick + 1) * 1000;
    if (engine && !recovery && Date.now() >= started + (MINUTES * 60_000) / 2) {
      log('restarting the engine…');
      recovery = await restartEngine(engine, view, sleepers);
      log(`engine away ${recovery.awayMs} ms; panel live again ${recovery.liveAfterMs} ms after it answered`);
      continue;
    }
    await sleepers[1 + (tick % (sleepers.length - 1))].restart({ t: 0 }).then(() => restarts++, () => failedRestarts++);
    if (Date.now() >= nextFollow) {
      await followLogs(view, loggers[follows % LOGGERS]);
      follows++;
      nextFollow += followEveryMs;
    }
    if (Date.now() >= started + nextMinute * 60_000) await sample(nextMinute++);
    await sleep(Math.max(0, second - Date.now()));
  }
  await sample(Math.round((Date.now() - started) / 60_000));
  const final = await panelState(view);
  const listedAtEnd = (await client.docker.listContainers({ all: true })).length;

  await runFromCommandPalette(page, 'View: Close All Editors');
  // Long enough for keep-alive sockets of the last requests to close.
  await sleep(6_000);
  const afterClose = { ...(await host.diagnostics(root)), handles: await host.handles() };
  if (engine) await engine.destroy();

  const first = samples[0];
  const last = samples[samples.length - 1];
  const hostGrowth = last.hostMB - first.hostMB;
  const webviewGrowth = last.webviewMB - first.webviewMB;
  const ok = (pass: boolean) => (pass ? 'ok' : 'MISSED');
  const kinds = [...new Set([...Object.keys(beforeOpen.handles), ...Object.keys(afterClose.handles)])].sort();
  const handleText = (h: Record<string, number>) => kinds.map((k) => `${k} ${h[k] ?? 0}`).join(', ');
  const leftStreams = afterClose.openStreams - beforeOpen.openStreams;
  const leftListeners = afterClose.engineListeners - beforeOpen.engineListeners;
  const recovered = recovery ? recovery.sawReconnecting && recovery.rows === recovery.listed : undefined;
  console.log(`\nDashboard soak: ${COUNT} containers, ${MINUTES} min, ${restarts} container restarts (${failedRestarts} failed while the engine was away), ` +
    `logs of ${Math.min(follows, LOGGERS)} containers followed in turn (${follows} times), ${engine ? 'a private engine' : 'the shared engine'}\n`);
  console.log(`heap after GC, per minute: ${samples.map((s) => `${s.minute}: host ${s.hostMB.toFixed(1)} / webview ${s.webviewMB.toFixed(1)} MB`).join('; ')}`);
  console.log(`extension host heap growth      ${hostGrowth.toFixed(1).padStart(6)} MB   goal ≤ ${GROWTH_GOAL_MB} MB ${ok(hostGrowth <= GROWTH_GOAL_MB)}`);
  console.log(`webview heap growth             ${webviewGrowth.toFixed(1).padStart(6)} MB   goal ≤ ${GROWTH_GOAL_MB} MB ${ok(webviewGrowth <= GROWTH_GOAL_MB)} (${scope})`);
  console.log(`daemon streams left after close ${String(leftStreams).padStart(6)}      before open ${beforeOpen.openStreams}, after close ${afterClose.openStreams} ${ok(leftStreams === 0)}`);
  console.log(`engine listeners left           ${String(leftListeners).padStart(6)}      before open ${beforeOpen.engineListeners}, after close ${afterClose.engineListeners} ${ok(leftListeners === 0)}`);
  console.log(`extension host handles          before open: ${handleText(beforeOpen.handles)}`);
  console.log(`                                after close: ${handleText(afterClose.handles)}`);
  if (recovery) {
    console.log(`engine restart: away ${recovery.awayMs} ms; panel said "reconnecting": ${recovery.sawReconnecting}; live again with ${recovery.rows}/${recovery.listed} ` +
      `rows ${recovery.liveAfterMs} ms after the engine answered; a container restart shown ${recovery.eventAfterMs} ms later — recovered by itself: ${ok(recovered === true)}`);
  } else {
    console.log(`engine restart: skipped (${skipped})`);
  }
  console.log(`at the end: ${final.rows} rows for ${listedAtEnd} containers, badge "${final.live}" ${ok(final.rows === listedAtEnd && final.live.includes('live'))}`);
  const passed = hostGrowth <= GROWTH_GOAL_MB && webviewGrowth <= GROWTH_GOAL_MB && leftStreams === 0 && leftListeners === 0 && recovered !== false &&
    final.rows === listedAtEnd;
  return passed ? 0 : 1;
}
