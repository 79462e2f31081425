import * as assert from 'node:assert/strict';
import { affinityOf } from '../../../bench/engineCores';

describe('bench: the engine\'s cores', function () {
  it('reads the core list taskset prints, to give it back afterwards', function () {
    assert.equal(affinityOf("pid 31307's current affinity list: 0,1\n"), '0,1');
    assert.equal(affinityOf("pid 7's current affinity list: 0-3,6\n"), '0-3,6');
    assert.equal(affinityOf('taskset: failed to get pid 7\'s affinity: No such process\n'), undefined);
  });
});
