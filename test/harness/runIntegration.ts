// Runs the extension-host suite (test/integration) inside real VS Code, offline: code-server's
// workbench in headless Chromium loads this repository as the extension under development.
//
//   node scripts/build.mjs --tests && node out/test/harness/runIntegration.js
//
// Prints the extension host's mocha output, then one line `N passed, N failed`.
// Exit: 0 passed, 1 failed, 2 rig error, 124 overall timeout, 129/130/143 on SIGHUP/INT/TERM.
// Env: DOCKWRIGHT_VSCODE_DIR (rig, default /opt/dockwright/vscode), DOCKWRIGHT_TEST_TIMEOUT_S
// (default 600), DOCKWRIGHT_TEST_KEEP=1 (keep the temp folder), DOCKWRIGHT_TEST_VERBOSE=1.
// The extension host inherits this environment (CI, DOCKER_HOST, ...).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import { checkRig, createProfile, remoteUri, workbenchUrl } from './codeServer';
import { log, RigError, ROOT, runHarness } from './harnessRun';
import { startSession } from './session';
import { formatCounts, parseCountsLine, type TestCounts } from './testCounts';

const TESTS = path.join(ROOT, 'out/test/integration/index.js');
// Only a README: opening it must not activate the extension.
const WORKSPACE = path.join(ROOT, 'test/fixtures/workspaces/plain');

// Lines the workbench itself logs through the automation logger that are not test output.
const NOISE = [
  /^\[Extension Host\] (Debugger listening|For help, see)/,
  /^Started local extension host/,
  /^\[perf\]/,
  /^Ignoring fetching additional builtin extensions from gallery/,
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket \(renderer-/,
  /^\[Service Worker\] registered/,
  /^ChatSessionStore: /,
  /^Updating additional builtin extensions cache/,
];

runHarness('integration', 600, async (run) => {
  checkRig();
  for (const file of [path.join(ROOT, 'dist/extension.js'), TESTS]) {
    if (!fs.existsSync(file)) throw new RigError(`${file} is missing: run \`node scripts/build.mjs --tests\` first`);
  }
  const { server, page } = await startSession(run, createProfile(run.tmp),
    path.join(ROOT, 'test-results/integration/workbench-at-exit-FAILED.png'));

  // The web workbench reports through these two hooks when extensionTestsPath is set.
  let counts: TestCounts | undefined;
  let testsExited: (code: number) => void = () => undefined;
  const exitCode = new Promise<number>((resolve) => (testsExited = resolve));
  await page.exposeFunction('codeAutomationExit', (code) => testsExited(Number(code)));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    // Console-style arguments: a printf format first (mocha logs '%s%s', ...), then values.
    const text = util.format(...(Array.isArray(args) ? args : [args]));
    const reported = parseCountsLine(text);
    if (reported) counts = reported;
    if (reported || (!run.verbose && NOISE.some((re) => re.test(text)))) return;
    (type === 'error' || type === 'warn' ? process.stderr : process.stdout).write(`${text}\n`);
  });

  await page.goto(workbenchUrl(server, WORKSPACE, [
    ['extensionDevelopmentPath', remoteUri(server, ROOT)],
    ['extensionTestsPath', remoteUri(server, TESTS)],
  ]), { waitUntil: 'domcontentloaded', timeout: 60_000 });
  log(`workbench loaded after ${run.elapsed()}; running the tests`);
  const code = await exitCode;
  log(`the extension host exited with code ${code} after ${run.elapsed()}`);
  process.stdout.write(counts ? `${formatCounts(counts)}\n` : 'no test results: the suite did not run (see above)\n');
  return code;
});
