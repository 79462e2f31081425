import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CliCommand } from '../../../src/cli/run';

const repo = join(__dirname, '..', '..', '..', '..');
const cli = join(repo, 'dist', 'cli.js');
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t) } };
}

describe('dockwright CLI', () => {
  const echo: CliCommand = {
    name: 'echo', summary: 'Print the arguments', usage: 'Usage: dockwright echo [words...]',
    run: async (args, io) => { io.stdout(args.join(' ')); return 0; },
  };

  it('lists commands in --help and exits 0', async () => {
    const { out, io } = capture();
    assert.equal(await runCli(['--help'], io, [echo], '1.2.3'), 0);
    assert.match(out.stdout, /^Usage: dockwright <command>/);
    assert.match(out.stdout, /echo\s+Print the arguments/);
  });

  it('dispatches to a command with the remaining arguments', async () => {
    const { out, io } = capture();
    assert.equal(await runCli(['echo', 'a', 'b'], io, [echo], '1.2.3'), 0);
    assert.equal(out.stdout, 'a b');
  });

  it('prints a command\'s usage for --help without running it', async () => {
    const { out, io } = capture();
    assert.equal(await runCli(['echo', 'a', '--help'], io, [echo], '1.2.3'), 0);
    assert.equal(out.stdout, 'Usage: dockwright echo [words...]\n');
  });

  it('exits 2 with usage on stderr for an unknown command or option', async () => {
    for (const arg of ['frobnicate', '--frob']) {
      const { out, io } = capture();
      assert.equal(await runCli([arg], io, [echo], '1.2.3'), 2);
      assert.equal(out.stdout, '');
      assert.match(out.stderr, new RegExp(`unknown (command|option) "${arg}"`));
      assert.match(out.stderr, /Usage: dockwright/);
    }
  });

  describe('the built bin (dist/cli.js)', () => {
    it('is what package.json "bin" points at, with a shebang', () => {
      assert.equal(pkg.bin.dockwright, 'dist/cli.js');
      const head = spawnSync('head', ['-c', '19', cli], { encoding: 'utf8' }).stdout;
      assert.equal(head, '#!/usr/bin/env node');
    });

    it('--version prints the package version', () => {
      const r = spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' });
      assert.equal(r.status, 0);
      assert.equal(r.stdout.trim(), pkg.version);
    });

    it('--help shows usage and the doctor command', () => {
      const r = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
      assert.equal(r.status, 0);
      assert.match(r.stdout, /doctor\s+Check that the Docker engine answers/);
    });

    it('an unknown command exits 2 with usage on stderr', () => {
      const r = spawnSync(process.execPath, [cli, 'nope'], { encoding: 'utf8' });
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /unknown command "nope"[\s\S]*Usage: dockwright/);
    });

    it('doctor explains a missing engine and exits 1', () => {
      const r = spawnSync(process.execPath, [cli, 'doctor', '--json'], {
        encoding: 'utf8', env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent/docker.sock' },
      });
      assert.equal(r.status, 1);
      const report = JSON.parse(r.stdout) as { status: string; failure: { kind: string } };
      assert.equal(report.status, 'unavailable');
      assert.equal(report.failure.kind, 'socket-missing');
    });
  });
});
