/**
 * DOCKWRIGHT_BENCH_ENGINE_CORES=0 (a `taskset` core list): bench:dashboard confines the local
 * engine (the processes bench/cpu.ts counts as the engine: dockerd, containerd, their shims, runc,
 * docker-proxy, and so the containers started meanwhile) to those cores for the log flood and its
 * floors, and gives each process its own cores back afterwards. On a machine as small as the
 * bench's usual two cores, the engine copying a flood takes both, and the editor's frames wait for
 * it; confined, the rest of the machine is the editor's, as on a machine where the engine runs in
 * its own VM or has cores to spare. Linux, root, util-linux.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import { promisify } from 'node:util';
import { processGroup, processIds } from './cpu';

const run = promisify(execFile);

/** The engine's processes, as the CPU split counts them (a container's own processes are not among them). */
function enginePids(): number[] {
  return processIds().filter((pid) => processGroup(pid) === 'engine');
}

/** "pid 31307's current affinity list: 0,1" → "0,1". */
export function affinityOf(output: string): string | undefined {
  return /affinity list:\s*(\S+)/.exec(output)?.[1];
}

export interface Confinement {
  /** What was confined, for the report. */
  said: string;
  restore(): Promise<void>;
}

/** Confines the engine's processes to `cores`; undefined when not asked for, a reason when it cannot. */
export async function confineEngine(): Promise<Confinement | string | undefined> {
  const cores = process.env.DOCKWRIGHT_BENCH_ENGINE_CORES;
  if (!cores) return undefined;
  const pids = enginePids();
  if (!pids.length) return 'not confined: no dockerd or containerd on this machine (a remote engine?)';
  const before = new Map<number, string>();
  for (const pid of pids) {
    try {
      const was = affinityOf((await run('taskset', ['-cp', String(pid)])).stdout);
      if (was) before.set(pid, was);
      // -a: every thread of the process.
      await run('taskset', ['-a', '-cp', cores, String(pid)]);
    } catch (err) {
      // A shim whose container just went is no longer there to confine; anything else is a failure.
      if (!fs.existsSync(`/proc/${pid}`)) continue;
      await restore(before);
      return `not confined: ${((err as { stderr?: string }).stderr || (err as Error).message).trim().split('\n')[0]}`;
    }
  }
  return { said: `engine confined to core(s) ${cores} for the flood and its floors (${before.size} processes)`, restore: () => restore(before) };
}

async function restore(before: Map<number, string>): Promise<void> {
  for (const [pid, cores] of before) await run('taskset', ['-a', '-cp', cores, String(pid)]).catch(() => undefined);
}
