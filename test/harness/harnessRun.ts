// One harness run: a private temp folder, an overall timeout, signal handling and cleanup in
// reverse order, then one exit code. Shared by runIntegration and runUi.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Exit codes CI reads: the tests' verdict, a broken rig, or the overall timeout. */
export const EXIT = { passed: 0, failed: 1, rig: 2, timeout: 124 } as const;
const SIGNAL_EXIT = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;
const CLEANUP_LIMIT_MS = 15_000;

/** The repository root: the runners execute as out/test/harness/*.js. */
export const ROOT = path.resolve(__dirname, '..', '..', '..');

export function log(message: string): void {
  process.stderr.write(`[harness ${new Date().toISOString().slice(11, 23)}] ${message}\n`);
}

/** The product failed before any test could run (e.g. the .vsix did not build): exit 1, not 2. */
export class ProductError extends Error {}

/** The test rig is missing or broken; the message says what to do (exit 2, no stack trace). */
export class RigError extends Error {}

export interface HarnessRun {
  /** Private folder for every file the run writes; removed at the end unless DOCKWRIGHT_TEST_KEEP=1. */
  readonly tmp: string;
  readonly verbose: boolean;
  readonly elapsed: () => string;
  /**
   * Registered cleanups run last-in first-out with the exit code, each bounded so a wedged
   * process cannot hang the exit.
   */
  onCleanup(cleanup: (code: number) => Promise<void> | void): void;
  /** Ends the process with `code` after cleanup; later calls are ignored. */
  finish(code: number, why?: string): Promise<void>;
}

function timeoutSeconds(fallback: number): number {
  const value = Number(process.env.DOCKWRIGHT_TEST_TIMEOUT_S ?? fallback);
  return value > 0 ? value : fallback;
}

/** Runs `main`, whose result is the exit code; any other error is a rig error (exit 2). */
export function runHarness(name: string, defaultTimeoutS: number, main: (run: HarnessRun) => Promise<number>): void {
  const started = Date.now();
  const keep = process.env.DOCKWRIGHT_TEST_KEEP === '1';
  const cleanups: ((code: number) => Promise<void> | void)[] = [];
  let finishing = false;

  const run: HarnessRun = {
    tmp: fs.mkdtempSync(path.join(os.tmpdir(), `dockwright-${name}-`)),
    verbose: process.env.DOCKWRIGHT_TEST_VERBOSE === '1',
    elapsed: () => `${((Date.now() - started) / 1000).toFixed(1)}s`,
    onCleanup: (cleanup) => void cleanups.push(cleanup),
    finish: async (code, why) => {
      if (finishing) return;
      finishing = true;
      if (why) log(why);
      for (const cleanup of cleanups.reverse()) {
        let limit: NodeJS.Timeout | undefined;
        const bounded = new Promise<void>((resolve) => (limit = setTimeout(resolve, CLEANUP_LIMIT_MS)));
        const attempt = Promise.resolve(code).then(cleanup).catch((e: unknown) => log(`cleanup: ${String(e)}`));
        await Promise.race([attempt, bounded]);
        clearTimeout(limit);
      }
      if (keep) log(`kept ${run.tmp}`);
      else fs.rmSync(run.tmp, { recursive: true, force: true });
      log(`exit ${code} after ${run.elapsed()}`);
      process.exit(code);
    },
  };

  for (const signal of Object.keys(SIGNAL_EXIT) as (keyof typeof SIGNAL_EXIT)[]) {
    process.on(signal, () => void run.finish(SIGNAL_EXIT[signal], `got ${signal}`));
  }
  const limitS = timeoutSeconds(defaultTimeoutS);
  // Deliberately not unref'd: if the browser dies quietly, node must not exit 0 on an empty loop.
  setTimeout(() => void run.finish(EXIT.timeout, `TIMEOUT: no result after ${limitS}s (DOCKWRIGHT_TEST_TIMEOUT_S)`),
    limitS * 1000);

  main(run).then(
    (code) => run.finish(code),
    (e: unknown) => {
      if (e instanceof ProductError) return run.finish(EXIT.failed, e.message);
      if (e instanceof RigError) return run.finish(EXIT.rig, `rig error: ${e.message}`);
      return run.finish(EXIT.rig, `rig error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    },
  );
}
