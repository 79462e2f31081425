// A container event changes its row the moment it arrives; the inspect that follows refines it.
import * as assert from 'node:assert/strict';
import { rowAfterEvent } from '../../../src/core/dashboard/containerEvents';
import type { ContainerRow } from '../../../src/core/dashboard/containers';

const ROW: ContainerRow = {
  id: 'c1', name: 'api', image: 'api:dev', imageId: '', state: 'running', health: 'healthy', status: 'Up 3 minutes (healthy)',
  ports: [], createdAt: 0, startedAt: 1_000, workspace: false,
};
const TIME = 1_764_633_600_000;
const event = (Action: string, Attributes: Record<string, string> = {}) => ({ Action, timeNano: TIME * 1e6, Actor: { ID: 'c1', Attributes } });

describe('rowAfterEvent', () => {
  it('die: exited with the exit code the event carries, no health, no uptime', () => {
    assert.deepEqual(rowAfterEvent(ROW, event('die', { exitCode: '137' })),
      { ...ROW, state: 'exited', status: 'Exited (137)', health: undefined, startedAt: undefined });
  });

  it('start: running since the event time; health waits for its first check', () => {
    const row = rowAfterEvent({ ...ROW, state: 'exited', status: 'Exited (0)', health: undefined, startedAt: undefined }, event('start'));
    assert.deepEqual([row?.state, row?.status, row?.health, row?.startedAt], ['running', 'Up', undefined, TIME]);
  });

  it('health_status, pause and rename say what the row shows', () => {
    assert.deepEqual([rowAfterEvent(ROW, event('health_status: unhealthy'))?.health, rowAfterEvent(ROW, event('health_status: unhealthy'))?.status], ['unhealthy', 'Up (unhealthy)']);
    assert.equal(rowAfterEvent(ROW, event('pause'))?.state, 'paused');
    assert.equal(rowAfterEvent({ ...ROW, state: 'paused' }, event('unpause'))?.startedAt, ROW.startedAt);
    assert.equal(rowAfterEvent(ROW, event('rename', { name: '/api-old' }))?.name, 'api-old');
  });

  it('nothing for events the row does not show, or for a container it does not know yet', () => {
    assert.equal(rowAfterEvent(ROW, event('kill', { signal: '9' })), null);
    assert.equal(rowAfterEvent(ROW, event('health_status: weird')), null);
    assert.equal(rowAfterEvent(undefined, event('die', { exitCode: '1' })), null);
  });
});
