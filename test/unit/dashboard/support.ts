/** One frame of Docker's multiplexed log stream: [stream, 0, 0, 0, size as big-endian uint32], then the payload. */
export function logFrame(stream: number, text: string | Uint8Array): Uint8Array {
  const payload = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const out = new Uint8Array(8 + payload.length);
  out[0] = stream;
  new DataView(out.buffer).setUint32(4, payload.length);
  out.set(payload, 8);
  return out;
}
