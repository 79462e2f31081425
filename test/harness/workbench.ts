// Doing what a person does in the VS Code 1.100 web workbench. Selectors verified against
// code-server 4.100.3; menus and hovers live in shadow roots, which Playwright's CSS pierces.
import type { FrameLocator, Locator, Page } from './playwright';

export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  await page.locator('#workbench\\.parts\\.statusbar').waitFor({ timeout: 30_000 });
}

/** A text matcher for exactly this text (Playwright's hasText string matches substrings). */
function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/**
 * F1, type the command's title, run it. Returns Date.now() at the moment it was chosen, for timings.
 * The palette may rank another command first ("Open Locked Preview to the Side" for "Open Preview"):
 * the row whose label is exactly the title is the one run.
 */
export async function runFromCommandPalette(page: Page, title: string): Promise<number> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const row = page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: exactly(title) }) });
  // On a loaded machine the extension host may still be registering the extension's commands when
  // the workbench looks ready: the palette is opened again (three times at most) until the title is there.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    await input.waitFor();
    await input.fill(`>${title}`);
    try {
      await row.waitFor();
      break;
    } catch (err) {
      if (attempt === 3) throw err;
      await page.keyboard.press('Escape');
    }
  }
  const chosen = Date.now();
  // Enter runs the focused row; when that is another match, choose the row itself.
  if (await row.evaluate((el) => el.classList.contains('focused'))) await input.press('Enter');
  else await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  return chosen;
}

export function notification(page: Page, text: string | RegExp): Locator {
  return page.locator('.notifications-toasts .notification-toast', { hasText: text });
}

export function statusBar(page: Page): Locator {
  return page.locator('#workbench\\.parts\\.statusbar');
}

/** The content of the visible webview: code-server's iframe.webview.ready > iframe#active-frame. */
export function webviewContent(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
}

/** No toasts, no editors: each test starts from the workbench as it was opened. */
export async function resetWorkbench(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await runFromCommandPalette(page, 'Notifications: Clear All Notifications');
  await runFromCommandPalette(page, 'View: Close All Editors');
}

/** A row of the Explorer by its exact name. */
export function explorerItem(page: Page, name: string): Locator {
  return page.locator('.explorer-folders-view .monaco-list-row', {
    has: page.locator('.label-name', { hasText: exactly(name) }),
  });
}

/** Right-click an Explorer row and choose a context menu entry. */
export async function explorerContextMenu(page: Page, name: string, entry: string): Promise<void> {
  await explorerItem(page, name).click({ button: 'right' });
  const item = page.locator('.monaco-menu .action-item:not(.disabled) .action-label', { hasText: entry }).first();
  await item.waitFor({ timeout: 10_000 });
  // A context menu ignores a click that arrives right after it opens: let it settle first.
  await page.waitForTimeout(500);
  await item.click();
}

/** The button of a modal dialog (e.g. a confirmation) by its label. */
export function dialogButton(page: Page, label: string): Locator {
  return page.locator('.monaco-dialog-box .dialog-buttons .monaco-button', { hasText: label });
}

/** Quick Open (F1 without the ">"): type a workspace path, Enter opens it; waits for its tab. */
export async function openWorkspaceFile(page: Page, relativePath: string): Promise<void> {
  const name = relativePath.split('/').pop() ?? relativePath;
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor();
  await input.fill(relativePath);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).waitFor({ timeout: 15_000 });
  await input.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
}

/** Hovers the first token of the active editor containing `text`; returns the visible hover that says `expect`. */
export async function hoverToken(page: Page, text: string, expect: string | RegExp): Promise<Locator> {
  const token = page.locator('.editor-instance .view-line span span', { hasText: text }).first();
  await token.waitFor({ timeout: 10_000 });
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: expect }).first();
  for (let attempt = 0; ; attempt++) {
    // Away first, then onto the token: the hover shows after editor.hover.delay (300 ms).
    await page.mouse.move(5, 5);
    const box = await token.boundingBox();
    if (!box) throw new Error(`the token "${text}" is not on screen`);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
    try {
      await hover.waitFor({ timeout: 5_000 });
      return hover;
    } catch (err) {
      if (attempt === 2) throw err;
    }
  }
}
