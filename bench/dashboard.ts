/**
 * npm run bench:dashboard — the dashboard against the real engine and the real workbench:
 *   1. 300 tiny containers: time from "Open Dashboard" to all rows rendered (cold, with the
 *      extension's activation, and warm), against the floor any webview panel pays in this
 *      workbench: VS Code's built-in Markdown preview opened the same way (and one list call);
 *   2. a state change (kill): the daemon's event, then the row in the webview, and that it came
 *      by a one-row update (no list re-read); where the time went (host read → posted → webview
 *      handler → frame → row made), with postMessage's own transit as the floor we do not control;
 *   3. log ingest: 1M lines through the host pipeline (demux, lines, ring buffer, packed batches)
 *      in lines/s and the memory it keeps, against a bare demux of the same bytes; 1M lines from a
 *      container through the daemon; and the webview following that flood (frame gaps, lines kept).
 * Goals (issue 7): first render ≤ 300 ms, updates by events, ≥ 100k lines/s, ≤ 50 MB; (issue 17)
 * kill → row ≤ 1.5 × kill → event. With --soak it runs the soak instead (bench/dashboardSoak.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type Docker from 'dockerode';
import { LOG_UPDATE_MS, LogsFeed } from '../src/dashboard/logsFeed';
import { DockerClient } from '../src/docker/client';
import { LogDecoder } from '../src/docker/logDecoder';
import { LogDemuxer } from '../src/docker/logDemux';
import { listContainerRows } from '../src/docker/containers';
import { processAlive } from '../test/docker/support';
import { checkRig, createProfile, remoteUri, workbenchUrl } from '../test/harness/codeServer';
import { log, runHarness, type HarnessRun } from '../test/harness/harnessRun';
import type { FrameLocator, Page } from '../test/harness/playwright';
import { startSession } from '../test/harness/session';
import { runFromCommandPalette, waitForWorkbench, webviewContent } from '../test/harness/workbench';
import { CpuSampler, cpuSnapshot, cpuSplit, describeGroups, type CpuGroup, type CpuSnapshot, type CpuSplit } from './cpu';
import { soak, soakTimeoutSeconds } from './dashboardSoak';
import { describeRan, startSched } from './sched';
import { confineEngine } from './engineCores';
import { describeEntities, switchAutogroup } from './schedGroups';
import { webviewHeap, type PageInternals } from './heaps';
import { median, percentile } from './stats';

const COUNT = Number(process.env.DOCKWRIGHT_BENCH_CONTAINERS ?? 300);
const LINES = Number(process.env.DOCKWRIGHT_BENCH_LINES ?? 1_000_000);
const KILLS = 5;
const LABEL = 'dockwright.bench';
const runId = `${process.pid}`;
// The bench runs as out/bench/dashboard.js (the harness's ROOT assumes out/test/harness).
const ROOT = path.resolve(__dirname, '..', '..');
const WORKSPACE = path.join(ROOT, 'test/fixtures/workspaces/plain');
const client = new DockerClient(60_000);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const mb = (bytes: number) => bytes / 1024 / 1024;

// ---- log ingest in the host pipeline -------------------------------------------------------
function frame(stream: number, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

/** 64 different ~64 kB chunks of multiplexed log frames, cycled: realistic bytes without holding 100 MB. */
function syntheticChunks(): { chunks: Buffer[]; linesPerChunk: number } {
  const chunks: Buffer[] = [];
  let linesPerChunk = 0;
  for (let c = 0; c < 64; c++) {
    const frames: Buffer[] = [];
    let lines = 0;
    for (let size = 0; size < 64_000; lines++) {
      const i = c * 1000 + lines;
      const text = `2025-01-01T10:00:${String(i % 60).padStart(2, '0')}.123456789Z \u001b[32mINFO\u001b[0m request ${i} GET /todos/${i} 200 <b>${i % 7}</b>\n`;
      const f = frame(i % 10 === 0 ? 2 : 1, text);
      frames.push(f);
      size += f.length;
    }
    linesPerChunk = lines;
    chunks.push(Buffer.concat(frames));
  }
  return { chunks, linesPerChunk };
}

async function hostIngest() {
  const { chunks, linesPerChunk } = syntheticChunks();
  const rounds = Math.ceil(LINES / linesPerChunk);
  const total = rounds * linesPerChunk;
  // Baseline: only the demultiplexing, over the same bytes.
  let frames = 0;
  const bare = new LogDemuxer(() => frames++);
  let started = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) bare.push(chunks[r % chunks.length]);
  const bareSeconds = Number(process.hrtime.bigint() - started) / 1e9;

  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  let messages = 0;
  let serialized = 0;
  const feed: LogsFeed = new LogsFeed((m) => {
    messages++;
    if (m.type !== 'logView') return true;
    serialized += m.batch.bytes.length;
    // A webview that draws every update at once: the host's own pace is measured.
    setImmediate(() => feed.acknowledge(m.session));
    return true;
  }, 10_000);
  // The extension's own decoder, as followLogs uses it.
  const decoder = new LogDecoder(false, (lines) => feed.ingest(lines));
  started = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) {
    decoder.push(chunks[r % chunks.length]);
    // A socket delivers chunks between turns of the event loop; the decoder takes a turn's together.
    if (r % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  decoder.end();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await new Promise((resolve) => setTimeout(resolve, 120));
  gc();
  const kept = process.memoryUsage().heapUsed - heapBefore;
  const result = { lines: total, linesPerSecond: total / seconds, bareLinesPerSecond: total / bareSeconds, keptMB: mb(kept),
    rssMB: mb(process.memoryUsage().rss), messages, serializedMB: serialized / 1e6, bufferLines: feed.lines().length };
  feed.dispose();
  return result;
}

// ---- containers ------------------------------------------------------------------------------
async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

/** Containers of earlier bench runs that were killed before their cleanup ran. */
async function removeStaleRuns(): Promise<void> {
  const found = await client.docker.listContainers({ all: true, filters: JSON.stringify({ label: [LABEL] }) });
  const stale = found.filter((c) => c.Labels[LABEL] !== runId && !processAlive(Number(c.Labels[LABEL])));
  await inBatches(stale, 10, (c) => client.docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined));
}

