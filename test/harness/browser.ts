// Debian's headless Chromium, driven by the rig's playwright-core, with a private profile, HOME
// and TMPDIR, resolving nothing but loopback names.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CHROMIUM, requireFromRig } from './codeServer';
import { log } from './harnessRun';
import type { BrowserContext, Page, PlaywrightCore } from './playwright';

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
  // Debian's wrapper exports Google API keys, and even with the flags above Chromium looks up
  // accounts.google.com and update.googleapis.com at start.
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1',
];

function isLocal(url: string): boolean {
  return /^(https?|wss?):\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(url) ||
    /^(data|blob|about|chrome|chrome-extension|devtools|vscode-webview|vscode-resource|vscode-file):/.test(url) ||
    // Webview resources: the webview's service worker answers these from the workbench.
    /^https:\/\/[^/]+\.vscode-resource\.vscode-cdn\.net\//.test(url);
}

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(tmp: string): Promise<Browser> {
  const { chromium } = requireFromRig<PlaywrightCore>('playwright-core');
  // With only a private profile, Chromium still writes ~/.config/chromium/Crash Reports and
  // ~/.cache/dconf, and leaves /tmp/org.chromium.Chromium.* when killed.
  const home = path.join(tmp, 'browser-home');
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home };
  for (const [key, dir] of [['TMPDIR', 'tmp'], ['XDG_CONFIG_HOME', 'config'], ['XDG_CACHE_HOME', 'cache'],
    ['XDG_DATA_HOME', 'data'], ['XDG_RUNTIME_DIR', 'runtime']]) {
    env[key] = path.join(home, dir);
    fs.mkdirSync(env[key], { recursive: true, mode: 0o700 });
  }
  const context = await chromium.launchPersistentContext(path.join(tmp, 'chromium-profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    env,
    // The harness closes the browser itself on signals, so Chromium can remove its temp files;
    // Playwright's own handlers would kill it hard.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    viewport: { width: 1400, height: 900 },
    timeout: 60_000,
  });
  context.on('request', (request) => {
    if (!isLocal(request.url())) log(`WARN request leaving 127.0.0.1: ${request.url()}`);
  });
  context.setDefaultTimeout(20_000);
  const page = context.pages()[0] ?? (await context.newPage());
  let closed = false;
  context.on('close', () => (closed = true));
  return {
    context,
    page,
    close: async () => {
      if (!closed) await context.close();
    },
  };
}
