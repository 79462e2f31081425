// Picks the docker CLI that can build with BuildKit, for the tests and the benchmarks.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

function run(cmd, args) {
  return spawnSync(cmd, args, { encoding: 'utf8' });
}

function linkTarget(path) {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

/**
 * The docker CLI to build with. BuildKit needs either the buildx plugin or a CLI older than 23
 * (which embeds the BuildKit client); a newer CLI without buildx cannot build with BuildKit at all.
 * Returns a directory to put first in PATH, or an error.
 */
function pickDockerCli(root) {
  const candidates = ['docker', '/usr/bin/docker', '/usr/local/bin/docker'];
  for (const cli of candidates) {
    const version = run(cli, ['version', '--format', '{{.Client.Version}}']).stdout?.trim();
    if (!version) continue;
    const major = Number(version.split('.')[0]);
    if (major < 23 || run(cli, ['buildx', 'version']).status === 0) {
      const bin = join(root, '.cache', 'bin');
      const link = join(bin, 'docker');
      const resolved = run('sh', ['-c', `command -v ${cli}`]).stdout.trim();
      if (linkTarget(link) !== resolved) {
        mkdirSync(bin, { recursive: true });
        rmSync(link, { force: true });
        symlinkSync(resolved, link);
      }
      return { bin, cli: resolved, version };
    }
  }
  return { error: 'no docker CLI that can build with BuildKit (install the buildx plugin, or Debian\'s docker.io)' };
}

/**
 * The environment to run docker-using tests and benchmarks in: that CLI first in PATH (so
 * docker-compose and the extension host use it too), DOCKWRIGHT_DOCKER naming it, BuildKit on.
 */
export function dockerEnv(root) {
  const env = { ...process.env };
  const docker = pickDockerCli(root);
  if (docker.bin) {
    env.PATH = `${docker.bin}:${env.PATH}`;
    env.DOCKWRIGHT_DOCKER = docker.cli;
    env.DOCKER_BUILDKIT = '1';
  }
  return { env, error: docker.error };
}
