// The extension-host suite in desktop VS Code through @vscode/test-electron, which first
// downloads VS Code from update.code.visualstudio.com. Without network access that download
// fails: this says so and exits 2. Offline, use runIntegration (code-server) instead.
//
//   npm run test:electron
//
// Exit: 0 passed, 1 failed, 2 VS Code could not be downloaded or started, 124 overall timeout.
// On Linux without a display, run it under xvfb-run.
import * as path from 'node:path';
import { runTests, TestRunFailedError } from '@vscode/test-electron';
import { EXIT, RigError, ROOT, runHarness } from './harnessRun';

const TESTS = path.join(ROOT, 'out/test/integration/index.js');
const WORKSPACE = path.join(ROOT, 'test/fixtures/workspaces/plain');
const NETWORK_ERRORS = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|socket hang up/;

runHarness('electron', 900, async (run) => {
  try {
    await runTests({
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: TESTS,
      // Downloads go to the git-ignored cache, not ./.vscode-test.
      cachePath: path.join(ROOT, '.cache', 'vscode-test'),
      launchArgs: [WORKSPACE, '--disable-extensions', '--disable-workspace-trust',
        '--user-data-dir', path.join(run.tmp, 'user-data'), '--extensions-dir', path.join(run.tmp, 'extensions')],
    });
    return EXIT.passed;
  } catch (e) {
    if (e instanceof TestRunFailedError) return EXIT.failed;
    const message = e instanceof Error ? e.message : String(e);
    if (NETWORK_ERRORS.test(message)) {
      throw new RigError(`@vscode/test-electron could not download VS Code (${message}).\n` +
        '  It needs https://update.code.visualstudio.com; this machine seems to be offline.\n' +
        '  Run the same suite offline in code-server: node out/test/harness/runIntegration.js');
    }
    throw e;
  }
});
