// "Dockwright: Show Detected Apps" as a person uses it, on the example app (packaged extension):
// from the Command Palette and from the Explorer's context menu, the quick pick lists the app and
// its warning in plain sight, and picking the warning opens the line it is about.
import { uiContext } from '../harness/uiContext';
import { explorerContextMenu } from '../harness/workbench';
import type { Page } from '../harness/playwright';

const TITLE = 'Dockwright: Show Detected Apps';

function pickRow(page: Page, text: string | RegExp) {
  return page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: text });
}

describe('Show Detected Apps (packaged extension)', () => {
  it('lists the app and its warning from the Command Palette; picking the warning opens its line', async () => {
    const { page, screenshot } = uiContext();
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.fill(`>${TITLE}`);
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: TITLE }).waitFor();
    await input.press('Enter');
    // The palette closes, detection runs, then the detected apps open in a new quick pick.
    await page.locator('.quick-input-widget .quick-input-title', { hasText: /1 app detected, 1 warning/ }).waitFor({ timeout: 30_000 });
    await pickRow(page, 'app.main:app').waitFor();
    const warning = pickRow(page, /binds to 127\.0\.0\.1/);
    await warning.waitFor();
    await screenshot('detected-apps-palette');
    await warning.click();
    await page.locator('.tabs-container .tab.active', { hasText: 'main.py' }).waitFor({ timeout: 10_000 });
    await page.locator('.monaco-editor .current-line').first().waitFor();
    await screenshot('detected-apps-warning-opened');
  });

  it('runs from the Explorer context menu of a folder', async () => {
    const { page, screenshot } = uiContext();
    await explorerContextMenu(page, 'app', 'Show Detected Apps');
    await pickRow(page, 'app.main:app').waitFor({ timeout: 30_000 });
    await screenshot('detected-apps-explorer');
    await page.keyboard.press('Escape');
  });
});
