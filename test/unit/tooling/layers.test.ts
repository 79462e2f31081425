import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';

/**
 * The project's ESLint config, as `npm run lint` runs it, on real files of each layer with one
 * import added: the wrong-way imports must fail lint, the allowed ones must not.
 */
const root = process.cwd();
const RULE = 'dockwright/layers';

async function layerErrors(file: string, addedImport: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const text = `${addedImport}\n${readFileSync(join(root, file), 'utf8')}`;
  const [result] = await eslint.lintText(text, { filePath: join(root, file) });
  return result.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

describe('ESLint layer rules', function () {
  this.timeout(120_000);

  it('the core may not import an adapter, however the path is written', async () => {
    const errors = await layerErrors('src/core/detect/walk.ts', "import '../../docker/client';");
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0], /core may not import docker/);
  });

  it('the core may import the core', async () => {
    assert.deepEqual(await layerErrors('src/core/detect/walk.ts', "import '../text/positions';"), []);
  });

  it('the webview bundle may not import the host side of the dashboard or the extension', async () => {
    const toExtension = await layerErrors('webview/main.ts', "import '../src/extension/settings';");
    assert.equal(toExtension.length, 1, toExtension.join('\n'));
    const toDocker = await layerErrors('webview/main.ts', "import '../src/docker/client';");
    assert.equal(toDocker.length, 1, toDocker.join('\n'));
  });

  it('no module imports src/extension/main', async () => {
    const errors = await layerErrors('src/extension/settings.ts', "import './main';");
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0], /may not import extensionMain/);
  });

  it('the Docker adapter may not import the UI protocol', async () => {
    const errors = await layerErrors('src/docker/images.ts', "import '../shared/protocol';");
    assert.equal(errors.length, 1, errors.join('\n'));
  });
});
