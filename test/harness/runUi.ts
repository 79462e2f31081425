// Playwright UI tests (test/ui/*.test.ts, mocha in this node process) against the real VS Code
// workbench, with the extension as users get it: `npm run package` builds the .vsix, and
// code-server's own `--install-extension` installs it into the run's private extensions dir.
//
//   node scripts/build.mjs --tests && node out/test/harness/runUi.js
//
// Screenshots: test-results/ui/<name>.png, and <test>-FAILED.png for a failed test.
// Prints one line `N passed, N failed`. Exit: 0 passed, 1 failed (or the .vsix did not build or
// install), 2 rig error, 124 overall timeout, 129/130/143 on SIGHUP/INT/TERM.
// Env: as runIntegration (DOCKWRIGHT_VSCODE_DIR, DOCKWRIGHT_TEST_TIMEOUT_S default 300, ...).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { checkRig, createProfile, installExtension, workbenchUrl } from './codeServer';
import { EXIT, type HarnessRun, log, ProductError, RigError, ROOT, runHarness } from './harnessRun';
import type { Page } from './playwright';
import { startSession } from './session';
import { countsOf, formatCounts, type TestCounts } from './testCounts';
import { provideUiContext } from './uiContext';
import { packageVsix } from './vsix';
import { resetWorkbench, waitForWorkbench } from './workbench';

const SHOTS = path.join(ROOT, 'test-results/ui');
const TESTS = path.join(ROOT, 'out/test/ui');
// The example app users open first; tests write into a copy of it, never into the repo.
const EXAMPLE = path.join(ROOT, 'examples/fastapi-todo');
// Toasts slide in: a screenshot taken at once catches them mid-animation.
const SETTLE_MS = 400;

interface Manifest {
  publisher: string;
  name: string;
  version: string;
}

/** `npm run package`, always: a .vsix older than the sources would test yesterday's extension. */
function packageExtension(run: HarnessRun, manifest: Manifest): Promise<string> {
  return packageVsix(run, 'npm', ['run', 'package'], ROOT, path.join(ROOT, `${manifest.name}-${manifest.version}.vsix`));
}

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}

function runMocha(page: Page): Promise<TestCounts> {
  const mocha = new Mocha({ ui: 'bdd', color: Boolean(process.stdout.isTTY), timeout: 60_000 });
  // DOCKWRIGHT_TEST_GREP=<text> runs only the tests whose title contains it, as in the integration suite.
  if (process.env.DOCKWRIGHT_TEST_GREP) mocha.grep(process.env.DOCKWRIGHT_TEST_GREP);
  mocha.suite.beforeEach(() => resetWorkbench(page));
  mocha.suite.afterEach(async function () {
    const test = this.currentTest;
    if (test?.state !== 'failed') return;
    const file = path.join(SHOTS, `${slug(test.fullTitle())}-FAILED.png`);
    await page.screenshot({ path: file }).then(() => log(`failure screenshot: ${file}`), () => undefined);
  });
  for (const file of fs.readdirSync(TESTS).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(TESTS, file));
  }
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve(countsOf(runner.stats)));
    } catch (e) {
      reject(new ProductError(`a UI test file failed to load: ${e instanceof Error ? e.stack : String(e)}`));
    }
  });
}

runHarness('ui', 300, async (run) => {
  checkRig();
  if (!fs.existsSync(TESTS)) throw new RigError(`${TESTS} is missing: run \`node scripts/build.mjs --tests\` first`);
  fs.rmSync(SHOTS, { recursive: true, force: true });
  fs.mkdirSync(SHOTS, { recursive: true });

  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
  const vsix = await packageExtension(run, manifest);
  log(`packaged ${path.relative(ROOT, vsix)} after ${run.elapsed()}`);
  const profile = createProfile(run.tmp);
  log(await installExtension(profile, vsix));
  const installed = `${manifest.publisher}.${manifest.name}-${manifest.version}`.toLowerCase();
  if (!fs.readdirSync(profile.extensionsDir).includes(installed)) {
    throw new ProductError(`--install-extension reported no error, but ${installed} is not in the extensions dir`);
  }

  const workspace = path.join(run.tmp, 'fastapi-todo');
  fs.cpSync(EXAMPLE, workspace, { recursive: true });
  const { server, page } = await startSession(run, profile, path.join(SHOTS, 'workbench-at-exit-FAILED.png'));
  await page.goto(workbenchUrl(server, workspace), { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await waitForWorkbench(page);
  log(`workbench ready after ${run.elapsed()}`);
  provideUiContext({
    page,
    workspace,
    screenshot: async (name) => {
      await page.waitForTimeout(SETTLE_MS);
      await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
    },
  });

  const counts = await runMocha(page);
  process.stdout.write(`${formatCounts(counts)}\n`);
  log(`screenshots in ${path.relative(ROOT, SHOTS)}/`);
  return counts.failed ? EXIT.failed : EXIT.passed;
});
