// The part of playwright-core's API the harness uses. playwright-core is loaded at run time
// from the VS Code rig (not a project dependency), so its own typings are not available here.

export interface LocatorOptions {
  hasText?: string | RegExp;
  has?: Locator;
}

export interface WaitForOptions {
  state?: 'attached' | 'detached' | 'visible' | 'hidden';
  timeout?: number;
}

export interface Locator {
  first(): Locator;
  last(): Locator;
  filter(options: LocatorOptions): Locator;
  locator(selector: string, options?: LocatorOptions): Locator;
  waitFor(options?: WaitForOptions): Promise<void>;
  click(options?: { timeout?: number; button?: 'left' | 'right' | 'middle' }): Promise<void>;
  fill(value: string, options?: { timeout?: number }): Promise<void>;
  press(key: string, options?: { timeout?: number }): Promise<void>;
  innerText(options?: { timeout?: number }): Promise<string>;
  count(): Promise<number>;
  getAttribute(name: string, options?: { timeout?: number }): Promise<string | null>;
  isVisible(): Promise<boolean>;
  nth(index: number): Locator;
  allInnerTexts(): Promise<string[]>;
  scrollIntoViewIfNeeded(options?: { timeout?: number }): Promise<void>;
  getByRole(role: string, options?: { name?: string | RegExp; exact?: boolean }): Locator;
  boundingBox(): Promise<{ x: number; y: number; width: number; height: number } | null>;
  // Runs in the page; Playwright passes the result back as a plain JSON value.
  evaluate<R>(fn: (element: Element) => R): Promise<R>;
  evaluate<R, A>(fn: (element: Element, arg: A) => R, arg: A): Promise<R>;
}

export interface FrameLocator {
  first(): FrameLocator;
  last(): FrameLocator;
  locator(selector: string, options?: LocatorOptions): Locator;
  frameLocator(selector: string): FrameLocator;
  getByRole(role: string, options?: { name?: string | RegExp; exact?: boolean }): Locator;
}

export interface Dialog {
  message(): string;
  dismiss(): Promise<void>;
}

export interface ConsoleMessage {
  type(): string;
  text(): string;
}

export interface Response {
  status(): number;
  url(): string;
}

export interface Request {
  url(): string;
}

export interface Page {
  goto(url: string, options?: { waitUntil?: 'load' | 'domcontentloaded'; timeout?: number }): Promise<unknown>;
  // Playwright passes the page's arguments through as plain JSON values.
  exposeFunction(name: string, callback: (...args: unknown[]) => unknown): Promise<void>;
  on(event: 'console', listener: (message: ConsoleMessage) => void): void;
  on(event: 'pageerror', listener: (error: Error) => void): void;
  on(event: 'response', listener: (response: Response) => void): void;
  on(event: 'crash', listener: () => void): void;
  on(event: 'dialog', listener: (dialog: Dialog) => void): void;
  screenshot(options: { path: string; timeout?: number }): Promise<Buffer>;
  locator(selector: string, options?: LocatorOptions): Locator;
  frameLocator(selector: string): FrameLocator;
  keyboard: { press(key: string): Promise<void> };
  mouse: { move(x: number, y: number, options?: { steps?: number }): Promise<void> };
  waitForTimeout(ms: number): Promise<void>;
}

export interface BrowserContext {
  pages(): Page[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
  setDefaultTimeout(ms: number): void;
  on(event: 'close', listener: () => void): void;
  on(event: 'request', listener: (request: Request) => void): void;
}

export interface LaunchPersistentContextOptions {
  executablePath: string;
  headless: boolean;
  args: string[];
  env: NodeJS.ProcessEnv;
  handleSIGINT: boolean;
  handleSIGTERM: boolean;
  handleSIGHUP: boolean;
  viewport: { width: number; height: number };
  timeout: number;
}

export interface PlaywrightCore {
  chromium: {
    launchPersistentContext(userDataDir: string, options: LaunchPersistentContextOptions): Promise<BrowserContext>;
  };
}
