import * as assert from 'node:assert/strict';
import { describeRan, parseSched, runTimes, threadTime } from '../../../bench/sched';

/**
 * bench:dashboard's scheduler reading (DOCKWRIGHT_BENCH_SCHED=1): what `perf script` prints of
 * the scheduler's events, turned into how one thread spent a frame gap and what ran on the cores.
 */
const sw = (cpu: number, at: number, prev: number, state: string, next: number) =>
  `[00${cpu}] ${at.toFixed(6)}:       sched:sched_switch: prev_comm=t${prev} prev_pid=${prev} prev_prio=120 prev_state=${state} ==> next_comm=t${next} next_pid=${next} next_prio=120`;
const wake = (cpu: number, at: number, tid: number) => `[00${cpu}] ${at.toFixed(6)}:       sched:sched_waking: comm=t${tid} pid=${tid} prio=120 target_cpu=00${cpu}`;

describe('bench: perf sched reading', function () {
  it('reads switches and wake-ups, and skips other lines', function () {
    const events = parseSched([
      sw(1, 100.0, 22729, 'S', 22706),
      '[000] 100.000500:       sched:sched_stat_runtime: comm=node pid=1 runtime=500 [ns]',
      wake(0, 100.001, 42),
      sw(0, 100.002, 7, 'R+', 0),
    ].join('\n'));
    assert.deepEqual(events, [
      { kind: 'switch', cpu: 1, at: 100, prev: 22729, prevRunnable: false, next: 22706 },
      { kind: 'waking', cpu: 0, at: 100.001, tid: 42 },
      { kind: 'switch', cpu: 0, at: 100.002, prev: 7, prevRunnable: true, next: 0 },
    ]);
  });

  it('gives each core\'s time to the task on it, to the end of the stretch', function () {
    // Core 0: task 1 until 10.02, then 2 to the end (10.10). Core 1: task 3 until 10.05, then idle.
    const events = parseSched([sw(0, 10.02, 1, 'R', 2), sw(1, 10.05, 3, 'S', 0)].join('\n'));
    const ran = runTimes(events, 10.0, 10.1);
    const ms = (tid: number) => Math.round(ran.get(tid) ?? 0);
    assert.deepEqual([ms(1), ms(2), ms(3), ms(0)], [20, 80, 50, 50]);
  });

  it('knows from the events before the stretch which task a core ran throughout', function () {
    // Core 1 switched to task 4 before the stretch and never again: 4 ran all 100 ms of it.
    const events = parseSched([sw(1, 9.97, 3, 'S', 4), sw(0, 10.02, 1, 'R', 2)].join('\n'));
    const ran = runTimes(events, 10.0, 10.1);
    assert.equal(Math.round(ran.get(4) ?? 0), 100);
    assert.equal(ran.get(3), undefined);
  });

  it('tells running, waiting for a core and sleeping apart', function () {
    // Thread 5 runs until 1.010 (preempted: still runnable), waits until 1.050, runs until 1.060,
    // sleeps until woken at 1.080, waits until 1.090 and runs to the end (1.100).
    const events = parseSched([
      sw(0, 1.01, 5, 'R', 9),
      sw(0, 1.05, 9, 'S', 5),
      sw(0, 1.06, 5, 'S', 9),
      wake(1, 1.08, 5),
      sw(0, 1.09, 9, 'R', 5),
    ].join('\n'));
    const t = threadTime(events, 5, 1.0, 1.1);
    assert.deepEqual([t.runMs, t.waitMs, t.sleepMs].map(Math.round), [30, 50, 20]);
  });

  it('reads a thread\'s state on entry from its first event', function () {
    // Switched in first: it was waiting. Woken first: it was asleep. No event: asleep throughout.
    const switchedIn = threadTime(parseSched(sw(0, 2.03, 9, 'S', 5)), 5, 2.0, 2.1);
    assert.deepEqual([switchedIn.runMs, switchedIn.waitMs, switchedIn.sleepMs].map(Math.round), [70, 30, 0]);
    const woken = threadTime(parseSched(wake(0, 2.04, 5)), 5, 2.0, 2.1);
    assert.deepEqual([woken.runMs, woken.waitMs, woken.sleepMs].map(Math.round), [0, 60, 40]);
    const quiet = threadTime([], 5, 2.0, 2.1);
    assert.equal(Math.round(quiet.sleepMs), 100);
  });

  it('takes the state on entry from the thread\'s last event before the stretch', function () {
    // Switched in before the stretch and never out: it ran throughout. Preempted before: it waited
    // until switched in at 3.06.
    const running = threadTime(parseSched(sw(0, 2.95, 9, 'S', 5)), 5, 3.0, 3.1);
    assert.equal(Math.round(running.runMs), 100);
    const preempted = threadTime(parseSched([sw(0, 2.98, 5, 'R', 9), wake(1, 3.01, 5), sw(0, 3.06, 9, 'S', 5)].join('\n')), 5, 3.0, 3.1);
    assert.deepEqual([preempted.runMs, preempted.waitMs, preempted.sleepMs].map(Math.round), [40, 60, 0]);
  });

  it('names the groups largest first and leaves out what is under a millisecond', function () {
    assert.equal(describeRan({ engine: 101.4, 'extension host': 47, browser: 0.4, idle: 3 }), 'engine 101 ms, extension host 47 ms, idle 3 ms');
  });
});
