// Doing what a person does in the VS Code 1.100 web workbench. Selectors verified against
// code-server 4.100.3; menus and hovers live in shadow roots, which Playwright's CSS pierces.
import type { FrameLocator, Locator, Page } from './playwright';

export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  await page.locator('#workbench\\.parts\\.statusbar').waitFor({ timeout: 30_000 });
}

/** F1, type the command's title, Enter. */
export async function runFromCommandPalette(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor();
  await input.fill(`>${title}`);
  // Enter runs the focused row: wait until that is the command asked for, not a stale match.
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).waitFor();
  await input.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
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
    has: page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }),
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
