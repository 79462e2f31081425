/**
 * How the kernel shares the cores out between the editor and the engine. Linux's fair scheduler
 * shares them between scheduling entities: a cgroup of its own (each container's), or, with
 * autogroup on (`kernel.sched_autogroup_enabled`, the default on many distributions and on the
 * bench's machines), each session of the processes left in the root cgroup. Then every process of
 * the browser (the renderer that draws the workbench and the panel, its GPU and browser processes)
 * takes turns inside one entity that weighs as much as dockerd alone, containerd and its shims, or
 * the flooding container: while the engine copies a flood, the renderer's frames wait for a core
 * though the panel's own work is a few milliseconds a frame. Without autogroup each thread weighs
 * the same. bench:dashboard prints the entities of each side, and `DOCKWRIGHT_BENCH_AUTOGROUP=0|1`
 * sets autogroup for the flood and its floors and gives the machine its setting back afterwards.
 * Linux, root to switch.
 */
import * as fs from 'node:fs';
import { processGroup, processIds, readProcFile as read, type CpuGroup } from './cpu';

const SWITCH = '/proc/sys/kernel/sched_autogroup_enabled';

/** Whether autogroup is on; undefined on a kernel without it. */
export function autogroupEnabled(): boolean | undefined {
  const text = read(SWITCH)?.trim();
  return text === undefined ? undefined : text !== '0';
}

/** The process's cpu cgroup path, from /proc/PID/cgroup (v1's cpu controller line, else v2's unified line). */
export function cpuCgroup(cgroups: string): string | undefined {
  const lines = cgroups.split('\n').map((line) => line.split(':')).filter((parts) => parts.length >= 3);
  const v1 = lines.find(([, controllers]) => controllers.split(',').includes('cpu'));
  const line = v1 ?? lines.find(([id, controllers]) => id === '0' && controllers === '');
  return line?.slice(2).join(':');
}

/**
 * Which entity the scheduler shares cores between that the process takes turns in: its cgroup
 * when it has one, else its session's autogroup ("/autogroup-42 nice 0") when that is on, else its
 * own threads (undefined: no sharing with other processes).
 */
export function schedulingEntity(cgroups: string, autogroup: string | undefined, enabled: boolean): string | undefined {
  const cgroup = cpuCgroup(cgroups);
  if (cgroup && cgroup !== '/') return `cgroup ${cgroup}`;
  return enabled ? /^\/autogroup-\d+/.exec(autogroup ?? '')?.[0] : undefined;
}

export interface SideEntities {
  processes: number;
  /** Distinct entities the side's processes share; each process of its own counts as one. */
  entities: number;
}

/** The sides the report names, from the CPU split's groups. */
const SIDES: Record<string, CpuGroup[]> = {
  browser: ['browser', 'webview renderer'],
  'extension host': ['extension host'],
  engine: ['engine'],
  containers: ['containers'],
};

/** Per side, how many processes and how many entities they take turns in. */
export function countEntities(processes: { group: CpuGroup; entity: string | undefined }[]): Record<string, SideEntities> {
  const out: Record<string, SideEntities> = {};
  for (const [side, groups] of Object.entries(SIDES)) {
    const mine = processes.filter((p) => groups.includes(p.group));
    const shared = new Set(mine.map((p) => p.entity).filter((e) => e !== undefined));
    out[side] = { processes: mine.length, entities: shared.size + mine.filter((p) => p.entity === undefined).length };
  }
  return out;
}

/** "autogroup on; what the cores are shared between: browser 10 processes in 3, engine 19 processes in 2, ...", or why not read. */
export function describeEntities(): string {
  const enabled = autogroupEnabled();
  if (enabled === undefined) return `no ${SWITCH} here: not read`;
  const processes = processIds().map((pid) => ({
    group: processGroup(pid),
    entity: schedulingEntity(read(`/proc/${pid}/cgroup`) ?? '', read(`/proc/${pid}/autogroup`), enabled),
  }));
  const counts = countEntities(processes);
  const said = Object.entries(counts).filter(([, c]) => c.processes)
    .map(([side, c]) => `${side} ${c.processes} process${c.processes === 1 ? '' : 'es'} in ${c.entities}`).join(', ');
  return `autogroup ${enabled ? 'on' : 'off'}; what the cores are shared between: ${said}`;
}

export interface AutogroupSwitch {
  said: string;
  restore(): void;
}

/** Sets autogroup as DOCKWRIGHT_BENCH_AUTOGROUP asks; undefined when not asked, a reason when it cannot. */
export function switchAutogroup(): AutogroupSwitch | string | undefined {
  const wanted = process.env.DOCKWRIGHT_BENCH_AUTOGROUP;
  if (wanted === undefined || wanted === '') return undefined;
  if (wanted !== '0' && wanted !== '1') return `autogroup not switched: DOCKWRIGHT_BENCH_AUTOGROUP is 0 or 1, not "${wanted}"`;
  const before = read(SWITCH)?.trim();
  if (before === undefined) return `autogroup not switched: no ${SWITCH} on this kernel`;
  try {
    fs.writeFileSync(SWITCH, wanted);
  } catch (err) {
    return `autogroup not switched: ${(err as Error).message}`;
  }
  return {
    said: `autogroup ${wanted === '1' ? 'on' : 'off'} for the flood and its floors (the machine's: ${before === '0' ? 'off' : 'on'}, given back after)`,
    restore: () => fs.writeFileSync(SWITCH, before),
  };
}
