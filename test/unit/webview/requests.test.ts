// The webview's request client: replies matched by id, typed results, rejections on error replies and timeouts.
import * as assert from 'node:assert/strict';
import type { EngineState, RequestMessage } from '../../../src/shared/protocol';
import { REQUEST_TIMEOUT_MS, RequestClient } from '../../../webview/requests';

const ENGINE: EngineState = {
  status: 'running', checkedAt: '2026-12-01T00:00:00.000Z',
  summary: { version: '28.0.0', apiVersion: '1.48', os: 'linux', arch: 'amd64', containersRunning: 0, images: 0, endpoint: 'unix:///var/run/docker.sock' },
};

function client(): { requests: RequestClient; sent: RequestMessage[] } {
  const sent: RequestMessage[] = [];
  return { requests: new RequestClient((m) => sent.push(m)), sent };
}

describe('webview requests', () => {
  it('settles each request with the reply that carries its id, in whatever order replies come', async () => {
    const { requests, sent } = client();
    const refresh = requests.request('refresh', {});
    const layers = requests.request('imageLayers', { imageId: 'sha256:1' });
    assert.deepEqual(sent.map((m) => [m.id, m.method]), [[1, 'refresh'], [2, 'imageLayers']]);
    requests.settle({ type: 'reply', id: 2, method: 'imageLayers', result: { imageId: 'sha256:1', layers: [], size: 7 } });
    requests.settle({ type: 'reply', id: 1, method: 'refresh', result: ENGINE });
    assert.equal((await layers).size, 7);
    assert.deepEqual(await refresh, ENGINE);
  });

  it('rejects on an error reply and ignores replies to nothing pending', async () => {
    const { requests } = client();
    const compare = requests.request('compare', { appKey: 'a' });
    requests.settle({ type: 'reply', id: 9, method: 'compare', error: 'not mine' });
    requests.settle({ type: 'reply', id: 1, method: 'compare', error: 'That app is no longer detected in the workspace.' });
    await assert.rejects(compare, /no longer detected/);
  });

  it('rejects a request whose reply does not come in time', async () => {
    const requests = new RequestClient(() => undefined, { ...REQUEST_TIMEOUT_MS, listImages: 1 });
    await assert.rejects(requests.request('listImages', {}), /No answer to listImages/);
  });
});
