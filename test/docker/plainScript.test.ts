// A plain script (no web framework, no main guard) on the real engine: detected, its Dockerfile
// generated as `dockwright init` writes it, built, run once: it exits 0, prints its output, as a non-root user.
import * as assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { detect } from '../../src/core/detect/detect';
import { DEFAULT_OPTIONS, generateScript } from '../../src/core/generate';
import type { DockerClient } from '../../src/docker/client';
import { demultiplex } from '../../src/docker/logDemux';
import { diskFileView } from '../../src/workspace/diskFileView';
import { readGrammar } from '../../src/workspace/grammarFiles';
import { buildImage, copyFixture, writePlan } from './prove';
import { RUN_LABEL, removeRunArtifacts, requireEngine, runId } from './support';

const repo = join(__dirname, '..', '..', '..');

/** Runs the image once to its end: its exit code and everything it printed (stdout and stderr). */
async function runToEnd(engine: DockerClient, image: string, cmd?: string[]): Promise<{ code: number; output: string }> {
  const container = await engine.docker.createContainer({ Image: image, Labels: { [RUN_LABEL]: runId }, ...(cmd ? { Cmd: cmd } : {}) });
  await container.start();
  const { StatusCode } = (await container.wait()) as { StatusCode: number };
  return { code: StatusCode, output: demultiplex(await container.logs({ stdout: true, stderr: true, follow: false })) };
}

describe('a plain script on the real engine', function () {
  this.timeout(300_000);
  let engine: DockerClient;
  let workspace = '';

  before(async () => (engine = await requireEngine()));
  after(async () => {
    if (workspace) rmSync(workspace, { recursive: true, force: true });
    if (engine) await removeRunArtifacts(engine);
  });

  it('script with no guard: the generated Dockerfile builds, runs it to exit 0 with its output, not as root', async () => {
    workspace = copyFixture(join(repo, 'test', 'fixtures', 'projects', 'plain-script-no-guard'));
    rmSync(join(workspace, 'expected.json'));
    const result = await detect(diskFileView(workspace), { root: workspace, loadGrammar: () => readGrammar(join(repo, 'dist')) });
    assert.deepEqual(result.plainScripts.map((s) => s.command), ['python app.py']);
    const plan = generateScript(result.plainScripts[0], DEFAULT_OPTIONS);
    writePlan(workspace, plan);
    assert.ok(existsSync(join(workspace, 'Dockerfile')) && !existsSync(join(workspace, 'compose.yaml')));

    const image = await buildImage(workspace, 'plain-script');
    const run = await runToEnd(engine, image);
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /=== Batch demo ===\nProcessing item 1\/5\.\.\.\n[\s\S]*Processing item 5\/5\.\.\.\nAll done\.\n$/);

    const info = await engine.docker.getImage(image).inspect();
    assert.equal(info.Config.User, 'app');
    assert.equal(info.Config.ExposedPorts, undefined, 'no port');
    assert.equal(info.Config.Healthcheck, undefined, 'no healthcheck');
    const whoami = await runToEnd(engine, image, ['python', '-c', 'import os; print(os.getuid(), os.getgid())']);
    assert.equal(whoami.output.trim(), `${DEFAULT_OPTIONS.uid} ${DEFAULT_OPTIONS.uid}`);
  });
});
