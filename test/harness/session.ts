// code-server plus the browser for one harness run: started together, stopped by the run's
// cleanup, and either one dying ends the run as a rig error (exit 2) instead of a hang.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser } from './browser';
import { type CodeServer, type CodeServerProfile, startCodeServer } from './codeServer';
import { EXIT, type HarnessRun, log } from './harnessRun';
import type { Page } from './playwright';

export interface Session {
  readonly server: CodeServer;
  readonly page: Page;
}

const CONSOLE_TAIL = 40;

/**
 * `abortShot`: where to save the workbench as it was when the run ended abnormally (timeout,
 * signal, rig error); test failures take their own screenshots.
 */
export async function startSession(run: HarnessRun, profile: CodeServerProfile, abortShot: string): Promise<Session> {
  const server = await startCodeServer(profile);
  run.onCleanup(() => server.stop());
  log(`code-server ${server.url} (pid ${server.pid}) ready after ${run.elapsed()}`);
  void server.exited.then((why) => run.finish(EXIT.rig,
    `code-server exited unexpectedly (${why}); log ${server.logFile} (DOCKWRIGHT_TEST_KEEP=1 keeps it)`));

  const browser = await launchBrowser(run.tmp);
  run.onCleanup(() => browser.close());
  const { context, page } = browser;
  context.on('close', () => void run.finish(EXIT.rig, 'the browser closed unexpectedly'));
  page.on('crash', () => void run.finish(EXIT.rig, 'the workbench page crashed'));
  page.on('pageerror', (error) => log(`[browser pageerror] ${error.message}`));

  // The browser console is mostly noise; its tail explains a timeout or a crash.
  const tail: string[] = [];
  page.on('console', (message) => {
    const line = `[browser ${message.type()}] ${message.text()}`;
    if (run.verbose) log(line);
    tail.push(line);
    if (tail.length > CONSOLE_TAIL) tail.shift();
  });
  if (run.verbose) {
    // The only expected ones are 404s for `vsda` files, which code-server does not ship.
    page.on('response', (response) => {
      if (response.status() >= 400) log(`[browser http ${response.status()}] ${response.url()}`);
    });
  }
  run.onCleanup(async (code) => {
    if (code === EXIT.passed || code === EXIT.failed) return;
    if (!run.verbose && tail.length) log(`last browser console lines:\n  ${tail.join('\n  ')}`);
    fs.mkdirSync(path.dirname(abortShot), { recursive: true });
    await page.screenshot({ path: abortShot, timeout: 10_000 }).then(
      () => log(`workbench at exit: ${abortShot}`),
      (e: unknown) => log(`no screenshot: ${String(e)}`),
    );
  });
  return { server, page };
}
