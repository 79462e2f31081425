// The dashboard as a person sees it, with the packaged extension in the real workbench and the real
// engine: the engine card, containers grouped by compose project, the logs view and the
// comparison chart. Hostile labels and log lines must show as text. Screenshots in test-results/ui.
import * as assert from 'node:assert/strict';
import { DockerClient } from '../../src/docker/client';
import type { FrameLocator, Page } from '../harness/playwright';
import { uiContext } from '../harness/uiContext';
import { runFromCommandPalette, webviewContent } from '../harness/workbench';

const RUN_LABEL = 'dockwright.test.run';
const runId = `${process.pid}-${Date.now().toString(36)}`;
const HOSTILE = '<img src=x onerror=alert(1)>';
const client = new DockerClient(30_000);

async function tiny(name: string, script: string, labels: Record<string, string> = {}) {
  const program = `import signal, sys, time\nsignal.signal(signal.SIGTERM, lambda *a: sys.exit(0))\n${script}`;
  const container = await client.docker.createContainer({
    name, Image: 'python:3.12-slim', Cmd: ['python', '-u', '-c', program], Labels: { [RUN_LABEL]: runId, ...labels },
  });
  await container.start();
  return container;
}

async function cleanup(): Promise<void> {
  const containers = await client.docker.listContainers({ all: true, filters: JSON.stringify({ label: [`${RUN_LABEL}=${runId}`] }) });
  await Promise.all(containers.map((c) => client.docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
  const images = await client.docker.listImages({ filters: JSON.stringify({ label: ['dockwright.compare=fastapi-todo'] }) });
  for (const image of images) await client.docker.getImage(image.Id).remove({ force: true }).catch(() => undefined);
}

/** Opens the dashboard as a person does and chooses Logs on the running container named `name`. */
interface Box { top: number; bottom: number }
interface ProbeNode {
  dataset: Record<string, string | undefined>;
  textContent: string | null;
  getBoundingClientRect(): Box;
  querySelectorAll(selector: string): ArrayLike<ProbeNode>;
  closest(selector: string): ProbeNode | null;
}

/**
 * Following: the newest shown line is drawn, inside the viewport's box (a row drawn where the
 * viewport is not scrolled to would still count as visible to Playwright). Its text, or why not.
 */
async function newestOnScreen(view: FrameLocator): Promise<string> {
  return view.locator('.log-viewport').evaluate((el) => {
    const viewport = el as unknown as ProbeNode;
    const shown = Number(viewport.closest('section.logs')?.dataset.shown);
    const rows = Array.from(viewport.querySelectorAll('.log-line'));
    const newest = rows.find((row) => Number(row.dataset.index) === shown - 1);
    if (!newest) return `no row for line ${shown - 1} of ${shown} among ${rows.length}`;
    const [r, v] = [newest.getBoundingClientRect(), viewport.getBoundingClientRect()];
    return r.top >= v.top - 1 && r.bottom <= v.bottom + 1 ? newest.textContent ?? '' : `line ${shown - 1} at ${r.top}–${r.bottom}, viewport ${v.top}–${v.bottom}`;
  });
}

async function followLogsOf(page: Page, name: string): Promise<FrameLocator> {
  await runFromCommandPalette(page, 'Dockwright: Open Dashboard');
  const view = webviewContent(page);
  const row = view.locator('tr[data-state="running"]', { hasText: name });
  await row.waitFor({ timeout: 30_000 });
  await row.getByRole('button', { name: /Show the logs of/ }).click();
  return view;
}

describe('Dashboard (packaged extension)', function () {
  const dialogs: string[] = [];
  before(async () => {
    await cleanup();
    uiContext().page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const project = `dwui${runId.replace(/\W/g, '')}`;
    await tiny(`dw-ui-web-${runId}`, 'while True: time.sleep(1)', {
      'com.docker.compose.project': project, 'com.docker.compose.service': 'web',
    });
    await tiny(`dw-ui-worker-${runId}`, 'while True: time.sleep(1)', {
      'com.docker.compose.project': project, 'com.docker.compose.service': 'worker',
    });
    await tiny(`dw-ui-hostile-${runId}`, 'while True: time.sleep(1)', {
      'com.docker.compose.project': HOSTILE, 'com.docker.compose.service': '<script>alert(2)</script>',
    });
    await tiny(`dw-ui-logs-${runId}`, [
      'i = 0',
      'while True:',
      '    print(f"\\x1b[31mERROR\\x1b[0m \\x1b[32mrequest {i}\\x1b[0m <script>alert({i})</script> \\x1b[1;34mGET /todos\\x1b[0m")',
      '    if i % 3 == 0: print(f"warning {i} <b>not bold</b>", file=sys.stderr)',
      '    i += 1',
      '    time.sleep(0.2)',
    ].join('\n'));
  });
  after(cleanup);

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

  it('lists containers grouped by compose project; hostile labels show as text', async () => {
    const { page, screenshot } = uiContext();
    await runFromCommandPalette(page, 'Dockwright: Open Dashboard');
    const view = webviewContent(page);
    await view.locator('tr[data-state="running"]', { hasText: `dw-ui-worker-${runId}` }).waitFor({ timeout: 30_000 });
    const group = view.locator('tbody.group', { hasText: `dw-ui-web-${runId}` });
    assert.match(await group.locator('.group-title').innerText(), new RegExp(`Compose project: dwui${runId.replace(/\W/g, '')}`));
    assert.equal(await group.locator('tr[data-id]').count(), 2);
    const hostile = view.locator('tbody.group', { hasText: `dw-ui-hostile-${runId}` });
    assert.ok((await hostile.locator('.group-title').innerText()).includes(HOSTILE), 'the project label is not shown as text');
    assert.ok((await hostile.innerText()).includes('<script>alert(2)</script>'));
    assert.equal(await view.locator('main img, main script').count(), 0, 'daemon text became markup');
    assert.deepEqual(dialogs, []);
    await view.locator('tr', { hasText: `dw-ui-web-${runId}` }).scrollIntoViewIfNeeded();
    await screenshot('dashboard-containers');
  });

  it('shows a container\'s logs: ANSI colors, stderr marked, HTML as text', async () => {
    const { page, screenshot } = uiContext();
    const view = await followLogsOf(page, `dw-ui-logs-${runId}`);
    const line = view.locator('.log-line.stdout', { hasText: '<script>alert(' }).first();
    await line.waitFor({ timeout: 20_000 });
    assert.match(await line.innerText(), /ERROR request \d+ <script>alert\(\d+\)<\/script> GET \/todos/);
    assert.ok(await line.locator('span.fg-red').count() >= 1, 'ANSI red was not rendered');
    assert.ok(await line.locator('span.fg-bright-blue.ansi-bold, span.fg-blue.ansi-bold').count() >= 1, 'bold blue was not rendered');
    await view.locator('.log-line.stderr', { hasText: '<b>not bold</b>' }).first().waitFor({ timeout: 10_000 });
    assert.equal(await view.locator('.log-viewport script, .log-viewport b, .log-viewport img').count(), 0);
    await view.locator('vscode-checkbox[label="Timestamps"]').click();
    await view.locator('.log-line .log-time').first().waitFor({ timeout: 5000 });
    assert.deepEqual(dialogs, []);
    await screenshot('dashboard-logs');
  });

  it('scrolls back through the lines the host keeps, filters them, copies them all, pauses and resumes', async () => {
    const { page, screenshot } = uiContext();
    const name = `dw-ui-browse-${runId}`;
    await tiny(name, [
      'for i in range(3000): print(f"n {i}")',
      'j = 0',
      'while True:',
      '    print(f"tick {j}")',
      '    j += 1',
      '    time.sleep(0.1)',
    ].join('\n'));
    const view = await followLogsOf(page, name);
    await view.locator('h2', { hasText: `Logs: ${name}` }).waitFor({ timeout: 10_000 });
    await view.locator('.log-line', { hasText: /^tick \d+$/ }).first().waitFor({ timeout: 20_000 });
    // Back to the top, as a person scrolls: Follow lets go, and the first line comes from the host.
    const viewport = view.locator('.log-viewport');
    await viewport.evaluate((el) => void ((el as unknown as { scrollTop: number }).scrollTop = 0));
    await view.locator('.log-line', { hasText: /^n 0$/ }).waitFor({ timeout: 10_000 });
    assert.equal(await view.locator('vscode-checkbox[label="Follow"]').evaluate((el) => (el as unknown as { checked: boolean }).checked), false, 'Follow let go');
    // The filter runs over every kept line on the host, not over the rows on screen.
    await view.locator('vscode-textfield[aria-label="Filter log lines"]').locator('input').fill('n 15');
    await view.locator('section.logs[data-shown="111"]').waitFor({ state: 'attached', timeout: 10_000 });
    await view.locator('.log-line', { hasText: /^n 15$/ }).waitFor({ timeout: 10_000 });
    await screenshot('dashboard-logs-filtered');
    await viewport.evaluate((el) => void ((el as unknown as { scrollTop: number }).scrollTop = 1e6));
    await view.locator('.log-line', { hasText: /^n 1599$/ }).waitFor({ timeout: 10_000 });
    await view.getByRole('button', { name: 'Copy the shown lines as text' }).click();
    await page.locator('#workbench\\.parts\\.statusbar', { hasText: 'Dockwright: copied 111 log line(s)' }).waitFor({ timeout: 10_000 });
    // Follow again, then Pause: the lines stand still while new ones are counted.
    await view.locator('vscode-textfield[aria-label="Filter log lines"]').locator('input').fill('');
    await view.locator('vscode-checkbox[label="Follow"]').click();
    await view.locator('.log-line', { hasText: /^tick \d+$/ }).first().waitFor({ timeout: 10_000 });
    assert.match(await newestOnScreen(view), /^tick \d+$/, 'Follow again: the newest line on screen');
    await view.getByRole('button', { name: 'Pause the log view (lines keep arriving)' }).click();
    const lastShown = async () => (await view.locator('.log-line').allInnerTexts()).filter((t) => t.startsWith('tick')).at(-1);
    const resume = view.getByRole('button', { name: /^Resume the log view \(\d+ new lines\)$/ });
    const counted = async () => Number(/\((\d+) new/.exec(await resume.innerText())?.[1]);
    // The host's paused copy is drawn: it holds the screen the click paused, nothing newer.
    await view.locator('section.logs[data-paused="true"]').waitFor({ state: 'attached', timeout: 10_000 });
    const frozen = await lastShown();
    for (let i = 0; i < 100 && (await counted()) < 5; i++) await page.waitForTimeout(100);
    assert.ok((await counted()) >= 5, 'new lines counted while paused');
    assert.equal(await lastShown(), frozen, 'paused: the newest line shown did not move');
    await view.getByRole('button', { name: /^Resume the log view/ }).click();
    await page.waitForTimeout(500);
    const resumed = await lastShown();
    assert.ok(Number(resumed?.split(' ')[1]) > Number(frozen?.split(' ')[1]), `resumed: ${resumed} after ${frozen}`);
  });

  it('says how many log lines it no longer keeps after a flood while hidden, and opens the full log from that notice', async () => {
    const { page, screenshot } = uiContext();
    const name = `dw-ui-flood-${runId}`;
    const total = 30_000;
    const container = await tiny(name, [
      'import os',
      'while not os.path.exists("/tmp/go"): time.sleep(0.05)',
      `for i in range(${total}): print(f"\\x1b[36mflood {i}\\x1b[0m")`,
      'sys.stdout.flush()',
      'while True: time.sleep(1)',
    ].join('\n'));
    const view = await followLogsOf(page, name);
    await view.locator('h2', { hasText: `Logs: ${name}` }).waitFor({ timeout: 10_000 });
    // An editor in front of the dashboard while the container floods: the panel cannot show those lines.
    await runFromCommandPalette(page, 'File: New Untitled Text File');
    await (await container.exec({ Cmd: ['touch', '/tmp/go'] })).start({ Detach: true });
    const written = async () => ((await container.logs({ stdout: true, stderr: true, follow: false, tail: 1 })) as Buffer).toString().includes(`flood ${total - 1}`);
    for (let i = 0; i < 600 && !(await written()); i++) await page.waitForTimeout(100);
    await page.locator('.tab', { hasText: 'Dockwright Dashboard' }).click();
    const notice = webviewContent(page).locator('.log-skipped');
    await notice.waitFor({ state: 'visible', timeout: 20_000 });
    const section = webviewContent(page).locator(`section.logs[data-received="${total}"]`);
    await section.waitFor({ state: 'attached', timeout: 20_000 });
    const dropped = Number(await section.getAttribute('data-dropped'));
    assert.equal(dropped, total - 10_000, 'the lines beyond the 10,000 kept are counted');
    assert.match(await notice.innerText(), new RegExp(`${dropped.toLocaleString('en-US')} older lines not kept: showing the last 10,000 of ${total.toLocaleString('en-US')}`));
    assert.equal(await newestOnScreen(view), `flood ${total - 1}`, 'following: the newest line on screen');
    await screenshot('dashboard-logs-skipped');
    await notice.getByRole('button', { name: /Open everything this container logged/ }).click();
    await page.locator('.tab', { hasText: new RegExp(`${name}-.*\\.log`) }).waitFor({ timeout: 30_000 });
    await page.locator('.editor-instance .view-lines', { hasText: 'flood 0' }).waitFor({ timeout: 10_000 });
    await screenshot('dashboard-full-log');
  });

  it('compares the naive, single-stage and multi-stage builds of the workspace app', async function () {
    this.timeout(300_000);
    const { page, screenshot } = uiContext();
    await runFromCommandPalette(page, 'Dockwright: Open Dashboard');
    const view = webviewContent(page);
    await view.locator('vscode-tab-header', { hasText: 'Compare builds' }).click();
    const run = view.getByRole('button', { name: 'Build the app three ways and compare them' });
    await run.waitFor({ timeout: 30_000 });
    await run.click();
    const chart = view.locator('.chart-size');
    await chart.waitFor({ timeout: 240_000 });
    const sizes = await chart.locator('.bar-row .bar-value').allInnerTexts();
    assert.equal(sizes.length, 3);
    assert.ok(sizes.every((s) => /\d+(\.\d+)? (MB|GB)/.test(s)), `sizes: ${sizes.join(', ')}`);
    const mb = (s: string) => parseFloat(s) * (s.endsWith('GB') ? 1000 : 1);
    assert.ok(mb(sizes[0]) > mb(sizes[2]), `naive ${sizes[0]} is not larger than multi-stage ${sizes[2]}`);
    assert.ok(await view.locator('details.variant[open] table.layers tr.own').count() > 0, 'no layer mapped to a Dockerfile line');
    await screenshot('dashboard-compare');
  });
});
