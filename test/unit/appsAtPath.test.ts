import * as assert from 'node:assert/strict';
import { appsAtPath } from '../../src/core/detect/appsAtPath';

const apps = [{ root: '.' }, { root: 'services/api' }, { root: 'services/admin' }, { root: 'services/api/worker' }];
const roots = (path: string) => appsAtPath(apps, path).map((a) => a.root);

describe('appsAtPath (which apps a click means)', () => {
  it('the detected folder itself: every app', () => {
    assert.deepEqual(roots(''), ['.', 'services/api', 'services/admin', 'services/api/worker']);
    assert.deepEqual(roots('.'), roots(''));
  });

  it("an app's own folder: that app, not the ones nested in it", () => {
    assert.deepEqual(roots('services/api'), ['services/api']);
  });

  it('a folder holding apps: the apps inside it', () => {
    assert.deepEqual(roots('services'), ['services/api', 'services/admin', 'services/api/worker']);
  });

  it('a package inside an app: the deepest app holding it', () => {
    assert.deepEqual(roots('services/api/routers'), ['services/api']);
    assert.deepEqual(roots('docs'), ['.']);
  });

  it('nothing holds it: no app', () => {
    assert.deepEqual(appsAtPath([{ root: 'a' }], 'b/c'), []);
  });
});
