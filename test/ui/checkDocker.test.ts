// "Dockwright: Check Docker Engine" from the Command Palette of the real workbench, with the
// packaged extension installed from its .vsix: the command activates it and reports the engine.
import { uiContext } from '../harness/uiContext';
import { notification, runFromCommandPalette, statusBar } from '../harness/workbench';

describe('Check Docker Engine (packaged extension)', () => {
  it('runs from the Command Palette and says the engine is running', async () => {
    const { page, screenshot } = uiContext();
    await runFromCommandPalette(page, 'Dockwright: Check Docker Engine');
    await notification(page, /Docker Engine .+ is running/).waitFor({ timeout: 30_000 });
    // The status bar item exists only once the extension has activated.
    await statusBar(page).locator('.statusbar-item', { hasText: /Docker \d+\.\d+/ }).waitFor();
    await screenshot('check-docker');
  });
});
