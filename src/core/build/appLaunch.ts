/**
 * "Build & Run", described as data: the image to build from a folder's Dockerfile and the
 * container to run from it. The docker adapter carries it out; nothing here touches the engine.
 */
import { imagePorts, parseDockerfile } from '../dockerfile';
import type { BuildPlan } from './buildPlan';

/** Marks images and containers Dockwright made for an app; the value is the app's name. */
export const APP_LABEL = 'dockwright.app';

export interface RunPlan {
  image: string;
  /** One container per app: a new run replaces the one before it (found by APP_LABEL). */
  containerName: string;
  labels: Record<string, string>;
  /** The first TCP port the Dockerfile EXPOSEs. */
  containerPort: number;
  /** Loopback only: the app is for this machine, not for everyone on the network. */
  hostIp: '127.0.0.1';
  hostPort: number;
  /**
   * True when the person chose hostPort: then it is used or the run fails. Otherwise it is only a
   * preference (the same number as the container port) and Docker picks another when it is taken.
   */
  hostPortChosen: boolean;
}

export interface AppLaunch {
  app: string;
  build: BuildPlan;
  run: RunPlan;
  /** Ports the Dockerfile EXPOSEs besides the one published. */
  otherPorts: number[];
}

export interface LaunchInput {
  /** Absolute path of the build context: the folder that holds the Dockerfile. */
  context: string;
  /** Absolute path of the Dockerfile when it is not <context>/Dockerfile. */
  dockerfile?: string;
  dockerfileText: string;
  hostPort?: number;
  /** Extra labels for the image and the container (e.g. a test run's). */
  labels?: Record<string, string>;
}

export type LaunchDescription = { ok: true; launch: AppLaunch } | { ok: false; problem: string };

/**
 * A name Docker accepts as an image repository component and as a container name: lowercase
 * letters and digits, separated by single '.', '_' or '-', starting and ending with a letter or digit.
 */
export function appNameFor(folder: string): string {
  const base = folder.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? '';
  const name = base.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return name || 'app';
}

export function describeLaunch(input: LaunchInput): LaunchDescription {
  const ports = imagePorts(parseDockerfile(input.dockerfileText)).map((p) => p.port);
  if (!ports.length) {
    return {
      ok: false,
      problem: 'The Dockerfile does not EXPOSE a port, so Dockwright cannot tell which one to publish. ' +
        'Add `EXPOSE <port>` (the port your server listens on) to its last stage.',
    };
  }
  const app = appNameFor(input.context);
  // Namespaced, so an app folder called "python" or "redis" cannot shadow the official image of that name.
  const image = `dockwright/${app}:latest`;
  const labels = { ...input.labels, [APP_LABEL]: app };
  const [containerPort, ...otherPorts] = ports;
  return {
    ok: true,
    launch: {
      app,
      build: { context: input.context, dockerfile: input.dockerfile, tags: [image], labels },
      run: {
        image,
        containerName: `dockwright-${app}`,
        labels,
        containerPort,
        hostIp: '127.0.0.1',
        hostPort: input.hostPort ?? containerPort,
        hostPortChosen: input.hostPort !== undefined,
      },
      otherPorts,
    },
  };
}

/** Where the person opens the app once it runs. */
export function appUrl(hostPort: number): string {
  return `http://127.0.0.1:${hostPort}/`;
}
