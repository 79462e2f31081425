/**
 * A container's logs as lines: followed for the dashboard, or read whole for an editor. stdout and
 * stderr are told apart (non-TTY streams are multiplexed and demultiplexed here; a TTY container
 * has one raw stream); timestamps are requested so the view can show them on demand.
 */
import type { LogLine } from '../core/dashboard/logLines';
import { toDockerError, type DockerClient } from './client';
import { inspectContainer } from './containers';
import { LogDecoder } from './logDecoder';
import { openStream } from './streams';

export interface LogFollower {
  tty: boolean;
  close(): void;
}

export interface FollowOptions {
  /** Lines of history to start with. */
  tail: number;
  onLines(lines: LogLine[]): void;
  /** The stream ended: the container stopped, or the daemon went away. */
  onEnd(reason: string): void;
}

interface AbortableLogs {
  logs(options: { abortSignal: AbortSignal; follow: true; stdout: true; stderr: true; timestamps: true; tail: number }): Promise<unknown>;
}

export async function followLogs(client: DockerClient, id: string, options: FollowOptions): Promise<LogFollower> {
  const tty = Boolean((await inspectContainer(client, id)).Config?.Tty);
  const container = client.docker.getContainer(id) as unknown as AbortableLogs;
  const open = await openStream(client, 'follow the container logs', (abortSignal) =>
    container.logs({ abortSignal, follow: true, stdout: true, stderr: true, timestamps: true, tail: options.tail }));
  const decoder = new LogDecoder(tty, options.onLines);
  let ended = false;
  const end = (reason: string) => {
    if (ended) return;
    ended = true;
    decoder.end();
    options.onEnd(reason);
  };
  open.stream.on('data', (chunk: Buffer) => decoder.push(chunk));
  open.stream.on('end', () => end('The log stream ended (the container stopped).'));
  open.stream.on('close', () => end('The log stream closed.'));
  open.stream.on('error', (err: Error) => end(`The log stream failed: ${err.message}`));
  return {
    tty,
    close: () => {
      ended = true;
      decoder.dispose();
      open.close();
    },
  };
}

/** docker-modem's request, which dockerode's `logs` wraps but buffers whole unless it follows. */
interface Modem {
  dial(options: object, callback: (err: unknown, stream: unknown) => void): void;
}

export interface ReadOptions {
  /** From the container's inspect (Config.Tty): a TTY log is one raw stream. */
  tty: boolean;
  onLines(lines: LogLine[]): void;
  /** Cancels the read (the person closed the progress notification). */
  signal?: AbortSignal;
}

/**
 * Reads everything the container has logged so far, as `docker logs` does, streamed (a flood can
 * be gigabytes): the daemon must answer within the client's timeout, and may not stay silent
 * longer than that in the middle either.
 */
export async function readAllLogs(client: DockerClient, id: string, options: ReadOptions): Promise<'done' | 'cancelled'> {
  const operation = 'read the container log';
  const modem = client.docker.modem as Modem;
  const open = await openStream(client, operation, (abortSignal) => new Promise((resolve, reject) => modem.dial({
    path: `/containers/${encodeURIComponent(id)}/logs?`, method: 'GET', isStream: true, abortSignal,
    statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
    options: { follow: false, stdout: true, stderr: true, timestamps: true },
  }, (err, stream) => (err ? reject(err) : resolve(stream)))));
  const decoder = new LogDecoder(options.tty, options.onLines);
  return new Promise((resolve, reject) => {
    let idle: ReturnType<typeof setTimeout> | undefined;
    // When the daemon last sent something: the idle timer checks it when it fires, rather than
    // being reset for each of a flood's million chunks.
    let lastData = performance.now();
    const stop = () => {
      clearTimeout(idle);
      decoder.dispose();
      options.signal?.removeEventListener('abort', cancel);
      open.close();
    };
    const fail = (err: unknown) => {
      stop();
      reject(toDockerError(err, client.endpoint, operation, client.timeoutMs));
    };
    const watch = (ms: number) => {
      idle = setTimeout(() => {
        const quietFor = performance.now() - lastData;
        if (quietFor >= client.timeoutMs) fail({ code: 'TIMEOUT' });
        else watch(client.timeoutMs - quietFor);
      }, ms);
    };
    const cancel = () => {
      stop();
      resolve('cancelled');
    };
    if (options.signal?.aborted) return cancel();
    options.signal?.addEventListener('abort', cancel, { once: true });
    watch(client.timeoutMs);
    open.stream.on('data', (chunk: Buffer) => {
      lastData = performance.now();
      decoder.push(chunk);
    });
    open.stream.on('error', fail);
    open.stream.on('end', () => {
      decoder.end();
      stop();
      resolve('done');
    });
  });
}
