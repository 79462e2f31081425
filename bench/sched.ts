/**
 * Who had the cores while the webview waited for one, from the kernel's scheduler (Linux `perf
 * sched`, opt-in with DOCKWRIGHT_BENCH_SCHED=1). A trace of the renderer tells that a long frame
 * was spent waiting, not working; this tells for how long its main thread was ready to run and
 * not running, and what ran on every core meanwhile, grouped as bench/cpu.ts groups processes:
 * the machine's floor, named, in the same run. Without perf (or the right to trace) it says why.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { processGroup, processIds, type CpuGroup } from './cpu';

const run = promisify(execFile);

export interface SchedWait {
  /** The thread watched: the busiest renderer's main thread. */
  thread: string;
  /** The stretch explained (the longest frame gap), in milliseconds. */
  spanMs: number;
  /** How that thread spent it. */
  own: ThreadTime;
  /** Milliseconds each group ran, over all cores, in that stretch; 'idle' is a core with nothing to run. */
  ran: Partial<Record<CpuGroup | 'idle', number>>;
  /** Milliseconds each group's threads were ready to run and waited for a core, summed over its threads. */
  waited: Partial<Record<CpuGroup, number>>;
  cores: number;
}

export interface SchedRecording {
  /** Stops recording (call it while the processes watched still run). */
  stop(): Promise<void>;
  /** What the machine did between two moments (epoch milliseconds, as a page's timeOrigin + now() gives). */
  explain(fromMs: number, toMs: number): Promise<SchedWait | string>;
}

/** What one thread did over a stretch of time: ran on a core, was ready and waited for one, or slept. */
export interface ThreadTime { runMs: number; waitMs: number; sleepMs: number }

type SchedEvent =
  | { kind: 'switch'; cpu: number; at: number; prev: number; prevRunnable: boolean; next: number }
  | { kind: 'waking'; cpu: number; at: number; tid: number };

/**
 * `perf script -F cpu,time,event,trace` lines of the scheduler's events:
 * "[001] 35018.777203: sched:sched_switch: prev_comm=node prev_pid=22729 prev_prio=120 prev_state=S ==> next_comm=chromium next_pid=22706 next_prio=120"
 * "[000] 35339.438891: sched:sched_waking: comm=perf pid=26730 prio=120 target_cpu=000"
 */
export function parseSched(text: string): SchedEvent[] {
  const events: SchedEvent[] = [];
  for (const line of text.split('\n')) {
    const sw = /^\s*\[(\d+)\]\s+([\d.]+):\s+sched:sched_switch:.*?prev_pid=(\d+).*?prev_state=(\S+).*?==>.*?next_pid=(\d+)/.exec(line);
    if (sw) {
      events.push({ kind: 'switch', cpu: Number(sw[1]), at: Number(sw[2]), prev: Number(sw[3]), prevRunnable: sw[4].startsWith('R'), next: Number(sw[5]) });
      continue;
    }
    const wk = /^\s*\[(\d+)\]\s+([\d.]+):\s+sched:sched_waking:.*?\bpid=(\d+)/.exec(line);
    if (wk) events.push({ kind: 'waking', cpu: Number(wk[1]), at: Number(wk[2]), tid: Number(wk[3]) });
  }
  return events;
}

/**
 * Milliseconds each task ran between `from` and `to` (seconds, the recording's clock), over all
 * cores. Events before `from` tell which task each core ran on entry; task 0 is a core with
 * nothing to run.
 */
export function runTimes(events: SchedEvent[], from: number, to: number): Map<number, number> {
  const lastAt = new Map<number, number>();
  const current = new Map<number, number>();
  const ran = new Map<number, number>();
  const add = (tid: number, seconds: number) => ran.set(tid, (ran.get(tid) ?? 0) + seconds * 1000);
  for (const e of events) {
    if (e.kind !== 'switch' || e.at > to) continue;
    if (e.at >= from) {
      add(e.prev, e.at - (lastAt.get(e.cpu) ?? from));
      lastAt.set(e.cpu, e.at);
    }
    current.set(e.cpu, e.next);
  }
  // Each core's last task runs on to the end of the stretch.
  for (const [cpu, tid] of current) add(tid, to - (lastAt.get(cpu) ?? from));
  return ran;
}

/**
 * How `tid` spent the stretch from `from` to `to`. Its state on entry is the one its last event
 * before the stretch left it in; without one, its first event in the stretch tells: switched in
 * means it was waiting for a core, switched out means it was running, woken means it was asleep.
 */
export function threadTime(events: SchedEvent[], tid: number, from: number, to: number): ThreadTime {
  const mine = events.filter((e) => e.at <= to && (e.kind === 'waking' ? e.tid === tid : e.prev === tid || e.next === tid));
  const inside = mine.filter((e) => e.at >= from);
  const last = mine.filter((e) => e.at < from).pop();
  const first = inside[0];
  type State = keyof ThreadTime;
  const after = (e: SchedEvent): State => (e.kind === 'waking' ? 'waitMs' : e.next === tid ? 'runMs' : e.prevRunnable ? 'waitMs' : 'sleepMs');
  const time: ThreadTime = { runMs: 0, waitMs: 0, sleepMs: 0 };
  let state: State = last ? after(last) : !first || first.kind === 'waking' ? 'sleepMs' : first.next === tid ? 'waitMs' : 'runMs';
  let since = from;
  for (const e of inside) {
    // A wake-up of a thread already running or waiting changes nothing.
    const next = e.kind === 'waking' && state !== 'sleepMs' ? state : after(e);
    time[state] += (e.at - since) * 1000;
    state = next;
    since = e.at;
  }
  time[state] += (to - since) * 1000;
  return time;
}

