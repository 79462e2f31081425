/** Runs docker-compose (v1.29 here; `docker compose` v2 where present) for a generated project. */
import { spawnSync } from 'node:child_process';
import { dockerPath } from './support';

export interface ComposeCli {
  /** e.g. ['docker-compose'] or ['docker', 'compose'] */
  command: string[];
  version: string;
}

export function findCompose(): ComposeCli | undefined {
  for (const command of [[dockerPath, 'compose'], ['docker-compose']]) {
    const r = spawnSync(command[0], [...command.slice(1), 'version', '--short'], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return { command, version: r.stdout.trim() };
  }
  return undefined;
}

export function compose(cli: ComposeCli, cwd: string, project: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(cli.command[0], [...cli.command.slice(1), '--project-name', project, ...args], {
    cwd, encoding: 'utf8', env: { ...process.env, DOCKER_BUILDKIT: '1', COMPOSE_DOCKER_CLI_BUILD: '1', ...env }, timeout: 300_000,
  });
  return { status: r.status ?? 1, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}
