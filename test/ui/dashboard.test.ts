// "Dockwright: Open Dashboard" from the Command Palette: the webview renders the engine's state.
import * as assert from 'node:assert/strict';
import { uiContext } from '../harness/uiContext';
import { runFromCommandPalette, webviewContent } from '../harness/workbench';

describe('Dashboard (packaged extension)', () => {
  it('opens from the Command Palette and shows the Docker engine and its version', async () => {
    const { page, screenshot } = uiContext();
    await runFromCommandPalette(page, 'Dockwright: Open Dashboard');
    // "Checking the engine…" comes first; the version arrives with the daemon's answer.
    const engine = webviewContent(page).locator('section', { hasText: /Version\s*\d+\.\d+/ });
    await engine.waitFor({ timeout: 30_000 });
    const text = await engine.innerText();
    assert.match(text, /Docker engine/);
    assert.match(text, /Version\s+\d+\.\d+\.\d+/);
    await screenshot('dashboard');
  });
});
