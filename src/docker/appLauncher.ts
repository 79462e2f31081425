/**
 * Carries out an AppLaunch: builds the image with the docker CLI, replaces the app's previous
 * container with a new one and waits until it is ready. No UI: the caller streams the output and
 * the step names wherever it shows them, and cancels through the signal.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { appUrl, type AppLaunch } from '../core/build/appLaunch';
import { analyzeBuildFailure, currentStep, type BuildFailure } from '../core/build/buildFailure';
import { runBuild } from './buildRunner';
import type { DockerClient } from './client';
import { lastLogLines, removeAppContainers, startContainer, waitUntilReady, type Readiness } from './appContainer';

export interface LaunchTimings {
  buildMs: number;
  /** Replacing the previous container, creating and starting the new one. */
  startMs?: number;
  /** From started to healthy (or answering, or given up). */
  readyMs?: number;
}

export type NotReady = Exclude<Readiness, { status: 'healthy' | 'answering' | 'cancelled' }>;

export type LaunchResult =
  | { status: 'running'; app: string; image: string; containerId: string; url: string; hostPort: number;
    health: 'healthy' | 'answering'; timings: LaunchTimings }
  | { status: 'build-failed'; app: string; image: string; exitCode: number; command: string; failure: BuildFailure;
    timings: LaunchTimings }
  | { status: 'not-ready'; app: string; image: string; containerId: string; readiness: NotReady; logs: string[];
    timings: LaunchTimings }
  | { status: 'cancelled'; app: string; during: 'build' | 'start' | 'wait' };

export interface LaunchOptions {
  client: DockerClient;
  /** The docker executable (dockwright.docker.path). */
  dockerPath: string;
  /** The CLI's environment: DOCKER_HOST from dockwright.docker.host reaches the build too. */
  env?: NodeJS.ProcessEnv;
  signal: AbortSignal;
  /** The build's output as it arrives. */
  onOutput(text: string): void;
  /** What is happening now, in a few words ("[builder 5/5] RUN pip install …", "waiting until healthy"). */
  onStep(step: string): void;
  readyTimeoutMs: number;
}

const LOG_LINES = 30;
/** Enough of the latest output to hold the last step's name line. */
const STEP_WINDOW = 4096;

/** The ignore file the build used: BuildKit reads `<Dockerfile>.dockerignore` beside the Dockerfile first. */
async function readDockerignore(context: string, dockerfile: string | undefined): Promise<string | undefined> {
  const file = dockerfile ? (isAbsolute(dockerfile) ? dockerfile : join(context, dockerfile)) : join(context, 'Dockerfile');
  for (const path of [`${file}.dockerignore`, join(context, '.dockerignore')]) {
    try {
      return await readFile(path, 'utf8');
    } catch {
      // the next one
    }
  }
  return undefined;
}

export async function launchApp(launch: AppLaunch, options: LaunchOptions): Promise<LaunchResult> {
  const { app, build, run } = launch;
  const { client, signal } = options;
  const image = run.image;
  let started = Date.now();
  let recent = '';
  let step: string | undefined;
  const result = await runBuild(build, {
    dockerPath: options.dockerPath,
    env: options.env,
    signal,
    onOutput: (text) => {
      options.onOutput(text);
      recent = (recent + text).slice(-STEP_WINDOW);
      const now = currentStep(recent);
      if (now && now !== step) options.onStep((step = now));
    },
  });
  const timings: LaunchTimings = { buildMs: Date.now() - started };
  if (result.cancelled) return { status: 'cancelled', app, during: 'build' };
  if (result.exitCode !== 0) {
    const failure = analyzeBuildFailure(result.output, { dockerignore: await readDockerignore(build.context, build.dockerfile) });
    return { status: 'build-failed', app, image, exitCode: result.exitCode, command: result.command, failure, timings };
  }

  if (signal.aborted) return { status: 'cancelled', app, during: 'start' };
  options.onStep('starting the container');
  started = Date.now();
  await removeAppContainers(client, app);
  const container = await startContainer(client, run);
  timings.startMs = Date.now() - started;

  // A remote (ssh://) engine publishes on its own loopback: probe and open it through a tunnel.
  const reached = client.ssh ? await client.reachPort(container.hostPort) : undefined;
  const localPort = reached ? Number(new URL(reached.url).port) : container.hostPort;
  options.onStep('waiting until the app is healthy');
  started = Date.now();
  const readiness = await waitUntilReady(client, { ...container, hostPort: localPort }, { timeoutMs: options.readyTimeoutMs, signal });
  timings.readyMs = Date.now() - started;
  switch (readiness.status) {
    case 'healthy':
    case 'answering':
      return { status: 'running', app, image, containerId: container.id, url: appUrl(localPort),
        hostPort: container.hostPort, health: readiness.status, timings };
    case 'cancelled':
      // The run was abandoned half-way: leave nothing running that the person did not get.
      await removeAppContainers(client, app);
      return { status: 'cancelled', app, during: 'wait' };
    default:
      return { status: 'not-ready', app, image, containerId: container.id, readiness,
        logs: await lastLogLines(client, container.id, LOG_LINES), timings };
  }
}
