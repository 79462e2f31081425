/**
 * npm run bench:activation — how long VS Code takes to activate Dockwright, against an extension
 * whose activate() only returns, both measured the same way in the same run.
 *
 * Where: the real extension host (code-server 4.100.3 = VS Code 1.100.3, from the test rig), with
 * the extensions installed from .vsix files as users get them (Dockwright's is packaged from this
 * tree's production build). Each run starts a fresh code-server, so every activation is a cold
 * one in a new extension host, and opens the workbench on a folder that activates neither.
 *
 * How: a third extension, the probe (bench/extensions/probe), starts once the window has started
 * (onStartupFinished), waits 2 s for the built-in extensions' own startup activations to pass,
 * and activates the two extensions one after the other, 0.5 s apart, through `extension.activate()`,
 * which runs VS Code's own activation: the extension context, the require of `main` (with the
 * `vscode` API object the host makes for it), the activate() call. The order alternates between
 * runs. Per extension it records:
 *   activation  from the request to the resolved activation, as the probe awaits it (what the host
 *               spends on it, including its own fixed costs; the figure the goal is about);
 *   require     the load of `main`, timed on Module._load, the path the host's require takes;
 *   activate()  the call itself, on the activate() that require returned;
 *   marks       VS Code's own marks around the code loading and the activate call (whole ms,
 *               Date.now()), the ones "Developer: Startup Performance" lists, as a cross-check;
 * and which of the extension's files load during activation and in the next 3 s (first use:
 * the status bar's first engine check loads the engine client then, not during activation).
 * A fake context in plain node would skip the host's part, so it is not measured that way.
 *
 * Prints medians of RUNS runs after one warm-up (the first start also fills the OS file cache),
 * the ratio, and the goal (issue 12): Dockwright's activation ≤ 1.5× the empty extension's.
 * Env: DOCKWRIGHT_BENCH_RUNS (default 9); DOCKWRIGHT_BENCH_VSIX=<file> measures that .vsix
 * instead of packaging this tree (e.g. an older build, for a before/after).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser } from '../test/harness/browser';
import { checkRig, createProfile, installExtension, startCodeServer, workbenchUrl, type CodeServer, type CodeServerProfile } from '../test/harness/codeServer';
import { log, ProductError, runHarness, type HarnessRun } from '../test/harness/harnessRun';
import { packageVsix } from '../test/harness/vsix';
import { median } from './stats';

// The bench runs as out/bench/activation.js.
const ROOT = path.resolve(__dirname, '..', '..');
const WORKSPACE = path.join(ROOT, 'test/fixtures/workspaces/plain');
const RUNS = Number(process.env.DOCKWRIGHT_BENCH_RUNS ?? 9);
const DOCKWRIGHT = 'dockwright.dockwright';
const EMPTY = 'dockwright-bench.empty';
const GOAL = 1.5;
const RESULT_TIMEOUT_MS = 90_000;

interface Measured {
  id: string;
  activationMs: number;
  activateCallMs: number;
  from: number;
  to: number;
  vscodeMarks: { codeLoadingMs: number; activateMs: number };
}
interface Load {
  id: string;
  file: string;
  main: boolean;
  at: number;
  ms: number;
}
interface ProbeResult {
  extensions: Measured[];
  loads: Load[];
  error?: string;
}
interface Row {
  activation: number;
  require: number;
  activateCall: number;
  marksLoad: number;
  marksActivate: number;
  /** Files of the extension loaded during its activation, and after it. */
  during: Load[];
  after: Load[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function vsce(run: HarnessRun, cwd: string, out: string, extraArgs: string[] = []): Promise<string> {
  return packageVsix(run, path.join(ROOT, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '--out', out, ...extraArgs], cwd, out);
}

async function installAll(run: HarnessRun, profile: CodeServerProfile): Promise<void> {
  const dockwright = process.env.DOCKWRIGHT_BENCH_VSIX ?? await vsce(run, ROOT, path.join(run.tmp, 'dockwright.vsix'));
  for (const vsix of [
    dockwright,
    await vsce(run, path.join(ROOT, 'bench/extensions/empty'), path.join(run.tmp, 'empty.vsix'), ['--allow-missing-repository', '--skip-license']),
    await vsce(run, path.join(ROOT, 'bench/extensions/probe'), path.join(run.tmp, 'probe.vsix'), ['--allow-missing-repository', '--skip-license']),
  ]) await installExtension(profile, vsix);
  log(`installed ${path.basename(dockwright)} (${(fs.statSync(dockwright).size / 1024).toFixed(0)} kB), the empty extension and the probe`);
}

async function waitForResult(file: string): Promise<ProbeResult> {
  for (const deadline = Date.now() + RESULT_TIMEOUT_MS; Date.now() < deadline; await sleep(100)) {
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as ProbeResult;
  }
  throw new ProductError(`the probe wrote no result in ${RESULT_TIMEOUT_MS / 1000} s (did the extension host start?)`);
}

function rowOf(result: ProbeResult, id: string): Row {
  const measured = result.extensions.find((e) => e.id === id);
  if (!measured) throw new ProductError(`the probe did not measure ${id}`);
  const own = result.loads.filter((l) => l.id === id);
  const during = own.filter((l) => l.at >= measured.from && l.at <= measured.to);
  const main = during.find((l) => l.main);
  if (!main) throw new ProductError(`the probe saw no file of ${id} load during its activation`);
  return {
    activation: measured.activationMs,
    require: main.ms,
    activateCall: measured.activateCallMs,
    marksLoad: measured.vscodeMarks.codeLoadingMs,
    marksActivate: measured.vscodeMarks.activateMs,
    during,
    after: own.filter((l) => l.at > measured.to),
  };
}

function files(loads: Load[]): string {
  const byFile = new Map<string, number[]>();
  for (const l of loads) byFile.set(l.file, [...(byFile.get(l.file) ?? []), l.ms]);
  return [...byFile].map(([file, times]) => `${file} (${median(times).toFixed(1)} ms)`).join(', ') || 'none';
}

function report(rows: Record<string, Row[]>, extensionDir: string): void {
  const ms = (value: number, digits = 1) => `${value.toFixed(digits)} ms`.padStart(12);
  const line = (name: string, r: Row[]) => `  ${name.padEnd(18)}${ms(median(r.map((x) => x.activation)))}${ms(median(r.map((x) => x.require)))}` +
    `${ms(median(r.map((x) => x.activateCall)), 2)}${`${median(r.map((x) => x.marksLoad))} / ${median(r.map((x) => x.marksActivate))} ms`.padStart(16)}`;
  const dockwright = rows[DOCKWRIGHT];
  const empty = rows[EMPTY];
  const ratio = median(dockwright.map((x) => x.activation)) / median(empty.map((x) => x.activation));
  const size = (file: string) => {
    const full = path.join(extensionDir, file);
    return fs.existsSync(full) ? `${file} ${(fs.statSync(full).size / 1024).toFixed(0)} kB` : undefined;
  };
  process.stdout.write([
    `Activation in the extension host (code-server, VS Code 1.100.3), median of ${dockwright.length} cold runs:`,
    `  ${''.padEnd(18)}${'activation'.padStart(12)}${'require'.padStart(12)}${'activate()'.padStart(12)}${'marks load/act'.padStart(16)}`,
    line('empty extension', empty),
    line('Dockwright', dockwright),
    `  ratio ${ratio.toFixed(2)}× the empty extension's activation (goal ≤ ${GOAL}×: ${ratio <= GOAL ? 'met' : 'NOT met'})`,
    `  Dockwright's files loaded during activation: ${files(dockwright.flatMap((r) => r.during))}`,
    `    sizes: ${[...new Set(dockwright.flatMap((r) => r.during.map((l) => l.file)))].map(size).filter(Boolean).join(', ')}`,
    `  and in the 3 s after it (first use): ${files(dockwright.flatMap((r) => r.after))}`,
    '',
  ].join('\n'));
}

runHarness('bench-activation', 1200, async (run) => {
  checkRig();
  const profile = createProfile(run.tmp);
  await installAll(run, profile);
  const extensionDir = fs.readdirSync(profile.extensionsDir).find((d) => d.startsWith(`${DOCKWRIGHT}-`));
  if (!extensionDir) throw new ProductError(`Dockwright is not in ${profile.extensionsDir} after --install-extension`);
  const browser = await launchBrowser(run.tmp);
  run.onCleanup(() => browser.close());

  let server: CodeServer | undefined;
  run.onCleanup(() => server?.stop());
  const rows: Record<string, Row[]> = { [DOCKWRIGHT]: [], [EMPTY]: [] };
  for (let i = 0; i <= RUNS; i++) {
    const order = i % 2 ? [EMPTY, DOCKWRIGHT] : [DOCKWRIGHT, EMPTY];
    const out = path.join(run.tmp, `run-${i}.json`);
    const started = await startCodeServer({ ...profile, env: { ...profile.env, DOCKWRIGHT_BENCH_OUT: out, DOCKWRIGHT_BENCH_ORDER: order.join(',') } });
    server = started;
    try {
      await browser.page.goto(workbenchUrl(started, WORKSPACE), { waitUntil: 'domcontentloaded', timeout: 60_000 });
      const result = await waitForResult(out);
      if (result.error) throw new ProductError(`the probe failed: ${result.error}`);
      const measured = Object.fromEntries(order.map((id) => [id, rowOf(result, id)]));
      log(`run ${i}${i === 0 ? ' (warm-up)' : ''}: ${order.map((id) => `${id} ${measured[id].activation.toFixed(1)} ms`).join(', ')}`);
      if (i > 0) for (const id of order) rows[id].push(measured[id]);
    } finally {
      await browser.page.goto('about:blank').catch(() => undefined);
      await started.stop();
      server = undefined;
    }
  }
  report(rows, path.join(profile.extensionsDir, extensionDir));
  return 0;
});
