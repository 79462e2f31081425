// The pure readers detection is built from: requirement lines, .gitignore patterns, Python
// version constraints, Procfile and env-file lines, service hints, relative paths.
import * as assert from 'node:assert/strict';
import { isIgnored, parseGitignore } from '../../../src/core/detect/gitignore';
import { parseEnvFile } from '../../../src/core/detect/hints';
import { pythonMinor, readPipfile, readPyproject } from '../../../src/core/detect/manifests';
import { normalize, relativeTo } from '../../../src/core/detect/paths';
import { parseProcfile } from '../../../src/core/detect/procfile';
import { parseRequirement, parseRequirementsFile } from '../../../src/core/detect/requirements';
import { serviceOfImage, servicesInText } from '../../../src/core/detect/services';

describe('requirements', () => {
  it('reads names, extras and markers, normalized', () => {
    assert.deepEqual(parseRequirement('Uvicorn[Standard,  h2]>=0.30 ; python_version >= "3.9"'),
      { name: 'uvicorn', extras: ['standard', 'h2'], marker: 'python_version >= "3.9"' });
    assert.deepEqual(parseRequirement('Flask_SQLAlchemy.Ext==1'), { name: 'flask-sqlalchemy-ext', extras: [], marker: null, pin: '1' });
    assert.equal(parseRequirement('pkg @ https://example.com/pkg-1.0.tar.gz')?.name, 'pkg');
  });

  it('reads a requirements file: comments, continuations, options, includes, eggs, local paths', () => {
    const file = parseRequirementsFile([
      '# comment', '-r base.txt', '--requirement=extra.txt', '-c constraints.txt', '--index-url https://x/simple',
      'requests==2.32.0 \\', '    --hash=sha256:abc', 'numpy  # inline comment', '-e git+https://g/x.git#egg=my_lib',
      'https://files/pkg.whl#egg=wheelpkg', './vendor/fastmath', '-e ../shared/', '-e .', '',
    ].join('\n'));
    assert.deepEqual(file.requirements.map((r) => r.name), ['requests', 'numpy', 'my-lib', 'wheelpkg']);
    assert.deepEqual(file.includes, ['base.txt', 'extra.txt']);
    assert.deepEqual(file.localPaths, ['./vendor/fastmath', '../shared/']);
  });
});

describe('.gitignore patterns', () => {
  const rules = [...parseGitignore('*.log\n/build-out\ndocs/**/gen\n!keep.log\ncache/\n\\#literal\n', ''), ...parseGitignore('local\n', 'sub')];
  const cases: [string, boolean, boolean][] = [
    ['a.log', false, true], ['deep/x/a.log', false, true], ['keep.log', false, false],
    ['build-out', true, true], ['x/build-out', true, false], ['docs/gen', true, true], ['docs/a/b/gen', true, true],
    ['cache', true, true], ['cache', false, false], ['#literal', false, true],
    ['sub/local', false, true], ['local', false, false], ['sub/x/local', true, true],
  ];
  for (const [path, isDir, ignored] of cases) {
    it(`${path}${isDir ? '/' : ''} is ${ignored ? '' : 'not '}ignored`, () => assert.equal(isIgnored(rules, path, isDir), ignored));
  }
});

describe('Python versions', () => {
  const cases: [string | null, string | null][] = [
    ['3.12.4', '3.12'], ['>=3.11', '3.11'], ['<3.13,>=3.10', '3.10'], ['^3.11', '3.11'], ['~=3.9.2', '3.9'],
    ['python-3.11.9', '3.11'], ['==3.12.*', '3.12'], ['*', null], [null, null], ['pypy3.10', null],
  ];
  for (const [constraint, minor] of cases) it(`${constraint} → ${minor}`, () => assert.equal(pythonMinor(constraint), minor));

  it('reads requires-python, Poetry\'s python and Pipfile\'s python_version', () => {
    assert.equal(readPyproject('[project]\nrequires-python = ">=3.11"\n', 'p').python, '>=3.11');
    assert.equal(readPyproject('[tool.poetry.dependencies]\npython = "^3.10"\nfastapi = "*"\n', 'p').python, '^3.10');
    assert.deepEqual(readPyproject('[tool.poetry.dependencies]\npython = "^3.10"\nfastapi = "*"\n', 'p').requirements.map((r) => r.name), ['fastapi']);
    assert.equal(readPipfile('[requires]\npython_version = "3.12"\n', 'Pipfile').python, '3.12');
  });

  it('turns broken TOML into a warning with the line, not an exception', () => {
    const manifest = readPyproject('[project]\ndependencies = [\n  "a",\n  b\n]\n', 'pyproject.toml');
    assert.deepEqual([manifest.warning?.code, manifest.warning?.line, manifest.requirements], ['toml-invalid', 4, []]);
  });
});