function perfMissing(): string | undefined {
  const found = (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, 'perf')));
  return found ? undefined : 'no perf on PATH';
}

/** Every thread of every process now running, to its group (a thread's id is what the scheduler names), and the processes' ids. */
function threadGroups(): { groups: Map<number, CpuGroup>; processes: Set<number> } {
  const groups = new Map<number, CpuGroup>();
  const processes = new Set<number>();
  for (const pid of processIds()) {
    let tasks: string[];
    try {
      tasks = fs.readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    const group = processGroup(pid);
    processes.add(pid);
    for (const tid of tasks) groups.set(Number(tid), group);
  }
  return { groups, processes };
}

/** The recording's clock (CLOCK_MONOTONIC, in seconds) at an epoch millisecond, from this process's two clocks. */
function monotonicAt(epochMs: number): number {
  const monotonicNow = Number(process.hrtime.bigint()) / 1e9;
  return monotonicNow - (Date.now() - epochMs) / 1000;
}

/** Starts `perf sched record` on every core into `dir`; undefined when not asked for. */
export async function startSched(dir: string): Promise<SchedRecording | undefined> {
  if (!process.env.DOCKWRIGHT_BENCH_SCHED) return undefined;
  const missing = perfMissing();
  if (missing) return { stop: async () => undefined, explain: async () => `not measured: ${missing}` };
  const file = path.join(dir, 'sched.data');
  const perf: ChildProcess = spawn('perf', ['sched', 'record', '-k', 'CLOCK_MONOTONIC', '-a', '-o', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  perf.stderr?.on('data', (d: Buffer) => (errors += d.toString()));
  const exited = new Promise<number | null>((resolve) => perf.on('exit', (code) => resolve(code)));
  // perf writes its header once the events are set up.
  for (let i = 0; i < 50 && !fs.existsSync(file) && perf.exitCode === null; i++) await new Promise((r) => setTimeout(r, 100));
  let threads: ReturnType<typeof threadGroups> | undefined;
  return {
    stop: async () => {
      threads = threadGroups();
      perf.kill('SIGINT');
      await exited;
    },
    explain: async (fromMs, toMs) => {
      if (!threads) return 'not measured: the recording was not stopped';
      const { groups, processes } = threads;
      try {
        if (!fs.existsSync(file)) return `not measured: perf sched record wrote nothing (${errors.trim().split('\n').pop()})`;
        const from = monotonicAt(fromMs);
        const to = monotonicAt(toMs);
        // A little before the stretch, so that every core's task on entry is known.
        const { stdout } = await run('perf', ['script', '-i', file, '--time', `${(from - 0.05).toFixed(6)},${to.toFixed(6)}`, '-F', 'cpu,time,event,trace'], { maxBuffer: 1 << 30 });
        const events = parseSched(stdout);
        const ran: SchedWait['ran'] = {};
        const byTid = runTimes(events, from, to);
        for (const [tid, ms] of byTid) {
          const group = tid === 0 ? 'idle' : groups.get(tid) ?? 'other';
          ran[group] = (ran[group] ?? 0) + ms;
        }
        const waited: SchedWait['waited'] = {};
        const tids = new Set(events.flatMap((e) => (e.kind === 'waking' ? [e.tid] : [e.prev, e.next])));
        for (const tid of tids) {
          if (!tid) continue;
          const group = groups.get(tid) ?? 'other';
          waited[group] = (waited[group] ?? 0) + threadTime(events, tid, from, to).waitMs;
        }
        // The busiest renderer's main thread (a process's main thread has the process's id) in the stretch.
        const renderers = [...processes].filter((pid) => groups.get(pid) === 'webview renderer');
        const main = renderers.map((pid) => ({ pid, time: threadTime(events, pid, from, to) })).sort((a, b) => b.time.runMs + b.time.waitMs - (a.time.runMs + a.time.waitMs))[0];
        if (!main) return 'not measured: no renderer in the recording';
        return { thread: `renderer ${main.pid}`, spanMs: (to - from) * 1000, own: main.time, ran, waited, cores: os.cpus().length };
      } finally {
        fs.rmSync(file, { force: true });
      }
    },
  };
}

/** "containers 93 ms, engine 224 ms, ..." largest first, under 1 ms left out. */
export function describeRan(ran: SchedWait['ran'] | SchedWait['waited']): string {
  return Object.entries(ran).filter(([, ms]) => (ms ?? 0) >= 1).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .map(([group, ms]) => `${group} ${Math.round(ms ?? 0)} ms`).join(', ');
}
