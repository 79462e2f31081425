import * as assert from 'node:assert/strict';
import { countEntities, cpuCgroup, schedulingEntity } from '../../../bench/schedGroups';

const V1_ROOT = '9:name=systemd:/\n4:memory:/process_api/5f46\n3:cpuset:/\n2:cpuacct:/\n1:cpu:/\n0::/\n';
const V1_CONTAINER = '4:memory:/docker/0123abcd\n1:cpu,cpuacct:/docker/0123abcd\n0::/\n';
const V2_SCOPE = '0::/system.slice/docker-0123abcd.scope\n';

describe('bench: who the scheduler shares the cores between', function () {
  it('reads the cpu cgroup from v1\'s cpu controller line, else from v2\'s unified line', function () {
    assert.equal(cpuCgroup(V1_ROOT), '/');
    assert.equal(cpuCgroup(V1_CONTAINER), '/docker/0123abcd');
    assert.equal(cpuCgroup(V2_SCOPE), '/system.slice/docker-0123abcd.scope');
    assert.equal(cpuCgroup(''), undefined);
  });

  it('puts a process in its cgroup, else in its session\'s autogroup when that is on, else on its own', function () {
    assert.equal(schedulingEntity(V1_CONTAINER, '/autogroup-7 nice 0\n', true), 'cgroup /docker/0123abcd');
    assert.equal(schedulingEntity(V1_ROOT, '/autogroup-7 nice 0\n', true), '/autogroup-7');
    assert.equal(schedulingEntity(V1_ROOT, '/autogroup-7 nice 0\n', false), undefined);
    assert.equal(schedulingEntity(V1_ROOT, undefined, true), undefined);
  });

  it('counts the entities each side takes turns in: shared ones once, a process on its own as one', function () {
    const counts = countEntities([
      { group: 'browser', entity: '/autogroup-9' },
      { group: 'webview renderer', entity: '/autogroup-9' },
      { group: 'webview renderer', entity: '/autogroup-9' },
      { group: 'engine', entity: '/autogroup-2' },
      { group: 'engine', entity: '/autogroup-3' },
      { group: 'engine', entity: '/autogroup-3' },
      { group: 'containers', entity: 'cgroup /docker/a' },
      { group: 'containers', entity: 'cgroup /docker/b' },
      { group: 'extension host', entity: undefined },
      { group: 'other', entity: '/autogroup-9' },
    ]);
    assert.deepEqual(counts.browser, { processes: 3, entities: 1 });
    assert.deepEqual(counts.engine, { processes: 3, entities: 2 });
    assert.deepEqual(counts.containers, { processes: 2, entities: 2 });
    assert.deepEqual(counts['extension host'], { processes: 1, entities: 1 });
  });
});
