/** Image requests for the dashboard's "Image sizes": the workspace's images and their history. */
import type { DockerClient } from './client';
import type { HistoryEntry } from '../core/dashboard/layers';

export interface ImageSummaryEntry {
  Id: string;
  RepoTags?: string[] | null;
  Size: number;
  Created: number;
  Labels?: Record<string, string> | null;
}

interface AbortableImages {
  listImages(options: { abortSignal: AbortSignal; filters?: string }): Promise<ImageSummaryEntry[]>;
}

/** dockerode's image history() and inspect() pass no abortSignal on: the timeout is raced instead. */
function unlessAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
    if (signal.aborted) abort();
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/** Images carrying any of these labels (one call per label: the API ANDs label filters). */
export async function listLabelledImages(client: DockerClient, labels: string[]): Promise<ImageSummaryEntry[]> {
  const docker = client.docker as unknown as AbortableImages;
  const lists = await Promise.all(labels.map((label) => client.request('list images', (abortSignal) =>
    docker.listImages({ abortSignal, filters: JSON.stringify({ label: [label], dangling: ['false'] }) }))));
  const byId = new Map<string, ImageSummaryEntry>();
  for (const image of lists.flat()) byId.set(image.Id, image);
  return [...byId.values()].sort((a, b) => b.Created - a.Created);
}

export async function imageHistory(client: DockerClient, nameOrId: string): Promise<HistoryEntry[]> {
  const image = client.docker.getImage(nameOrId);
  const history = (await client.request('read the image history', (abortSignal) =>
    unlessAborted(image.history() as Promise<{ CreatedBy?: string; Size?: number }[]>, abortSignal)));
  return history.map((h) => ({ createdBy: h.CreatedBy ?? '', size: h.Size ?? 0 }));
}

export async function imageSize(client: DockerClient, nameOrId: string): Promise<number> {
  const image = client.docker.getImage(nameOrId);
  return (await client.request('inspect the image', (abortSignal) => unlessAborted(image.inspect(), abortSignal))).Size;
}

/** The base image's history length, when it is in the local store (it marks the base layers). */
export async function baseHistoryLength(client: DockerClient, image: string | undefined): Promise<number | undefined> {
  if (!image) return undefined;
  try {
    return (await imageHistory(client, image)).length;
  } catch {
    return undefined;
  }
}
