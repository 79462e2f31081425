// The extension in the real extension host, against the real Docker engine: no mocks.
// The order matters: the first test checks that nothing has activated the extension yet.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import pkg from '../../package.json';
import { COMMANDS, VIEWS } from '../../src/shared/ids';
import type { EngineState } from '../../src/shared/protocol';

const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;

/** The part of package.json these tests read, as VS Code loaded it. */
interface Manifest {
  activationEvents?: string[];
  contributes?: { commands?: { command: string }[] };
}

function extension(): vscode.Extension<unknown> {
  const found = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(found, `${EXTENSION_ID} is not installed in the extension host`);
  return found;
}

function manifest(): Manifest {
  return extension().packageJSON as Manifest;
}

function dashboardTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) =>
    tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes(VIEWS.dashboard));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(100)) {
    const value = probe();
    if (value !== undefined) return value;
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

// Outside CI a developer may simply have no engine running; CI always has one.
const ENGINE_ABSENT: readonly string[] = ['socket-missing', 'daemon-not-running', 'permission-denied'];
const IN_CI = /^(true|1)$/i.test(process.env.CI ?? '');

describe('Dockwright in the extension host', () => {
  it('is installed but stays inactive until a Dockwright command runs', () => {
    const events = manifest().activationEvents ?? [];
    assert.ok(!events.includes('*'), 'activationEvents must not contain "*"');
    assert.ok(!events.includes('onStartupFinished'), 'activationEvents must not contain "onStartupFinished"');
    assert.equal(extension().isActive, false, 'activated by the plain workspace, before any command ran');
  });

  it('"Check Docker Engine" activates it and reports the running engine', async function () {
    const state = await vscode.commands.executeCommand<EngineState>(COMMANDS.checkDocker);
    assert.equal(extension().isActive, true, 'running the command did not activate the extension');
    if (state.status !== 'running') {
      const why = `${state.failure.kind}: ${state.failure.message}`;
      if (!IN_CI && ENGINE_ABSENT.includes(state.failure.kind)) {
        console.log(`      skipped: no usable Docker engine here (${why})`);
        this.skip();
      }
      assert.fail(`the Docker engine is not available (${why})`);
    }
    assert.ok(state.summary.version.trim(), `empty engine version in ${JSON.stringify(state.summary)}`);
  });

  it('registers exactly the commands package.json contributes, with the ids of src/shared/ids.ts', async () => {
    await extension().activate();
    const contributed = (manifest().contributes?.commands ?? []).map((c) => c.command).sort();
    const registered = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith('dockwright.')).sort();
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    assert.deepEqual(
      {
        notRegistered: contributed.filter((id) => !registered.includes(id)),
        notContributed: registered.filter((id) => !contributed.includes(id)),
      },
      { notRegistered: [], notContributed: [] },
    );
    assert.deepEqual(Object.values(COMMANDS).sort(), contributed, 'COMMANDS in src/shared/ids.ts ≠ package.json');
  });

  it('"Open Dashboard" opens the dashboard webview', async () => {
    await vscode.commands.executeCommand(COMMANDS.openDashboard);
    const tab = await waitFor('a dashboard tab', () => dashboardTabs()[0]);
    // Closing a webview the moment it was created logs "OverlayWebview has been disposed".
    await sleep(500);
    assert.ok(await vscode.window.tabGroups.close(tab), 'the dashboard tab did not close');
    assert.equal(dashboardTabs().length, 0, 'a dashboard tab is still open');
  });
});