async function createContainers(run: HarnessRun): Promise<Docker.Container[]> {
  await removeStaleRuns();
  // A backstop for a run that stops early; a finished run removes and verifies them itself.
  run.onCleanup(async () => void (await removeContainers()));
  const started = Date.now();
  const names = Array.from({ length: COUNT }, (_, i) => `dw-bench-${runId}-${String(i).padStart(3, '0')}`);
  const containers: Docker.Container[] = [];
  await inBatches(names, 10, async (name) => {
    const c = await client.docker.createContainer({
      name, Image: 'python:3.12-slim', Cmd: ['sleep', 'infinity'], Labels: { [LABEL]: runId, 'com.docker.compose.project': `bench${Number(name.slice(-3)) % 10}` },
      HostConfig: { NetworkMode: 'none' },
    });
    await c.start();
    containers.push(c);
  });
  log(`${COUNT} containers running after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return containers;
}

/**
 * Removes every container of this run, checks with the daemon that none is left, and retries what
 * failed (a removal can fail while the daemon is busy); returns what is still there, with the errors.
 */
async function removeContainers(): Promise<{ removed: number; left: string[] }> {
  const mine = () => client.docker.listContainers({ all: true, filters: JSON.stringify({ label: [`${LABEL}=${runId}`] }) });
  let removed = 0;
  const errors = new Map<string, string>();
  for (let attempt = 0; attempt < 3; attempt++) {
    const found = await mine();
    if (!found.length) break;
    await inBatches(found, 10, (c) => client.docker.getContainer(c.Id).remove({ force: true }).then(
      () => void removed++,
      (e: unknown) => void errors.set(c.Id, e instanceof Error ? e.message : String(e))));
  }
  const left = (await mine()).map((c) => `${c.Names[0] ?? c.Id.slice(0, 12)}: ${errors.get(c.Id) ?? 'still listed'}`);
  return { removed, left };
}

interface OpenTiming {
  total: number; toDocument: number; toScript: number; toList: number; toRendered: number;
  /** Fetches of the bundle and the stylesheet: start → response end, from Enter. */
  fetches: { name: string; start: number; end: number }[];
}
async function openDashboard(page: Page, rows: number): Promise<OpenTiming> {
  const started = await runFromCommandPalette(page, 'Dockwright: Open Dashboard');
  const view = webviewContent(page);
  await view.locator('tr[data-id]').nth(rows - 1).waitFor({ state: 'attached', timeout: 60_000 });
  const total = Date.now() - started;
  // Where the time went, from the webview's own clock (epoch ms, comparable with Date.now()).
  const marks = await view.locator('#app').evaluate((el) => {
    const w = (el as unknown as ProbeElement).ownerDocument.defaultView;
    const at = (name: string) => w.performance.timeOrigin + (w.performance.getEntriesByName(name)[0]?.startTime ?? NaN);
    const fetches = w.performance.getEntriesByType('resource').map((e) => ({
      name: e.name.split('/').pop() ?? e.name, start: w.performance.timeOrigin + e.startTime, end: w.performance.timeOrigin + e.responseEnd,
    }));
    return { document: w.performance.timeOrigin, script: at('dockwright:script'), list: at('dockwright:list-received'), rendered: at('dockwright:containers'), fetches };
  });
  return {
    total, toDocument: marks.document - started, toScript: marks.script - started, toList: marks.list - started, toRendered: marks.rendered - started,
    fetches: marks.fetches.map((f) => ({ name: f.name, start: f.start - started, end: f.end - started })),
  };
}

/**
 * The floor every webview panel pays here: VS Code's built-in Markdown preview of the workspace's
 * README (a webview made by another extension) from Enter to its text in the page. Its first
 * opening activates the Markdown extension and is not counted.
 */
async function openBuiltInWebview(page: Page): Promise<number> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.fill('README.md');
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'README.md' }).waitFor();
  await input.press('Enter');
  await page.locator('.editor-instance .view-lines', { hasText: 'A workspace with nothing' }).waitFor();
  const started = await runFromCommandPalette(page, 'Markdown: Open Preview');
  await webviewContent(page).locator('.markdown-body h1', { hasText: 'plain' }).waitFor({ state: 'attached', timeout: 60_000 });
  return Date.now() - started;
}

async function closeEditors(page: Page): Promise<void> {
  await runFromCommandPalette(page, 'View: Close All Editors');
  await page.waitForTimeout(500);
}

type Counts = Record<string, number>;
/** The webview's frame times (rAF timestamps) noted under one name, once `recording` is set. */
interface FrameLog { recording: boolean; stopped: boolean; times: number[] }
interface LogsViewStats { updates: number; updateMs: number; draws: number; drawMs: number; slowDraws: { at: number; ms: number; rows: number }[] }
/** The webview's window as these in-page probes use it (the bench compiles without the DOM library). */
interface ProbeWindow {
  dwCounts: Counts;
  dwFrames: Record<string, FrameLog>;
  dwFlood: { longTasks: number; longestTask: number };
  dwFloodDone: Promise<{ seconds: number }>;
  dwRedraw?: number;
  dockwrightLogsStats: LogsViewStats;
  dwLogsBefore: LogsViewStats;
  dwFloodStart: number;
  PerformanceObserver: new (callback: (list: { getEntries(): { duration: number }[] }) => void) => { observe(options: { type: string }): void };
  dwFirstExited?: { first?: Record<string, string | undefined>; remade: number; lastAt: number };
  dwObserver?: { observe(target: unknown, options: object): void; disconnect(): void };
  MutationObserver: new (callback: () => void) => NonNullable<ProbeWindow['dwObserver']>;
  addEventListener(type: 'message', listener: (e: { data?: { type?: string; received?: number } }) => void): void;
  requestAnimationFrame(callback: (time: number) => void): number;
  setInterval(callback: () => void, ms: number): number;
  clearInterval(id: number): void;
  performance: {
    now(): number; timeOrigin: number; memory?: { usedJSHeapSize: number };
    getEntriesByName(name: string): { startTime: number }[];
    getEntriesByType(type: 'resource'): { name: string; startTime: number; responseEnd: number }[];
  };
}
interface ProbeElement {
  ownerDocument: { defaultView: ProbeWindow };
  dataset: Record<string, string | undefined>;
  querySelectorAll(selector: string): { length: number };
}
function countMessages(view: FrameLocator): Promise<void> {
  return view.locator('#app').evaluate((el) => {
    const w = (el as unknown as ProbeElement).ownerDocument.defaultView;
    w.dwCounts = {};
    w.addEventListener('message', (e) => {
      const type = e.data?.type ?? '?';
      w.dwCounts[type] = (w.dwCounts[type] ?? 0) + 1;
    });
  });
}
const readCounts = (view: FrameLocator) => view.locator('#app').evaluate((el) => (el as unknown as ProbeElement).ownerDocument.defaultView.dwCounts);

/** Where the time of one kill → row went (ms from the kill, medians over the kills). */
interface RowWay {
  /** The bench's own event stream got the "die" event. */
  daemonEvent: number;
  /** The extension host read it, handed the update to the webview, the webview's handler got it, its next frame started, the row was made. */
  hostRead: number; posted: number; received: number; frame: number; rendered: number;
}

/**
 * The first row of `id` that says "exited", as the webview inserted it: its dataset (the times the
 * event's way left on it) when a MutationObserver saw it. The observer goes on counting the rows
 * made for `id` after that one (an inspect's refinement that re-creates the row) until it is read.
 */
function watchFirstExited(view: FrameLocator, id: string): Promise<void> {
  return view.locator('#app').evaluate((el, containerId) => {
    const app = el as unknown as ProbeElement & { ownerDocument: { querySelector(s: string): ProbeElement | null } };
    const w = app.ownerDocument.defaultView;
    w.dwObserver?.disconnect();
    const seen = { first: undefined as Record<string, string | undefined> | undefined, last: null as ProbeElement | null, remade: 0, lastAt: 0 };
    w.dwFirstExited = seen;
    w.dwObserver = new w.MutationObserver(() => {
      const tr = app.ownerDocument.querySelector(`tr[data-id="${containerId}"]`);
      if (!tr || tr === seen.last) return;
      seen.last = tr;
      if (seen.first) {
        seen.remade++;
        seen.lastAt = Number(tr.dataset.renderedAt);
      } else if (tr.dataset.state === 'exited') {
        seen.first = { ...tr.dataset };
      }
    });
    w.dwObserver.observe(el, { childList: true, subtree: true });
  }, id);
}

async function stateChanges(view: FrameLocator, containers: Docker.Container[]) {
  const events = (await client.docker.getEvents({ filters: JSON.stringify({ type: ['container'], event: ['die', 'start'] }) })) as NodeJS.ReadableStream;
  const arrivals = new Map<string, number>();
  events.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      const e = JSON.parse(line) as { Action: string; id: string };
      arrivals.set(`${e.id}:${e.Action}`, Date.now());
    }
  });
  const ways: RowWay[] = [];
  const remade: { count: number; lastMs: number }[] = [];
  await countMessages(view);
  for (const c of containers.slice(0, KILLS)) {
    await watchFirstExited(view, c.id);
    const started = Date.now();
    await c.kill();
    await view.locator(`tr[data-id="${c.id}"][data-state="exited"]`).waitFor({ state: 'attached', timeout: 10_000 });
    // Time for the inspect that refines the row, to see whether it makes the row again.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const seen = await view.locator('#app').evaluate((el) => (el as unknown as ProbeElement).ownerDocument.defaultView.dwFirstExited);
    const at = (key: string) => Number(seen?.first?.[key]) - started;
    ways.push({ daemonEvent: (arrivals.get(`${c.id}:die`) ?? NaN) - started, hostRead: at('eventAt'), posted: at('postedAt'),
      received: at('receivedAt'), frame: at('frameAt'), rendered: at('renderedAt') });
    remade.push({ count: seen?.remade ?? 0, lastMs: seen?.remade ? seen.lastAt - started : NaN });
  }
  const counts: Counts = await readCounts(view);
  (events as unknown as { destroy(): void }).destroy();
  const way = Object.fromEntries(Object.keys(ways[0]).map((k) => [k, median(ways.map((w) => w[k as keyof RowWay]))])) as unknown as RowWay;
  const remadeRows = remade.filter((r) => r.count > 0);
  return { eventMs: way.daemonEvent, panelMs: way.rendered, way, counts,
    remade: { rows: remadeRows.length, times: remade.reduce((n, r) => n + r.count, 0), lastMs: remadeRows.length ? median(remadeRows.map((r) => r.lastMs)) : NaN } };
}

/** DOCKWRIGHT_BENCH_PROFILE=file.cpuprofile: a CPU profile of the workbench renderer during the flood (open it in DevTools). */
async function startProfile(page: Page, file: string): Promise<{ stop(): Promise<void> }> {
  const session = await (page as unknown as PageInternals).context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await session.send('Profiler.start');
  return {
    stop: async () => {
      const { profile } = (await session.send('Profiler.stop')) as { profile: unknown };
      fs.writeFileSync(file, JSON.stringify(profile));
      await session.detach();
    },
  };
}

/** Messages the workbench's socket to the server carries during the flood (all of VS Code's traffic, ours included). */
async function countSocket(page: Page): Promise<{ stop(): Promise<{ received: number; receivedBytes: number; sent: number; sentBytes: number }> }> {
  const session = await (page as unknown as PageInternals).context().newCDPSession(page);
  const counts = { received: 0, receivedBytes: 0, sent: 0, sentBytes: 0 };
  session.on('Network.webSocketFrameReceived', (e) => {
    counts.received++;
    counts.receivedBytes += e.response?.payloadData?.length ?? 0;
  });
  session.on('Network.webSocketFrameSent', (e) => {
    counts.sent++;
    counts.sentBytes += e.response?.payloadData?.length ?? 0;
  });
  await session.send('Network.enable');
  return { stop: async () => ({ ...counts, ...(await session.detach().then(() => ({})) as object) }) };
}

/** A Chrome trace of the flood (DOCKWRIGHT_BENCH_TRACE=file), to see what a long frame was made of. */
async function startTrace(page: Page, file: string): Promise<{ stop(): Promise<LongTasks> }> {
  const browser = (page as unknown as { context(): { browser(): TracingBrowser } }).context().browser();
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink', 'toplevel', 'ipc', 'mojom'] });
  return {
    stop: async () => {
      const json = await browser.stopTracing();
      fs.writeFileSync(file, json);
      return longTasksOf(JSON.parse(json.toString('utf8')) as { traceEvents: TraceEvent[] });
    },
  };
}

interface TraceEvent { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; args?: { name?: string; data?: { url?: string } } }
/** The webview's main thread's tasks over 50 ms: how long they took, and how much of it on a core. */
interface LongTasks { tasks: number; wallMs: number; cpuMs: number; longestCpuMs: number }

/**
 * A task's wall time against its thread time tells a frame our work filled from one the thread
 * spent waiting for a core: a 50 ms task with 2 ms of thread time was preempted, not busy.
 */
function longTasksOf(trace: { traceEvents: TraceEvent[] }): LongTasks {
  const events = trace.traceEvents;
  const ours = events.find((e) => e.name === 'FunctionCall' && e.args?.data?.url?.endsWith('/webview.js'));
  const result: LongTasks = { tasks: 0, wallMs: 0, cpuMs: 0, longestCpuMs: 0 };
  if (!ours) return result;
  for (const e of events) {
    if (e.pid !== ours.pid || e.tid !== ours.tid || e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask' || (e.dur ?? 0) <= 50_000) continue;
    result.tasks++;
    result.wallMs += (e.dur ?? 0) / 1000;
    result.cpuMs += (e.tdur ?? 0) / 1000;
    result.longestCpuMs = Math.max(result.longestCpuMs, (e.tdur ?? 0) / 1000);
  }
  return result;
}

interface TracingBrowser {
  startTracing(page: unknown, options: { categories: string[] }): Promise<void>;
  stopTracing(): Promise<Buffer>;
}

/** Starts noting the webview's frame times under `name`; they count from when `recording` is set. */
async function startFrames(view: FrameLocator, name: string, recording: boolean): Promise<void> {
  await view.locator('#app').evaluate((el, { name, recording }) => {
    const w = (el as unknown as ProbeElement).ownerDocument.defaultView;
    const log: FrameLog = { recording, stopped: false, times: [] };
    (w.dwFrames ??= {})[name] = log;
    const tick = (t: number) => {
      if (log.stopped) return;
      if (log.recording) log.times.push(t);
      w.requestAnimationFrame(tick);
    };
    w.requestAnimationFrame(tick);
  }, { name, recording });
}

interface FrameGaps {
  gaps: number[]; frames: number; longest: number; over50: number; late: string[];
  /** The longest gap's ends, in epoch milliseconds (the page's timeOrigin + its frame times). */
  longestSpan: [number, number];
}

/**
 * Frame times are vsync-aligned (16.7 ms apart at 60 Hz), so a gap of three frames reads as
 * 50.0x ms: "over 50 ms" means a fourth frame missed, not that rounding.
 */
const OVER_50 = 50.5;

/** Stops the frame log `name` and reads its gaps: the longest, how many over 50 ms, and when those came. */
async function stopFrames(view: FrameLocator, name: string): Promise<FrameGaps> {
  const frames = await view.locator('#app').evaluate((el, name) => {
    const w = (el as unknown as ProbeElement).ownerDocument.defaultView;
    const log = w.dwFrames[name];
    log.stopped = true;
    return { times: log.times, origin: w.performance.timeOrigin };
  }, name);
  const { times, origin } = frames;
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  const late = gaps.flatMap((gap, i) => (gap > OVER_50 ? [`${Math.round(gap)} ms at ${((times[i + 1] - times[0]) / 1000).toFixed(2)} s`] : []));
  const longest = Math.max(0, ...gaps);
  const at = gaps.indexOf(longest);
  return { gaps, frames: gaps.length, longest, over50: late.length, late, longestSpan: at < 0 ? [origin, origin] : [origin + times[at], origin + times[at + 1]] };
}

/** A container of this run that runs `script` (the flood's, or a floor's variant of it), without a network. */
function floodContainer(suffix: string, script: string): Promise<Docker.Container> {
  return client.docker.createContainer({
    name: `dw-bench-${runId}-${suffix}`, Image: 'python:3.12-slim', Cmd: ['python', '-u', '-c', script], Labels: { [LABEL]: runId },
    HostConfig: { NetworkMode: 'none' },
  });
}

async function floodLogs(page: Page, view: FrameLocator, tmp: string) {
  const heapBefore = await webviewHeap(page);
  const script = `import sys, time\ntime.sleep(6)\nw = sys.stdout.write\nfor i in range(${LINES}): w(f"\\x1b[36mline {i}\\x1b[0m GET /todos <i>{i}</i>\\n")\nsys.stdout.flush()\ntime.sleep(3600)`;
  const flood = await floodContainer('flood', script);
  await flood.start();
  // Read with the flood's container and shim there: who the cores are shared between meanwhile.
  const entities = describeEntities();
  const row = view.locator(`tr[data-id="${flood.id}"]`);
  await row.waitFor({ state: 'attached', timeout: 10_000 });
  await row.getByRole('button', { name: /Show the logs of/ }).click();
  // Frame gaps in the webview while the flood arrives (from its first batch of lines on, not the
  // tab switch before it): a UI that freezes shows as a long gap. Long tasks (main-thread work over
  // 50 ms) tell a frame blocked by our code from one the machine did not schedule.
  // The bench does not poll the page meanwhile (a locator wait runs selectors every frame, in the
  // very renderer measured): the page itself notes when the first lines came and when the last
  // one is on screen, and one evaluate waits for that.
  await startFrames(view, 'flood', false);
  await view.locator('#app').evaluate((el, { last, lines }) => {
    const w = (el as unknown as ProbeElement).ownerDocument.defaultView;
    const doc = (el as unknown as { ownerDocument: { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> } }).ownerDocument;
    const frames = w.dwFrames.flood;
    const tasks = w.dwFlood = { longTasks: 0, longestTask: 0 };
    let start = 0;
    let lastSeen = false;
    w.dwFloodDone = new Promise((resolve) => {
      const shown = () => Array.from(doc.querySelectorAll('.log-line')).some((row) => row.textContent?.includes(last));
      const check = () => (shown() ? resolve({ seconds: (w.performance.now() - start) / 1000 }) : w.requestAnimationFrame(check));
      // From the first update that carries lines (the first ones, before the flood, only open the tab).
      w.addEventListener('message', (e) => {
        if (e.data?.type !== 'logView' || !(e.data.received ?? 0)) return;
        if (!frames.recording) w.dwFloodStart = start = w.performance.now();
        frames.recording = true;
        // After this message's own frame has drawn it (its frame callback was asked for first).
        if (e.data.received === lines && !lastSeen) {
          lastSeen = true;
          w.requestAnimationFrame(check);
        }
      });
    });
    new w.PerformanceObserver((list) => {
      if (!frames.recording || frames.stopped) return;
      for (const task of list.getEntries()) {
        tasks.longTasks++;
        tasks.longestTask = Math.max(tasks.longestTask, task.duration);
      }
    }).observe({ type: 'longtask' });
    w.dwLogsBefore = { ...w.dockwrightLogsStats };
  }, { last: `line ${LINES - 1} `, lines: LINES });
  const profile = process.env.DOCKWRIGHT_BENCH_PROFILE ? await startProfile(page, process.env.DOCKWRIGHT_BENCH_PROFILE) : undefined;
  const trace = process.env.DOCKWRIGHT_BENCH_TRACE ? await startTrace(page, process.env.DOCKWRIGHT_BENCH_TRACE) : undefined;
  const socket = process.env.DOCKWRIGHT_BENCH_SOCKET ? await countSocket(page) : undefined;
  const sched = await startSched(tmp);
  const sampler = new CpuSampler();
  // From the first line the webview shows (the container sleeps a few seconds first) to the last.
  const done = view.locator('#app').evaluate((el) => (el as unknown as ProbeElement).ownerDocument.defaultView.dwFloodDone);
  const { seconds } = await Promise.race([done, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the last log line did not show within 300 s')), 300_000))]);
  const cpu = sampler.stop(seconds);
  await sched?.stop();
  await profile?.stop();
  const traced = await trace?.stop();
  if (socket) log(`workbench socket during the flood (${seconds.toFixed(1)} s): ${JSON.stringify(await socket.stop())}`);
  const frames = await stopFrames(view, 'flood');
  const waited = await sched?.explain(...frames.longestSpan);
  const stats = await view.locator('section.logs').evaluate((el) => {
    const section = el as unknown as ProbeElement;
    const w = section.ownerDocument.defaultView;
    const now = w.dockwrightLogsStats;
    const before = w.dwLogsBefore;
    // The slowest draws of the flood, in seconds from its first line.
    const slowDraws = now.slowDraws.filter((d) => d.at >= w.dwFloodStart).sort((a, b) => a.at - b.at).map((d) => ({ ...d, at: (d.at - w.dwFloodStart) / 1000 }));
    const work = { updates: now.updates - before.updates, updateMs: now.updateMs - before.updateMs, draws: now.draws - before.draws, drawMs: now.drawMs - before.drawMs, slowDraws };
    return { lines: Number(section.dataset.lines), received: Number(section.dataset.received ?? 0), dropped: Number(section.dataset.dropped ?? 0), rows: section.querySelectorAll('.log-line').length, tasks: w.dwFlood, work };
  });
  // The floor for frame gaps, in the same run: the same panel for as long again (at most 20 s),
  // with no lines arriving: what the workbench and this headless renderer cost by themselves.
  await startFrames(view, 'idle', true);
  await new Promise((resolve) => setTimeout(resolve, Math.min(20_000, Math.round(seconds * 1000))));
  const idle = await stopFrames(view, 'idle');
  const heapAfter = await webviewHeap(page);
  const loaded = await loadFloor(view, script, false);
  const drawing = await loadFloor(view, script, true);
  const unread = await unreadFloor(view, script);
  return { seconds, ...stats, frames, cpu, entities, idle, loaded, drawing, unread, traced, waited, heapBefore: heapBefore.bytes, heapAfter: heapAfter.bytes, heapScope: heapAfter.scope };
}

/**
 * The floor for frame gaps with nobody reading: the same flood from a fourth container, which
 * exits when it has written everything, while the panel stays open and idle. What the container
 * writing and the engine storing its log cost the webview's frames, without the daemon's copy to
 * a follower: the part of the load that any reading of every line adds shows against the floor
 * under load. The container's writes wait for the engine's log copier (a pipe between them), so
 * its exit is when the log is stored.
 */
async function unreadFloor(view: FrameLocator, script: string) {
  const flood = await floodContainer('unread', script.replace('time.sleep(6)', 'time.sleep(2)').replace('time.sleep(3600)', 'pass'));
  await startFrames(view, 'unread', false);
  await flood.start();
  // Frames count from shortly before the first line (the container sleeps 2 s), so that starting
  // the container is not in the figure; the CPU from the first line on.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await view.locator('#app').evaluate((el) => void ((el as unknown as ProbeElement).ownerDocument.defaultView.dwFrames.unread.recording = true));
  await new Promise((resolve) => setTimeout(resolve, 500));
  const before = cpuSnapshot();
  const started = Date.now();
  await flood.wait();
  const seconds = (Date.now() - started) / 1000;
  const after = cpuSnapshot();
  const frames = await stopFrames(view, 'unread');
  await flood.remove({ force: true }).catch(() => undefined);
  return { seconds, frames, cpu: before && after ? cpuSplit(before, after) : undefined };
}

/**
 * The floor for frame gaps under the same load, in the same run: the same flood from a second
 * container, read by a bare reader in this process instead of the extension, while the panel
 * stays open and idle. What the machine (the container writing, the daemon copying, a reader
 * taking it) costs the webview's frames by itself, on this machine's cores.
 */
async function loadFloor(view: FrameLocator, script: string, redraw: boolean) {
  const flood = await floodContainer('load', script.replace('time.sleep(6)', 'time.sleep(2)'));
  await flood.start();
  await startFrames(view, 'load', false);
  // With redraw, the page itself rewrites the text of the rows on screen as often as the panel updates, as a
  // live log does, with no message and none of the panel's code: what drawing costs under this load.
  if (redraw) {
    await view.locator('#app').evaluate((el, updateMs) => {
      const w = (el as unknown as ProbeElement).ownerDocument.defaultView;
      const rows = Array.from((el as unknown as { ownerDocument: { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> } }).ownerDocument.querySelectorAll('.log-line .log-text'));
      let n = 0;
      w.dwRedraw = w.setInterval(() => {
        n++;
        for (let i = 0; i < rows.length; i++) rows[i].textContent = `line ${n * rows.length + i} GET /todos <i>${n}</i>`;
      }, updateMs);
    }, LOG_UPDATE_MS);
  }
  // As the panel asks for it (with timestamps, which the daemon formats per line).
  const stream = (await flood.logs({ follow: true, stdout: true, stderr: true, timestamps: true })) as unknown as NodeJS.ReadableStream & { destroy(): void };
  const lastLine = `line ${LINES - 1}\x1b[0m`;
  let tail = '';
  let first = 0;
  let before: CpuSnapshot | undefined;
  let after: CpuSnapshot | undefined;
  const seconds = await new Promise<number>((resolve) => {
    stream.on('data', (chunk: Buffer) => {
      if (!first) {
        first = Date.now();
        before = cpuSnapshot();
        void view.locator('#app').evaluate((el) => void ((el as unknown as ProbeElement).ownerDocument.defaultView.dwFrames.load.recording = true));
      }
      tail = (tail + chunk.toString('latin1')).slice(-256);
      if (!tail.includes(lastLine)) return;
      after = cpuSnapshot();
      resolve((Date.now() - first) / 1000);
      stream.destroy();
    });
  });
  const frames = await stopFrames(view, 'load');
  await view.locator('#app').evaluate((el) => {
    const w = (el as unknown as ProbeElement).ownerDocument.defaultView;
    if (w.dwRedraw) w.clearInterval(w.dwRedraw);
  });
  await flood.remove({ force: true }).catch(() => undefined);
  return { seconds, frames, cpu: before && after ? cpuSplit(before, after) : undefined };
}

if (process.argv.includes('--soak')) runHarness('bench-soak', soakTimeoutSeconds(), (run) => soak(run, ROOT, WORKSPACE));
else runHarness('bench-dashboard', 1500, async (run) => {
  await client.ping();
  log(`host log pipeline: ${LINES} lines…`);
  const ingest = await hostIngest();
  checkRig();
  const containers = await createContainers(run);
  const listStarted = Date.now();
  const total = (await listContainerRows(client)).length;
  const listMs = Date.now() - listStarted;

  const { server, page } = await startSession(run, createProfile(run.tmp), path.join(ROOT, 'test-results/bench-dashboard-FAILED.png'));
  await page.goto(workbenchUrl(server, WORKSPACE, [['extensionDevelopmentPath', remoteUri(server, ROOT)]]), { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await waitForWorkbench(page);
  const cold = await openDashboard(page, total);
  const reopen = Number(process.env.DOCKWRIGHT_BENCH_REOPEN ?? 5);
  const warm: OpenTiming[] = [];
  for (let i = 0; i < reopen; i++) {
    await closeEditors(page);
    warm.push(await openDashboard(page, total));
  }
  const builtIn: number[] = [];
  for (let i = 0; i <= reopen; i++) {
    await closeEditors(page);
    const ms = await openBuiltInWebview(page);
    if (i > 0) builtIn.push(ms);
  }
  const builtInMs = median(builtIn);
  await closeEditors(page);
  await openDashboard(page, total);
  const view = webviewContent(page);
  const changes = await stateChanges(view, containers);
  const confined = await confineEngine();
  const autogroup = switchAutogroup();
  // The machine's settings, not the run's: given back once, after the flood or on a signal or the timeout.
  let givenBack = false;
  const giveBack = async () => {
    if (givenBack) return;
    givenBack = true;
    if (typeof autogroup === 'object') autogroup.restore();
    if (typeof confined === 'object') await confined.restore();
  };
  run.onCleanup(giveBack);
  let flood: Awaited<ReturnType<typeof floodLogs>>;
  try {
    if (typeof confined === 'string') log(confined);
    if (typeof autogroup === 'string') log(autogroup);
    flood = await floodLogs(page, view, run.tmp);
  } finally {
    await giveBack();
  }
  fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  await page.screenshot({ path: path.join(ROOT, 'test-results/bench-dashboard-logs.png') });

  const ok = (pass: boolean) => (pass ? 'ok' : 'MISSED');
  const warmRun = [...warm].sort((a, b) => a.total - b.total)[Math.floor(warm.length / 2)];
  const warmMs = warmRun.total;
  const coldMs = cold.total;
  const phases = (t: OpenTiming) => `Enter → webview document ${Math.round(t.toDocument)} ms → ` +
    t.fetches.map((f) => `${f.name} fetched ${Math.round(f.start)}–${Math.round(f.end)} ms → `).join('') +
    `our script ${Math.round(t.toScript)} ms → list received ${Math.round(t.toList)} ms → rows rendered ${Math.round(t.toRendered)} ms`;
  console.log(`\nDashboard bench: ${COUNT} containers (${total} listed), ${ingest.lines.toLocaleString()} log lines, real engine and workbench` +
    [confined, autogroup].map((s) => (typeof s === 'object' ? `; ${s.said}` : typeof s === 'string' ? `; ${s}` : '')).join('') + '\n');
  console.log('figure                                              value        baseline (same run)            ratio   goal');
  const row = (name: string, value: string, base: string, ratio: string, goal: string) =>
    console.log(`${name.padEnd(51)} ${value.padStart(10)}   ${base.padEnd(30)} ${ratio.padStart(6)}   ${goal}`);
  row(`open → all rows rendered, warm (median of ${reopen})`, `${warmMs} ms`, `built-in Markdown preview: ${builtInMs} ms`, `${(warmMs / builtInMs).toFixed(2)}x`, `≤ 300 ms ${ok(warmMs <= 300)}`);
  row('open → all rows rendered, cold (activation)', `${coldMs} ms`, `built-in Markdown preview: ${builtInMs} ms`, `${(coldMs / builtInMs).toFixed(2)}x`, '');
  row('  one list call of the same containers', `${listMs} ms`, '', '', '');
  row('  warm, where the time goes', '', '', '', phases(warmRun));
  row('  our part: script start → all rows rendered', `${Math.round(warmRun.toRendered - warmRun.toScript)} ms`, '', '', `≤ 300 ms ${ok(warmRun.toRendered - warmRun.toScript <= 300)}`);
  row(`kill → row shows "exited" (median of ${KILLS})`, `${changes.panelMs} ms`, `kill → daemon event: ${changes.eventMs} ms`, `${(changes.panelMs / Math.max(1, changes.eventMs)).toFixed(1)}x`,
    `by events: ${ok(!changes.counts.containers && (changes.counts.containerUpdate ?? 0) >= KILLS)} (${changes.counts.containerUpdate ?? 0} row updates, ${changes.counts.containers ?? 0} list re-reads)`);
  const w = changes.way;
  row('  where the time goes (ms from the kill)', '', '', '', `daemon event ${w.daemonEvent} → host read ${w.hostRead} → posted ${w.posted} → ` +
    `webview handler ${w.received} → frame ${w.frame} → row made ${w.rendered}`);
  const transit = w.received - w.posted;
  row('  rows made again after "exited" (the inspect)', `${changes.remade.times}`, `of ${KILLS} rows`, '',
    changes.remade.rows ? `${changes.remade.rows} rows re-made, median at ${changes.remade.lastMs} ms from the kill` : 'none: the refinement changed nothing shown');
  // The event's own latency: when its first reader (this bench or the extension host) had it.
  const event = Math.min(w.daemonEvent, w.hostRead);
  row('  goal: kill → row ≤ 1.5 × kill → event', `${w.rendered} ms`, `1.5 × ${event} ms`, `${(w.rendered / Math.max(1, event)).toFixed(2)}x`, `≤ 1.5x ${ok(w.rendered <= 1.5 * event)}`);
  row('  without postMessage host → webview (not ours)', `${w.rendered - transit} ms`, `transit: ${transit} ms`, `${((w.rendered - transit) / Math.max(1, event)).toFixed(2)}x`,
    `≤ 1.5x ${ok(w.rendered - transit <= 1.5 * event)}`);
  row('host log ingest (demux→lines→ring→packed batches)', `${Math.round(ingest.linesPerSecond / 1000)}k lines/s`, `bare demux: ${Math.round(ingest.bareLinesPerSecond / 1000)}k lines/s`,
    `${(ingest.linesPerSecond / ingest.bareLinesPerSecond).toFixed(2)}x`, `≥ 100k lines/s ${ok(ingest.linesPerSecond >= 100_000)}`);
  row(`host heap kept after ${ingest.lines.toLocaleString()} lines`, `${ingest.keptMB.toFixed(1)} MB`, `${ingest.bufferLines} lines kept, ${ingest.messages} msgs`, '', `≤ 50 MB ${ok(ingest.keptMB <= 50)} (process RSS ${ingest.rssMB.toFixed(0)} MB)`);
  // Every line reaches the host's window and the panel shows the newest one: the rate is the flood's.
  const delivered = flood.received / flood.seconds;
  const floorRate = LINES / flood.loaded.seconds;
  row(`daemon → panel shows line ${LINES.toLocaleString()}`, `${Math.round(delivered / 1000)}k lines/s`, `host pipeline alone: ${Math.round(ingest.linesPerSecond / 1000)}k`, `${(delivered / ingest.linesPerSecond).toFixed(2)}x`,
    `${flood.received.toLocaleString()} received, ${flood.lines} kept, ${flood.dropped.toLocaleString()} no longer kept (and said so), ${flood.rows} DOM rows`);
  row('  the floor: daemon → a bare reader of its stream', `${Math.round(floorRate / 1000)}k lines/s`, 'panel vs this floor:',
    `${(delivered / floorRate).toFixed(2)}x`, `≥ 0.5x ${ok(delivered / floorRate >= 0.5)} (the daemon's own follow rate bounds the panel's)`);
  const gaps = (g: FrameGaps) =>
    `longest ${Math.round(g.longest)} ms, p99 ${Math.round(percentile(g.gaps, 0.99))} ms, ${g.over50} of ${g.frames} over 50 ms` +
    (g.late.length && g.late.length <= 4 ? ` (${g.late.join(', ')})` : '');
  const f = flood.frames;
  const load = flood.loaded.frames;
  row('  frame gaps while the lines arrive', `${Math.round(f.longest)} ms`, gaps(f), '',
    `longest ≤ 50 ms ${ok(f.longest <= OVER_50)} (long tasks: ${flood.tasks.longTasks}, longest ${Math.round(flood.tasks.longestTask)} ms)`);
  if (f.late.length) row('    the gaps over 50 ms, from the first line on', '', '', '', f.late.join(', '));
  const traced = flood.traced;
  if (traced) {
    row('    webview thread tasks over 50 ms (trace)', `${traced.tasks}`, `${Math.round(traced.wallMs)} ms long, ${Math.round(traced.cpuMs)} ms on a core`,
      traced.wallMs ? `${(traced.cpuMs / traced.wallMs).toFixed(2)}x` : '',
      `the rest waited for a core; the longest on a core ${traced.longestCpuMs.toFixed(1)} ms (the trace spans the flood and the seconds before it)`);
  }
  const waited = flood.waited;
  const schedRow = '    the longest gap, from the scheduler (perf sched)';
  if (typeof waited === 'string') row(schedRow, 'n/a', '', '', waited);
  else if (waited) {
    const own = waited.own;
    row(schedRow, `${Math.round(waited.spanMs)} ms`, `webview thread: ran ${Math.round(own.runMs)} ms,`, '',
      `waited for a core ${Math.round(own.waitMs)} ms, slept ${Math.round(own.sleepMs)} ms; meanwhile ${waited.cores} cores ran: ${describeRan(waited.ran)}; ` +
      `threads ready and waiting for a core: ${describeRan(waited.waited) || 'none'}`);
  }
  const cpuRow = (name: string, split: CpuSplit | undefined) =>
    row(name, split ? `${split.busy.toFixed(2)} cores` : 'n/a', split ? `of ${split.cores}, over ${split.seconds.toFixed(1)} s` : '', '',
      split ? describeGroups(split) : 'no /proc here: not measured');
  cpuRow('  CPU while the lines arrive (every process)', flood.cpu);
  row('    the scheduler\'s shares (processes in entities)', '', '', '', flood.entities);
  const work = flood.work;
  row('  the panel\'s own script per update (decode + draw)', `${((work.updateMs + work.drawMs) / Math.max(1, work.draws)).toFixed(1)} ms`,
    `${work.updates} updates, ${work.draws} draws in ${flood.seconds.toFixed(1)} s`, '',
    `${(((work.updateMs + work.drawMs) / 1000 / flood.seconds) * 100).toFixed(1)}% of the main thread; ${work.slowDraws.length ? `longest draw ${Math.max(...work.slowDraws.map((d) => d.ms)).toFixed(1)} ms` : 'no draw over 16 ms'} (style, layout and paint come after)`);
  if (work.slowDraws.length) row('    its draws over 16 ms, from the first line on', '', '', '', work.slowDraws.map((d) => `${d.ms.toFixed(0)} ms at ${d.at.toFixed(2)} s (${d.rows} rows)`).join(', '));
  row('  the floor: the same panel, no lines arriving', `${Math.round(flood.idle.longest)} ms`, gaps(flood.idle), '',
    `(the workbench and this headless renderer by themselves, for as long again${flood.idle.longest > OVER_50 ? ': the 50 ms goal is below this floor' : ''})`);
  row('  the floor under load: same flood, a bare reader', `${Math.round(load.longest)} ms`, gaps(load), '',
    `(the panel idle while a second container floods as much, read outside the extension${load.longest > OVER_50 ? ': the 50 ms goal is below this floor' : ''})`);
  cpuRow('    CPU under that load', flood.loaded.cpu);
  const unread = flood.unread;
  row('  the floor unread: same flood, nobody reading', `${Math.round(unread.frames.longest)} ms`, gaps(unread.frames), '',
    `(a fourth flood that no one follows, stored by the engine in ${unread.seconds.toFixed(1)} s; frames from 0.5 s before its first line${unread.frames.longest > OVER_50 ? ': the 50 ms goal is below this floor' : ''})`);
  cpuRow('    CPU with nobody reading', unread.cpu);
  // What reading the flood costs the extension host's one thread, against the bare reader above
  // (this bench's process) reading as much: the per-line HTTP chunks the daemon sends are most of it.
  const perLine = (split: CpuSplit | undefined, group: CpuGroup, lines: number) =>
    (split ? (split.groups[group] * split.seconds * 1e6) / lines : NaN);
  const hostUs = perLine(flood.cpu, 'extension host', flood.received);
  const bareUs = perLine(flood.loaded.cpu, 'this bench', LINES);
  if (Number.isFinite(hostUs) && Number.isFinite(bareUs)) {
    row('  extension host CPU per line of the flood', `${hostUs.toFixed(1)} µs`, `the bare reader: ${bareUs.toFixed(1)} µs`, `${(hostUs / bareUs).toFixed(2)}x`,
      `${(flood.cpu?.groups['extension host'] ?? 0).toFixed(2)} of its one thread's core while the lines arrive`);
  }
  const drawn = flood.drawing.frames;
  row('  the floor drawing: that, and the rows rewritten', `${Math.round(drawn.longest)} ms`, gaps(drawn), '',
    `(a third flood read outside the extension while the page rewrites the rows on screen ${1000 / LOG_UPDATE_MS} times a second itself${drawn.longest > OVER_50 ? ': the 50 ms goal is below this floor' : ''})`);
  // The 50 ms goal restated against the floor measured in the same run: a frame that the machine
  // under this flood does not schedule is not the panel's; one frame (17 ms) above that floor is.
  const p99 = percentile(f.gaps, 0.99);
  const floorP99 = percentile(load.gaps, 0.99);
  const allowed = Math.max(50, floorP99 + 17);
  row('  goal restated: p99 frame gap while lines arrive', `${Math.round(p99)} ms`, `floor under load p99: ${Math.round(floorP99)} ms`, '',
    `≤ max(50 ms, floor + 17 ms) = ${Math.round(allowed)} ms ${ok(p99 <= allowed + OVER_50 - 50)} (the longest single gap follows the machine's load; see the floors)`);
  const growth = mb(flood.heapAfter - flood.heapBefore);
  row('webview heap growth over the flood (after GC)', `${growth.toFixed(1)} MB`, `before: ${mb(flood.heapBefore).toFixed(0)} MB (${flood.heapScope})`, '', `≤ 50 MB ${ok(growth <= 50)}`);
  // The bench leaves nothing behind, and says so; anything of this run still there fails it.
  const cleanup = await removeContainers();
  console.log(`\ncleanup: ${cleanup.removed} containers of this run removed, ${cleanup.left.length} left`);
  if (cleanup.left.length) {
    console.error(`cleanup FAILED, still there:\n  ${cleanup.left.join('\n  ')}`);
    return 1;
  }
  return 0;
});
