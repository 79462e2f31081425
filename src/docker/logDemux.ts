/**
 * Docker's multiplexed log stream (containers without a TTY): frames of an 8-byte header
 * [stream, 0, 0, 0, size as big-endian uint32] and `size` bytes of payload. Chunks from the
 * socket split frames anywhere, headers included, so this keeps what it has not consumed yet.
 */
export type FrameStream = 'stdin' | 'stdout' | 'stderr';
const STREAMS: Record<number, FrameStream> = { 0: 'stdin', 1: 'stdout', 2: 'stderr' };

export class LogDemuxer {
  private pending: Uint8Array = new Uint8Array(0);

  constructor(private readonly onFrame: (stream: FrameStream, payload: Uint8Array) => void) {}

  push(chunk: Uint8Array): void {
    let data = chunk;
    if (this.pending.length) {
      data = new Uint8Array(this.pending.length + chunk.length);
      data.set(this.pending, 0);
      data.set(chunk, this.pending.length);
    }
    let offset = 0;
    while (data.length - offset >= 8) {
      const size = ((data[offset + 4] << 24) >>> 0) + (data[offset + 5] << 16) + (data[offset + 6] << 8) + data[offset + 7];
      if (data.length - offset - 8 < size) break;
      const stream = STREAMS[data[offset]] ?? 'stdout';
      this.onFrame(stream, data.subarray(offset + 8, offset + 8 + size));
      offset += 8 + size;
    }
    // Copy the rest: a subarray would pin the whole chunk in memory.
    this.pending = offset === data.length ? new Uint8Array(0) : data.slice(offset);
  }

  /** Bytes of an incomplete frame still waiting for the rest. */
  get buffered(): number {
    return this.pending.length;
  }
}

/**
 * The text of a whole multiplexed buffer (a finished `logs` or `exec` read), every stream in the
 * order Docker wrote it. Payloads are joined before decoding, so a character split across two
 * frames survives; an incomplete frame at the end is dropped.
 */
export function demultiplex(buffer: Uint8Array): string {
  const payloads: Uint8Array[] = [];
  new LogDemuxer((_stream, payload) => payloads.push(payload)).push(buffer);
  return Buffer.concat(payloads).toString('utf8');
}
