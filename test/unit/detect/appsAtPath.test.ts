import * as assert from 'node:assert/strict';
import { appChoices, appNamed, appsAtPath } from '../../../src/core/detect/appsAtPath';

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

describe('appNamed (what `init --app` accepts)', () => {
  const shared = [
    { root: '.', entry: 'main:app' }, { root: '.', entry: 'admin:create_app()' }, { root: 'services/api', entry: 'app.main:app' },
  ];
  it('takes a folder with one app, or an entry (with or without the factory call) where a folder holds several', () => {
    assert.equal(appNamed(shared, 'services/api/')?.entry, 'app.main:app');
    assert.equal(appNamed(shared, '.'), null);
    assert.equal(appNamed(shared, 'main:app')?.entry, 'main:app');
    assert.equal(appNamed(shared, 'admin:create_app')?.entry, 'admin:create_app()');
    assert.equal(appNamed(shared, 'admin:create_app()')?.entry, 'admin:create_app()');
    assert.equal(appNamed(shared, 'services/api:app.main:app')?.root, 'services/api');
    assert.equal(appNamed(shared, 'nope:app'), null);
  });
  it('lists the choices: the folder, or the entry where the folder is shared', () => {
    assert.deepEqual(appChoices(shared), ['main:app', 'admin:create_app()', 'services/api']);
  });
});
