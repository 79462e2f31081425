// Which generated files Dockwright refuses to write: links, special files, folders that lead
// outside the project. Plain data in, reasons out; the adapters' side is in test/unit/cli/symlinks.
import * as assert from 'node:assert/strict';
import { describeRefused, isInside, refusal, refusedTargets, type WriteTarget } from '../../../src/core/generate/writeTargets';

const ROOT = '/home/ada/shop';
const file = (path: string, extra: Partial<WriteTarget> = {}): WriteTarget => ({ path, kind: 'file', realFolder: ROOT, ...extra });

describe('write targets', () => {
  it('a regular file, a missing one or a folder (reading it says why) inside the project may be written', () => {
    assert.equal(refusal(file('Dockerfile'), ROOT), null);
    assert.equal(refusal(file('compose.yaml', { kind: 'missing' }), ROOT), null);
    assert.equal(refusal(file('services/api/Dockerfile', { realFolder: `${ROOT}/services/api` }), ROOT), null);
    assert.equal(refusal(file('compose.yaml', { kind: 'directory' }), ROOT), null);
    assert.equal(refusal({ path: 'Dockerfile', kind: 'file' }, ROOT), null, 'no real folder reported: nothing to resolve');
  });

  it('a link is refused whatever it points to, and the message names the file and the link', () => {
    assert.equal(refusal(file('Dockerfile', { kind: 'symlink', linkTarget: '../outside/Dockerfile' }), ROOT),
      'Dockerfile is a symbolic link to ../outside/Dockerfile; writing through it would change the file it points to');
    assert.match(refusal(file('.dockerignore', { kind: 'symlink', linkTarget: 'ignore.txt' }), ROOT) ?? '', /^\.dockerignore is a symbolic link to ignore\.txt;/);
    assert.match(refusal(file('compose.yaml', { kind: 'symlink' }), ROOT) ?? '', /^compose\.yaml is a symbolic link;/, 'the link target is not always known');
  });

  it('a pipe, socket or device is refused', () => {
    assert.match(refusal(file('Dockerfile', { kind: 'other' }), ROOT) ?? '', /not a regular file/);
  });

  it('a folder on the way that resolves outside the project is refused; one that stays inside is not', () => {
    assert.equal(refusal(file('api/Dockerfile', { kind: 'missing', realFolder: '/home/ada/elsewhere' }), ROOT),
      'api/Dockerfile would be written in /home/ada/elsewhere, outside the project (/home/ada/shop): a folder on the way is a symbolic link');
    assert.equal(refusal(file('api/Dockerfile', { realFolder: `${ROOT}/shared/api` }), ROOT), null);
    assert.match(refusal(file('api/Dockerfile', { realFolder: undefined, linkedFolder: 'api' }), ROOT) ?? '', /in api, a symbolic link to a folder/);
  });

  it('a path that leaves the project by its own words is refused', () => {
    for (const path of ['../Dockerfile', 'a/../../Dockerfile', '/etc/Dockerfile', 'C:\\Dockerfile']) {
      assert.match(refusal(file(path), ROOT) ?? '', /is outside the project$/, path);
    }
  });

  it('isInside compares whole path segments, and Windows paths without regard to case or slashes', () => {
    assert.ok(isInside('/a/b', '/a/b'));
    assert.ok(isInside('/a/b/', '/a/b/c'));
    assert.ok(!isInside('/a/b', '/a/bc'));
    assert.ok(!isInside('/a/b', '/a'));
    assert.ok(isInside('/', '/a'));
    assert.ok(isInside('C:\\Users\\Ada\\shop', 'c:/users/ada/shop/api'));
    assert.ok(!isInside('C:\\Users\\Ada\\shop', 'C:\\Users\\Ada\\shopping'));
  });

  it('lists every refused target, in plan order, in one message', () => {
    const refused = refusedTargets([
      file('Dockerfile', { kind: 'symlink', linkTarget: '/etc/passwd' }),
      file('.dockerignore'),
      file('compose.yaml', { kind: 'symlink', linkTarget: '../x.yaml' }),
    ], ROOT);
    assert.deepEqual(refused.map((r) => r.path), ['Dockerfile', 'compose.yaml']);
    const message = describeRefused(refused);
    assert.match(message, /never writes through a symbolic link or outside the project, so nothing was written/);
    assert.match(message, /^ {2}Dockerfile is a symbolic link to \/etc\/passwd;/m);
    assert.match(message, /^ {2}compose\.yaml is a symbolic link to \.\.\/x\.yaml;/m);
    assert.deepEqual(refusedTargets([file('Dockerfile')], ROOT), []);
  });
});
