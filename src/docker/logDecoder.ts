/**
 * The bytes of a log stream → lines: demultiplexed unless TTY, decoded per stream, assembled.
 *
 * The daemon sends a followed log as one HTTP chunk per line, and Node hands each chunk to its
 * own 'data' event: a flood is a million events. Taking each through the demuxer, a decoder and
 * the assembler on its own cost the extension host's one thread about twice a bare reader's work
 * per line (allocations and garbage). So chunks are gathered until the event loop has taken
 * everything the socket had (one `setImmediate`) and then handled together: consecutive frames of
 * one stream are decoded as one run, and the lines go out in one call. Order is kept (stdout and
 * stderr runs in the order the daemon wrote them), and a quiet container's line goes out in the
 * same turn of the loop.
 */
import { TextDecoder } from 'node:util';
import { LineAssembler, type LogLine, type LogStream } from '../core/dashboard/logLines';
import { LogDemuxer } from './logDemux';

export class LogDecoder {
  private readonly assembler = new LineAssembler(true);
  private readonly decoders: Record<LogStream, TextDecoder> = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  private readonly demuxer = new LogDemuxer((stream, payload) => this.frame(stream === 'stderr' ? 'stderr' : 'stdout', payload));
  private chunks: Uint8Array[] = [];
  private scheduled: ReturnType<typeof setImmediate> | undefined;
  /** Consecutive payloads of one stream, decoded together. */
  private runStream: LogStream = 'stdout';
  private run: Uint8Array[] = [];
  private out: LogLine[] = [];
  private disposed = false;

  constructor(private readonly tty: boolean, private readonly onLines: (lines: LogLine[]) => void) {}

  push(chunk: Uint8Array): void {
    if (this.disposed) return;
    this.chunks.push(chunk);
    this.scheduled ??= setImmediate(() => this.drain());
  }

  /** Handles every chunk gathered so far, now. */
  private drain(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    if (!this.chunks.length || this.disposed) return;
    const data = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    this.chunks = [];
    if (this.tty) this.frame('stdout', data);
    else this.demuxer.push(data);
    this.endRun();
    this.emit();
  }

  /** The stream ended: what was gathered, then the partial lines left. */
  end(): void {
    this.drain();
    if (this.disposed) return;
    this.assembler.flush(this.out);
    this.emit();
  }

  /** Nothing more is handed on (the reader was closed or cancelled). */
  dispose(): void {
    this.disposed = true;
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    this.chunks = [];
  }

  private frame(stream: LogStream, payload: Uint8Array): void {
    if (stream !== this.runStream) this.endRun();
    this.runStream = stream;
    this.run.push(payload);
  }

  private endRun(): void {
    if (!this.run.length) return;
    const bytes = this.run.length === 1 ? this.run[0] : Buffer.concat(this.run);
    this.run = [];
    this.assembler.push(this.runStream, this.decoders[this.runStream].decode(bytes, { stream: true }), this.out);
  }

  private emit(): void {
    if (!this.out.length) return;
    const lines = this.out;
    this.out = [];
    this.onLines(lines);
  }
}
