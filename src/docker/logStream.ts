/**
 * Follows a container's logs: stdout and stderr told apart (non-TTY streams are multiplexed and
 * demultiplexed here; a TTY container has one raw stream), timestamps always requested so the
 * view can show them on demand, the stream closed by close().
 */
import { TextDecoder } from 'node:util';
import { LineAssembler, type LogLine, type LogStream } from '../core/dashboard/logLines';
import type { DockerClient } from './client';
import { inspectContainer } from './containers';
import { LogDemuxer } from './logDemux';
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
  const assembler = new LineAssembler(true);
  const decoders: Record<LogStream, TextDecoder> = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  const emit = (stream: LogStream, bytes: Uint8Array) => {
    const lines = assembler.push(stream, decoders[stream].decode(bytes, { stream: true }));
    if (lines.length) options.onLines(lines);
  };
  const demuxer = new LogDemuxer((stream, payload) => emit(stream === 'stderr' ? 'stderr' : 'stdout', payload));
  let ended = false;
  const end = (reason: string) => {
    if (ended) return;
    ended = true;
    const rest = assembler.flush();
    if (rest.length) options.onLines(rest);
    options.onEnd(reason);
  };
  open.stream.on('data', (chunk: Buffer) => (tty ? emit('stdout', chunk) : demuxer.push(chunk)));
  open.stream.on('end', () => end('The log stream ended (the container stopped).'));
  open.stream.on('close', () => end('The log stream closed.'));
  open.stream.on('error', (err: Error) => end(`The log stream failed: ${err.message}`));
  return {
    tty,
    close: () => {
      ended = true;
      open.close();
    },
  };
}
