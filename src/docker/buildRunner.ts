import { spawn } from 'node:child_process';
import { buildArguments, renderCommand, type BuildPlan } from '../core/build/buildPlan';

export interface BuildResult {
  exitCode: number;
  /** Everything the CLI printed (stdout and stderr, interleaved as they arrived). */
  output: string;
  command: string;
  cancelled: boolean;
}

export interface BuildRunOptions {
  /** The docker executable (the dockwright.docker.path setting); default "docker" from PATH. */
  dockerPath?: string;
  onOutput?: (chunk: string) => void;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
}

/** Runs a BuildPlan with the docker CLI. Resolves (never rejects) once the CLI has exited. */
export function runBuild(plan: BuildPlan, options: BuildRunOptions = {}): Promise<BuildResult> {
  const executable = options.dockerPath || 'docker';
  const args = buildArguments(plan);
  const command = renderCommand(executable, args);
  return new Promise((resolve) => {
    let output = '';
    let cancelled = false;
    const child = spawn(executable, args, {
      env: { DOCKER_BUILDKIT: '1', ...(options.env ?? process.env) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (data: Buffer) => {
      const text = data.toString('utf8');
      output += text;
      options.onOutput?.(text);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const abort = () => {
      cancelled = true;
      child.kill('SIGTERM');
    };
    options.signal?.addEventListener('abort', abort, { once: true });
    const finish = (exitCode: number) => {
      options.signal?.removeEventListener('abort', abort);
      resolve({ exitCode, output, command, cancelled });
    };
    child.on('error', (err: NodeJS.ErrnoException) => {
      output += err.code === 'ENOENT'
        ? `The docker CLI "${executable}" was not found. Install Docker or set dockwright.docker.path.\n`
        : `${err.message}\n`;
      finish(127);
    });
    child.on('close', (code) => finish(code ?? 1));
  });
}
