// Journey 2 in the real workbench with the packaged extension: a learner opens a Dockerfile, reads
// the lenses above each instruction, hovers a flag, sees a mistake underlined, and clicks a lens
// for the full explanation.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDockerfile } from '../../src/core/explain';
import { uiContext } from '../harness/uiContext';
import { hoverToken, openWorkspaceFile } from '../harness/workbench';

const FOLDER = 'learn-docker';
const DOCKERFILE = `FROM python:3.13-slim
ENV PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER nobody
EXPOSE 8000
CMD ["uvicorn", "app.main:app", "--port", "8000"]
`;

describe('Explain a Dockerfile (packaged extension)', function () {
  this.timeout(90_000);

  before(() => {
    const { workspace } = uiContext();
    mkdirSync(join(workspace, FOLDER), { recursive: true });
    writeFileSync(join(workspace, FOLDER, 'Dockerfile'), DOCKERFILE);
  });
  after(() => rmSync(join(uiContext().workspace, FOLDER), { recursive: true, force: true }));

  it('shows a lens over each instruction and a hover on a flag; a click opens the explanation', async () => {
    const { page, screenshot } = uiContext();
    await openWorkspaceFile(page, `${FOLDER}/Dockerfile`);

    const lenses = page.locator('.editor-instance .codelens-decoration');
    await lenses.filter({ hasText: 'Install dependencies — cached until requirements.txt changes' }).first().waitFor({ timeout: 30_000 });
    assert.equal(await lenses.count(), parseDockerfile(DOCKERFILE).instructions.length);
    const titles = await lenses.allInnerTexts();
    assert.ok(titles.some((t) => t.includes('Copy requirements.txt before the code')), titles.join(' | '));

    // The mistake is underlined: uvicorn on its default 127.0.0.1.
    await page.locator('.editor-instance .squiggly-error').first().waitFor({ timeout: 15_000 });

    const hover = await hoverToken(page, '--no-cache-dir', '~/.cache/pip');
    assert.match(await hover.innerText(), /--no-cache-dir/);
    await screenshot('explain-hover');

    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await screenshot('explain-lenses');

    await lenses.locator('a', { hasText: 'Start uvicorn on 127.0.0.1:8000' }).first().click();
    await page.locator('.tabs-container .tab', { hasText: /Dockerfile line 9/ }).waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1_000);
    await screenshot('explain-explanation');
  });

  it('the walkthrough on the Welcome page follows the learning path', async () => {
    const { page, screenshot } = uiContext();
    // The command opens a second pick (which walkthrough), so the palette stays open: drive it by hand.
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.fill('>Welcome: Open Walkthrough');
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'Open Walkthrough' }).waitFor();
    await input.press('Enter');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Learn Docker with your app' }).first().waitFor({ timeout: 15_000 });
    await input.fill('Learn Docker with your app');
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'Learn Docker with your app' }).waitFor({ timeout: 15_000 });
    await input.press('Enter');
    for (const step of ['Images and containers', 'Find your app', 'Write the Dockerfile', 'Read it line by line', 'Build and run',
      'Compose: the app and its database', 'Shrink the image, watch it run']) {
      await page.locator('.getting-started-step', { hasText: step }).first().waitFor({ timeout: 20_000 });
    }
    await page.locator('.getting-started-step', { hasText: 'Read it line by line' }).first().click();
    await page.waitForTimeout(1_000);
    await screenshot('explain-walkthrough');
  });
});
