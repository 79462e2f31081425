/**
 * Where the machine's CPU goes while a benchmark runs, from /proc (Linux): every process's user
 * and system time at two moments, grouped by who it is (the engine, the containers, the extension
 * host, the webview's renderer, ...), as cores in use between them, next to the cores there are.
 * A frame the renderer waits for is the machine's, not the panel's, when the cores are all taken:
 * this says by whom, in the same run. Elsewhere (no /proc) it returns undefined and the bench
 * says so.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';

export type CpuGroup = 'engine' | 'containers' | 'extension host' | 'webview renderer' | 'browser' | 'code-server' | 'this bench' | 'other';

interface ProcessTime {
  ticks: number;
  group: CpuGroup;
}

export interface CpuSnapshot {
  at: number;
  processes: Map<number, ProcessTime>;
  /** Busy ticks of the whole machine (/proc/stat's first line: all but idle and iowait). */
  busy: number;
}

export interface CpuSplit {
  seconds: number;
  cores: number;
  /** Cores in use, for the whole machine and by group (processes started in between count from 0). */
  busy: number;
  groups: Record<CpuGroup, number>;
}

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** Who a process is, from its command line and its cgroups (a container's processes sit in its cgroup). */
export function groupOf(pid: number, command: string, comm: string, cgroups: string, self = process.pid): CpuGroup {
  if (pid === self) return 'this bench';
  if (/\/(docker|containerd)[/-][0-9a-f]{64}|\/docker\/[0-9a-f]{12,}/.test(cgroups)) return 'containers';
  if (/^(dockerd|containerd|containerd-shim.*|runc|docker-proxy)$/.test(comm)) return 'engine';
  if (command.includes('--type=extensionHost')) return 'extension host';
  if (/chrom(e|ium)/.test(command) && command.includes('--type=renderer')) return 'webview renderer';
  if (/chrom(e|ium)/.test(command)) return 'browser';
  if (command.includes('code-server')) return 'code-server';
  return 'other';
}

/** A file's text (a /proc file of a process that may be gone), or undefined when it cannot be read. */
export function readProcFile(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The ids of the processes now running (threads are not listed in /proc, only under each process's task/). */
export function processIds(): number[] {
  return fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).map(Number);
}

/** A process's command name, from its stat line (in parentheses, and may itself hold spaces or parentheses). */
function commOf(stat: string): string {
  return stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
}

/** Who a running process is (see groupOf); `comm` when the caller has read its stat line already. */
export function processGroup(pid: number, comm = commOf(readProcFile(`/proc/${pid}/stat`) ?? '')): CpuGroup {
  const command = (readProcFile(`/proc/${pid}/cmdline`) ?? '').replace(/\0/g, ' ');
  return groupOf(pid, command, comm, readProcFile(`/proc/${pid}/cgroup`) ?? '');
}

/** Who each process is, read once per process: a sampler then reads only the times. */
const knownGroups = new Map<number, CpuGroup>();

export function cpuSnapshot(): CpuSnapshot | undefined {
  const stat = readProcFile('/proc/stat');
  if (!stat) return undefined;
  const fields = stat.split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal ...
  const busy = fields.reduce((sum, v) => sum + v, 0) - (fields[3] ?? 0) - (fields[4] ?? 0);
  const processes = new Map<number, ProcessTime>();
  for (const pid of processIds()) {
    const text = readProcFile(`/proc/${pid}/stat`);
    if (!text) continue;
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(rest[11]) + Number(rest[12]);
    let group = knownGroups.get(pid);
    if (!group) {
      group = processGroup(pid, commOf(text));
      knownGroups.set(pid, group);
    }
    processes.set(pid, { ticks, group });
  }
  return { at: performance.now(), processes, busy };
}

export function cpuSplit(before: CpuSnapshot, after: CpuSnapshot): CpuSplit {
  const hz = clockTicks();
  const seconds = (after.at - before.at) / 1000;
  const groups = { engine: 0, containers: 0, 'extension host': 0, 'webview renderer': 0, browser: 0, 'code-server': 0, 'this bench': 0, other: 0 } as Record<CpuGroup, number>;
  for (const [pid, now] of after.processes) {
    const then = before.processes.get(pid)?.ticks ?? 0;
    groups[now.group] += Math.max(0, now.ticks - then) / hz / seconds;
  }
  return { seconds, cores: os.cpus().length, busy: (after.busy - before.busy) / hz / seconds, groups };
}

/** "engine 0.80, extension host 0.40, ...": cores in use by group, the largest first (under 0.05 of a core left out). */
export function describeGroups(split: CpuSplit): string {
  return Object.entries(split.groups).filter(([, cores]) => cores >= 0.05).sort((a, b) => b[1] - a[1])
    .map(([group, cores]) => `${group} ${cores.toFixed(2)}`).join(', ');
}

/**
 * Snapshots every `intervalMs` until stopped, for a stretch whose start only the page knows (the
 * flood's first line): `stop(seconds)` splits the last `seconds` before the stop.
 */
export class CpuSampler {
  private readonly snapshots: CpuSnapshot[] = [];
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(intervalMs = 250) {
    this.take();
    this.timer = setInterval(() => this.take(), intervalMs);
  }

  private take(): void {
    const snapshot = cpuSnapshot();
    if (snapshot) this.snapshots.push(snapshot);
    // Only the last minute is needed.
    if (this.snapshots.length > 240) this.snapshots.shift();
  }

  /** Stops, and splits from the snapshot nearest to `seconds` before now to now. */
  stop(seconds: number): CpuSplit | undefined {
    clearInterval(this.timer);
    const end = cpuSnapshot();
    if (!end || !this.snapshots.length) return undefined;
    const from = end.at - seconds * 1000;
    const start = this.snapshots.reduce((best, s) => (Math.abs(s.at - from) < Math.abs(best.at - from) ? s : best));
    return start.at < end.at ? cpuSplit(start, end) : undefined;
  }
}
