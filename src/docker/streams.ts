import type { Readable } from 'node:stream';
import { toDockerError, type DockerClient } from './client';

export interface OpenStream {
  stream: Readable;
  /** Ends the stream and its HTTP request; safe to call twice. */
  close(): void;
}

/**
 * Opens a long-lived stream (events, followed logs). The timeout covers only the daemon's
 * answer: once the stream is open it may stay quiet for hours, and close() ends it.
 */
export async function openStream(
  client: DockerClient,
  operation: string,
  open: (abortSignal: AbortSignal) => Promise<unknown>,
): Promise<OpenStream> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, client.timeoutMs);
  try {
    const stream = (await open(controller.signal)) as Readable;
    let closed = false;
    return {
      stream,
      close: () => {
        if (closed) return;
        closed = true;
        stream.destroy();
        controller.abort();
      },
    };
  } catch (err) {
    throw toDockerError(timedOut ? { code: 'TIMEOUT' } : err, client.endpoint, operation, client.timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}
