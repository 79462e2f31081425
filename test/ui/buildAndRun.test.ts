// "Dockwright: Build & Run" in the real workbench with the packaged extension: from the Command
// Palette on an open Dockerfile (the build log streams into a terminal, a notification says where
// the app runs), and from the Explorer on a folder whose build fails (the step and the hint, and
// "Show Build Output" reveals the log). The apps live in their own folders of the workspace and
// are removed afterwards, with their containers and images.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_LABEL } from '../../src/core/build/appLaunch';
import { client, httpGet } from '../docker/support';
import { uiContext } from '../harness/uiContext';
import { explorerContextMenu, explorerItem, notification, openWorkspaceFile, runFromCommandPalette } from '../harness/workbench';

const suffix = Date.now().toString(36);
const RUNNING_APP = `hello-${suffix}`;
const FAILING_APP = `broken-${suffix}`;

const HELLO_DOCKERFILE = `FROM python:3.13-slim
WORKDIR /srv
RUN echo '<h1>Hello from Dockwright</h1>' > index.html
EXPOSE 8000
HEALTHCHECK --interval=2s --timeout=2s --retries=5 \\
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/', timeout=2)"]
CMD ["python", "-m", "http.server", "8000"]
`;

const BROKEN_DOCKERFILE = `FROM python:3.13-slim
WORKDIR /app
RUN pip install --no-cache-dir definitely-not-a-real-package==9.9
EXPOSE 8000
`;

describe('Build & Run (packaged extension)', function () {
  this.timeout(120_000);
  const engine = client();

  after(async () => {
    const { page, workspace } = uiContext();
    // Later tests expect the workbench without these terminals and the workspace without these folders.
    await runFromCommandPalette(page, 'Terminal: Kill All Terminals').catch(() => undefined);
    for (const app of [RUNNING_APP, FAILING_APP]) {
      const filters = JSON.stringify({ label: [`${APP_LABEL}=${app}`] });
      for (const c of await engine.docker.listContainers({ all: true, filters })) await engine.docker.getContainer(c.Id).remove({ force: true });
      for (const i of await engine.docker.listImages({ filters })) await engine.docker.getImage(i.Id).remove({ force: true });
      rmSync(join(workspace, app), { recursive: true, force: true });
    }
  });

  it('from the Command Palette on an open Dockerfile: the log in a terminal, then "is running on http://127.0.0.1:…"', async () => {
    const { page, workspace, screenshot } = uiContext();
    mkdirSync(join(workspace, RUNNING_APP));
    writeFileSync(join(workspace, RUNNING_APP, 'Dockerfile'), HELLO_DOCKERFILE);
    await openWorkspaceFile(page, `${RUNNING_APP}/Dockerfile`);
    await runFromCommandPalette(page, 'Dockwright: Build & Run');

    await page.locator('.terminal-tab, .single-terminal-tab', { hasText: `Dockwright: build ${RUNNING_APP}` }).first()
      .waitFor({ timeout: 30_000 });
    const running = notification(page, new RegExp(`${RUNNING_APP} is running on http://127\\.0\\.0\\.1:\\d+/`));
    await running.waitFor({ timeout: 90_000 });
    await running.locator('.monaco-button', { hasText: 'Open in Browser' }).waitFor();
    await screenshot('build-and-run-running');

    const port = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(await running.innerText())?.[1];
    assert.ok(port, 'no URL in the notification');
    assert.equal((await httpGet(Number(port), '/')).status, 200);
  });

  it('from the Explorer on a folder whose build fails: the failing step and the hint; Show Build Output', async () => {
    const { page, workspace, screenshot } = uiContext();
    mkdirSync(join(workspace, FAILING_APP));
    writeFileSync(join(workspace, FAILING_APP, 'Dockerfile'), BROKEN_DOCKERFILE);
    await explorerItem(page, FAILING_APP).waitFor({ timeout: 15_000 });
    await explorerContextMenu(page, FAILING_APP, 'Build & Run');

    const failed = notification(page, /building broken-\w+ failed at \[3\/3\] RUN pip install/);
    await failed.waitFor({ timeout: 60_000 });
    assert.match(await failed.innerText(), /definitely-not-a-real-package==9\.9 .*name and version/s);
    await screenshot('build-and-run-failed');
    // The terminal draws on a canvas: what it says is checked by the integration suite and the screenshot.
    await failed.locator('.monaco-button', { hasText: 'Show Build Output' }).click();
    await failed.waitFor({ state: 'hidden' });
    await page.locator('.integrated-terminal .xterm:visible').first().waitFor();
  });
});
