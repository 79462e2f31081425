import type { Readable } from 'node:stream';
import { toDockerError, type DockerClient } from './client';

export interface OpenStream {
  stream: Readable;
  /** Ends the stream and its HTTP request; safe to call twice. */
  close(): void;
}

/** Streams opened and not yet closed (by close() or by the daemon): what a closed view must not leave behind. */
let openCount = 0;

export function openStreamCount(): number {
  return openCount;
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
    let counted = true;
    openCount++;
    const uncount = () => {
      if (counted) openCount--;
      counted = false;
    };
    stream.once('close', uncount);
    let closed = false;
    return {
      stream,
      close: () => {
        if (closed) return;
        closed = true;
        uncount();
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
