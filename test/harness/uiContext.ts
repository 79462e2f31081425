// runUi opens the workbench once; the UI test files drive it. Every test file is its own bundle
// (scripts/build.mjs), so a module variable would not be shared between them: globalThis is.
import type { Page } from './playwright';

export interface UiContext {
  readonly page: Page;
  /** The folder the workbench has open: a copy of examples/fastapi-todo, free to write into. */
  readonly workspace: string;
  /** Saves test-results/ui/<name>.png once animations (toasts) have settled. */
  screenshot(name: string): Promise<void>;
}

type WithUiContext = typeof globalThis & { dockwrightUiContext?: UiContext };

export function provideUiContext(context: UiContext): void {
  (globalThis as WithUiContext).dockwrightUiContext = context;
}

export function uiContext(): UiContext {
  const context = (globalThis as WithUiContext).dockwrightUiContext;
  if (!context) throw new Error('no workbench: run the UI tests with `node out/test/harness/runUi.js`');
  return context;
}
