/**
 * The webview's side of the request/reply protocol: request() posts a request with a fresh id and
 * returns a promise for its typed result. The reply with the same id settles it; an error reply, or
 * no reply in time, rejects it.
 */
import type { ReplyMessage, RequestMessage, RequestName, RequestParams, RequestResult } from '../src/shared/protocol';

/** How long a reply may take; none where the host waits on the person (a confirmation) or on builds. */
export const REQUEST_TIMEOUT_MS: Record<RequestName, number | undefined> = {
  refresh: 120_000,
  listImages: 120_000,
  imageLayers: 120_000,
  containerAction: undefined,
  compare: undefined,
};

interface Pending {
  method: RequestName;
  resolve(result: unknown): void;
  reject(error: Error): void;
  timer?: ReturnType<typeof setTimeout>;
}

export class RequestClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly send: (message: RequestMessage) => void,
    private readonly timeoutMs: Record<RequestName, number | undefined> = REQUEST_TIMEOUT_MS,
  ) {}

  request<K extends RequestName>(method: K, params: RequestParams<K>): Promise<RequestResult<K>> {
    const id = this.nextId++;
    return new Promise<RequestResult<K>>((resolve, reject) => {
      const timeoutMs = this.timeoutMs[method];
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`No answer to ${method} after ${timeoutMs / 1000} s.`));
      }, timeoutMs);
      this.pending.set(id, { method, resolve: (result) => resolve(result as RequestResult<K>), reject, timer });
      this.send({ type: 'request', id, method, params });
    });
  }

  /** Settles the request a reply answers; a reply to nothing pending (timed out already) is dropped. */
  settle(reply: ReplyMessage): void {
    const pending = this.pending.get(reply.id);
    if (!pending || pending.method !== reply.method) return;
    this.pending.delete(reply.id);
    clearTimeout(pending.timer);
    if ('error' in reply) pending.reject(new Error(reply.error));
    else pending.resolve(reply.result);
  }
}
