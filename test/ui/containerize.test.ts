// Journey 1 in the real workbench: right-click the app's folder, "Containerize this App",
// look at the preview, confirm, and the generated Dockerfile opens; the files are on disk.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { uiContext } from '../harness/uiContext';
import { dialogButton, explorerContextMenu, explorerItem, notification } from '../harness/workbench';

describe('Containerize this App (packaged extension)', () => {
  it('right-click the app package → preview → Write → the Dockerfile opens', async () => {
    const { page, workspace, screenshot } = uiContext();
    await explorerContextMenu(page, 'app', 'Containerize this App');
    // Nothing is written before the person agrees: the previews and a modal question come first.
    const write = dialogButton(page, 'Write');
    await write.waitFor({ timeout: 30_000 });
    assert.equal(existsSync(join(workspace, 'Dockerfile')), false);
    await screenshot('containerize-confirm');
    await write.click();
    await notification(page, /Dockwright wrote Dockerfile, \.dockerignore, compose\.yaml/).waitFor({ timeout: 30_000 });
    await page.locator('.tabs-container .tab.active', { hasText: 'Dockerfile' }).waitFor();
    // The previews are closed once written: only the real files stay open.
    await page.locator('.tabs-container .tab', { hasText: 'compose.yaml' }).waitFor({ state: 'detached' });
    await explorerItem(page, 'Dockerfile').waitFor();
    const dockerfile = readFileSync(join(workspace, 'Dockerfile'), 'utf8');
    assert.match(dockerfile, /CMD \["uvicorn", "app\.main:app", "--host", "0\.0\.0\.0", "--port", "8000"\]/);
    assert.ok(existsSync(join(workspace, '.dockerignore')) && existsSync(join(workspace, 'compose.yaml')));
    await screenshot('containerize-written');
  });
});