describe('entry points: whether the project itself is installed', () => {
  const build = '[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n';
  it('names the table of a package that declares console scripts or plugins, with its line', () => {
    assert.deepEqual(readPyproject(`[project]\nname = "a"\n\n[project.scripts]\na = "a.cli:main"\n${build}`, 'p').entryPoints,
      { table: '[project.scripts]', line: 4 });
    assert.deepEqual(readPyproject(`[project]\nname = "a"\n\n[project.entry-points."flask.commands"]\nx = "a:x"\n${build}`, 'p').entryPoints,
      { table: '[project.entry-points]', line: 4 });
    assert.deepEqual(readPyproject(`[tool.poetry]\nname = "a"\nscripts = { a = "a:main" }\n${build}`, 'p').entryPoints,
      { table: '[tool.poetry.scripts]', line: 1 });
  });
  it('nothing to install without a package: no [build-system], Poetry package-mode off, uv package off, no entry points', () => {
    assert.equal(readPyproject('[project]\nname = "a"\n[project.scripts]\na = "a:main"\n', 'p').entryPoints, null);
    assert.equal(readPyproject(`[tool.poetry]\npackage-mode = false\n[tool.poetry.scripts]\na = "a:main"\n${build}`, 'p').entryPoints, null);
    assert.equal(readPyproject(`[project.scripts]\na = "a:main"\n[tool.uv]\npackage = false\n${build}`, 'p').entryPoints, null);
    assert.equal(readPyproject(`[project]\nname = "a"\n${build}`, 'p').entryPoints, null);
  });
});

describe('Procfile, env files and service hints', () => {
  it('reads server, entry, port and host from a Procfile, and the Celery app', () => {
    const procfile = parseProcfile('release: python manage.py migrate\nweb: gunicorn --workers=3 -b 0.0.0.0:${PORT:-8000} wsgi:app\nworker: celery --app=proj.celery worker\n');
    assert.deepEqual(procfile.web, { server: 'gunicorn', entry: 'wsgi:app', port: 8000, host: '0.0.0.0', line: 2 });
    assert.equal(procfile.celeryApp, 'proj.celery');
    assert.deepEqual(parseProcfile('web: python -m uvicorn main:app --host 0.0.0.0 --port $PORT\n').web,
      { server: 'uvicorn', entry: 'main:app', port: null, host: '0.0.0.0', line: 1 });
  });

  it('reads .env lines with export, quotes and comments', () => {
    assert.deepEqual([...parseEnvFile('# x\nexport A=1\nB="two words"\nC=3 # note\nnot a line\n')], [['A', '1'], ['B', 'two words'], ['C', '3']]);
  });

  it('knows service URLs and images', () => {
    assert.deepEqual(servicesInText('DB=postgresql+asyncpg://u@h/db CACHE=rediss://x MONGO=mongodb+srv://y'), ['postgres', 'redis', 'mongodb']);
    assert.deepEqual(['postgres:16-alpine', 'bitnami/redis:7', 'docker.io/library/mongo:7', 'mariadb', 'nginx'].map(serviceOfImage),
      ['postgres', 'redis', 'mongodb', 'mysql', null]);
  });
});

describe('relative paths', () => {
  it('resolves .. and relates paths both ways', () => {
    assert.equal(normalize('a/b/../c/./d'), 'a/c/d');
    assert.equal(normalize('../x'), null);
    assert.equal(relativeTo('services/api', 'services/common/r.txt'), '../common/r.txt');
    assert.equal(relativeTo('', 'a/b'), 'a/b');
    assert.equal(relativeTo('a', 'a'), '');
  });
});
