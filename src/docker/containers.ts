/** Container requests for the dashboard, each with the client's timeout and its error translation. */
import type Docker from 'dockerode';
import {
  imageTagKey, isImageId, rebuiltRow, rowFromInspect, toContainerRow, type ContainerInspectEntry, type ContainerListEntry, type ContainerRow,
} from '../core/dashboard/containers';
import { DockerError, type DockerClient } from './client';

export type ContainerAction = 'start' | 'stop' | 'restart' | 'remove';

/**
 * dockerode forwards `abortSignal` on these calls at run time (lib/container.js), but
 * @types/dockerode only types their option-less forms.
 */
interface AbortableContainer {
  start(options: { abortSignal: AbortSignal }): Promise<unknown>;
  stop(options: { abortSignal: AbortSignal; t?: number }): Promise<unknown>;
  restart(options: { abortSignal: AbortSignal; t?: number }): Promise<unknown>;
  remove(options: { abortSignal: AbortSignal; force?: boolean; v?: boolean }): Promise<unknown>;
  inspect(options: { abortSignal: AbortSignal }): Promise<Docker.ContainerInspectInfo>;
}

interface AbortableImage {
  inspect(options: { abortSignal: AbortSignal }): Promise<Docker.ImageInspectInfo>;
}

interface AbortableList {
  listContainers(options: { abortSignal: AbortSignal; all: boolean; filters?: string }): Promise<ContainerListEntry[]>;
}

/** Seconds a stop waits for the process before SIGKILL: short, the dashboard is interactive. */
const STOP_GRACE_S = 5;

export async function listContainerRows(client: DockerClient, ids?: string[]): Promise<ContainerRow[]> {
  const docker = client.docker as unknown as AbortableList;
  const filters = ids ? JSON.stringify({ id: ids }) : undefined;
  const entries = await client.request('list containers', (abortSignal) => docker.listContainers({ abortSignal, all: true, filters }));
  const now = Date.now();
  return entries.map((e) => toContainerRow(e, now));
}

/** The container's current row, or undefined when it no longer exists. */
export async function inspectContainerRow(client: DockerClient, id: string): Promise<ContainerRow | undefined> {
  try {
    const info = await client.request('inspect the container', (abortSignal) => container(client, id).inspect({ abortSignal }));
    return rowFromInspect(info as unknown as ContainerInspectEntry, Date.now());
  } catch (err) {
    if (err instanceof DockerError && err.failure.kind === 'not-found') return undefined;
    throw err;
  }
}

/**
 * The rows with the image name each container was created from (the list gives only the id once
 * that name moved on) and `rebuilt` where the name now points to another build: one image inspect
 * per name, one container inspect per row listed by id. What cannot be read leaves a row as it is.
 */
export async function withImageBuilds(client: DockerClient, rows: ContainerRow[]): Promise<ContainerRow[]> {
  const named = await Promise.all(rows.map(async (row) => {
    if (!isImageId(row.image)) return row;
    const inspected = await inspectContainerRow(client, row.id).catch(() => undefined);
    return inspected && !isImageId(inspected.image) ? { ...row, image: inspected.image } : row;
  }));
  const names = [...new Set(named.map((row) => row.image).filter((image) => image && !isImageId(image)))];
  const current = new Map<string, string>();
  await Promise.all(names.map(async (name) => {
    const image = client.docker.getImage(name) as unknown as AbortableImage;
    const info = await client.request('inspect the image', (abortSignal) => image.inspect({ abortSignal })).catch(() => undefined);
    if (info) current.set(imageTagKey(name), info.Id);
  }));
  return named.map((row) => rebuiltRow(row, current));
}

function container(client: DockerClient, id: string): AbortableContainer {
  return client.docker.getContainer(id) as unknown as AbortableContainer;
}

export async function runContainerAction(client: DockerClient, id: string, action: ContainerAction): Promise<void> {
  const c = container(client, id);
  // stop/restart may take the grace period on top of the usual answer time.
  const slow = client.timeoutMs + STOP_GRACE_S * 1000;
  switch (action) {
    case 'start':
      await client.request('start the container', (abortSignal) => c.start({ abortSignal }));
      return;
    case 'stop':
      await client.request('stop the container', (abortSignal) => c.stop({ abortSignal, t: STOP_GRACE_S }), slow);
      return;
    case 'restart':
      await client.request('restart the container', (abortSignal) => c.restart({ abortSignal, t: STOP_GRACE_S }), slow);
      return;
    case 'remove':
      await client.request('remove the container', (abortSignal) => c.remove({ abortSignal, force: true }));
      return;
  }
}

export function inspectContainer(client: DockerClient, id: string): Promise<Docker.ContainerInspectInfo> {
  return client.request('inspect the container', (abortSignal) => container(client, id).inspect({ abortSignal }));
}
