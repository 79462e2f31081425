// The Python cases of issue 4, each as a tiny in-memory project: how an app is built and named,
// factories and their callers, main-guard server starts, what is not an app.
import * as assert from 'node:assert/strict';
import type { DetectResult } from '../../../src/core/detect/types';
import { detect } from '../../../src/core/detect/detect';
import { detectMemory, loadGrammar, memoryView, type MemoryTree } from './support';

const REQUIREMENTS = { 'requirements.txt': 'fastapi\nuvicorn\nflask\ngunicorn\n' };
const entries = (r: DetectResult) => r.apps.map((a) => `${a.framework} ${a.entry}`);

describe('detection reads Python for real', () => {
  const constructions: [string, string, string][] = [
    ['app = FastAPI()', 'from fastapi import FastAPI\napp = FastAPI()\n', 'fastapi main:app'],
    ['an annotated assignment', 'from fastapi import FastAPI\napp: FastAPI = FastAPI(title="x")\n', 'fastapi main:app'],
    ['the module imported', 'import fastapi\napi = fastapi.FastAPI()\n', 'fastapi main:api'],
    ['an alias, any name', 'from fastapi import FastAPI as API\napplication = API()\n', 'fastapi main:application'],
    ['Flask(__name__)', 'from flask import Flask\nserver = Flask(__name__)\n', 'flask main:server'],
    ['a module alias', 'import flask as fl\nweb = fl.Flask(__name__)\n', 'flask main:web'],
    ['inside try/if at module level', 'try:\n    from fastapi import FastAPI\nexcept ImportError:\n    raise\nif True:\n    app = FastAPI()\n', 'fastapi main:app'],
  ];
  for (const [what, source, expected] of constructions) {
    it(`finds ${what}`, async () => {
      assert.deepEqual(entries(await detectMemory({ ...REQUIREMENTS, 'main.py': source })), [expected]);
    });
  }

  it('is not fooled by comments, strings or look-alike names', async () => {
    const r = await detectMemory({
      ...REQUIREMENTS,
      'notes.py': '# app = FastAPI()  (fastapi)\ndoc = "app = Flask(__name__)"\n',
      'local.py': '# fastapi lookalike\nclass FastAPI:\n    pass\napp = FastAPI()\n',
    });
    assert.deepEqual(r.apps, []);
  });

  it('does not take an APIRouter or a Blueprint for an app', async () => {
    const r = await detectMemory({
      ...REQUIREMENTS,
      'routes.py': 'from fastapi import APIRouter\nrouter = APIRouter()\n',
      'views.py': 'from flask import Blueprint\nbp = Blueprint("v", __name__)\n',
    });
    assert.deepEqual(r.apps, []);
  });

  it('reports a factory nobody calls as pkg:factory()', async () => {
    const r = await detectMemory({
      ...REQUIREMENTS, 'pkg/__init__.py': '',
      'pkg/app.py': 'from flask import Flask\n\ndef make_app(config=None):\n    app = Flask(__name__)\n    return app\n',
    });
    assert.deepEqual(entries(r), ['flask pkg.app:make_app()']);
    assert.equal(r.apps[0].factory, true);
  });

  it('takes the module that calls a factory as the app, through re-exports and module imports', async () => {
    const r = await detectMemory({
      ...REQUIREMENTS,
      'pkg/__init__.py': 'from .factory import build\n',
      'pkg/factory.py': 'import fastapi\n\ndef build():\n    return fastapi.FastAPI()\n',
      'asgi.py': 'from pkg import build\n\nasgi_app = build()\n',
      'other.py': 'import pkg.factory\n\nsecond = pkg.factory.build()\n',
    });
    assert.deepEqual(entries(r), ['fastapi asgi:asgi_app'], 'one factory is one app, served from asgi.py');
  });

  it('reads port and host from the main guard: keywords, positionals, constants, env lookups', async () => {
    const cases: [string, number, string, string | null][] = [
      ['from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run("0.0.0.0", 8080)\n', 8080, 'source', '0.0.0.0'],
      ['import uvicorn\nfrom fastapi import FastAPI\napp = FastAPI()\nPORT = 8123\nif __name__ == "__main__":\n    uvicorn.run(app, port=PORT)\n', 8123, 'source', null],
      ['import os, uvicorn\nfrom fastapi import FastAPI\napp = FastAPI()\nif "__main__" == __name__:\n    uvicorn.run(app, port=int(os.environ.get("APP_PORT", 7001)))\n', 7001, 'source', null],
      ['import os, uvicorn\nfrom fastapi import FastAPI\napp = FastAPI()\nif __name__ == "__main__":\n    uvicorn.run(app, port=int(os.environ["PORT"]))\n', 8000, 'default', null],
    ];
    for (const [source, port, portSource, host] of cases) {
      const [app] = (await detectMemory({ ...REQUIREMENTS, 'main.py': source })).apps;
      assert.deepEqual([app.port, app.portSource, app.host], [port, portSource, host], source);
    }
  });

  it('attaches a runner script\'s uvicorn.run("pkg.mod:app") to that app', async () => {
    const r = await detectMemory({
      ...REQUIREMENTS, 'svc/__init__.py': '', 'svc/main.py': 'from fastapi import FastAPI\nweb = FastAPI()\n',
      'serve.py': 'import uvicorn\nif __name__ == "__main__":\n    uvicorn.run("svc.main:web", host="127.0.0.1", port=9001)\n',
    });
    const [app] = r.apps;
    assert.deepEqual([app.entry, app.port, app.host], ['svc.main:web', 9001, '127.0.0.1']);
    assert.deepEqual(app.warnings.map((w) => [w.code, w.file, w.line]), [['host-loopback', 'serve.py', 3]]);
    assert.deepEqual(r.scripts, [], 'a runner of an app is not a plain script');
  });

  it('reports other frameworks as unsupported, with a message', async () => {
    const r = await detectMemory({
      'requirements.txt': 'starlette\n', 'app.py': 'from starlette.applications import Starlette\napp = Starlette()\n',
    });
    assert.deepEqual(r.unsupported.map((u) => [u.framework, u.root]), [['starlette', '.']]);
    assert.match(r.unsupported[0].message, /FastAPI and Flask/);
  });

  it('finds a Celery app and names its module for `celery -A`', async () => {
    const r = await detectMemory({
      'requirements.txt': 'fastapi\nuvicorn\ncelery[redis]\n', 'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
      'jobs/__init__.py': '', 'jobs/queue.py': 'from celery import Celery\nq = Celery("jobs")\n',
    });
    assert.deepEqual(r.apps[0].workers.map((w) => [w.kind, w.module, w.variable]), [['celery', 'jobs.queue', 'q']]);
    assert.deepEqual(r.apps[0].services, ['redis']);
  });

  it('warns when Celery is declared but no module creates its app', async () => {
    const r = await detectMemory({ 'requirements.txt': 'flask\ngunicorn\ncelery\n', 'app.py': 'from flask import Flask\napp = Flask(__name__)\n' });
    assert.deepEqual(r.apps[0].workers.map((w) => [w.kind, w.module, w.variable]), [['celery', null, null]]);
    assert.ok(r.apps[0].warnings.some((w) => w.code === 'celery-app-not-found'));
  });

  it('does not report an app built only under the main guard, and lists the script', async () => {
    const r = await detectMemory({
      ...REQUIREMENTS, 'dev.py': 'from flask import Flask\nif __name__ == "__main__":\n    app = Flask(__name__)\n    app.run()\n',
    });
    assert.deepEqual([r.apps, r.scripts], [[], ['dev.py']]);
  });
});

describe('detection leaves tests alone', () => {
  it('does not take apps built in test modules for the app', async () => {
    const r = await detectMemory({
      ...REQUIREMENTS, 'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
      'tests/test_routes.py': 'from fastapi import FastAPI\ntest_app = FastAPI()\n',
      'pkg/test_api.py': 'from fastapi import FastAPI\nother = FastAPI()\nif __name__ == "__main__":\n    pass\n',
      'conftest.py': 'from fastapi import FastAPI\nfixture_app = FastAPI()\n',
    });
    assert.deepEqual([entries(r), r.scripts], [['fastapi main:app'], []]);
  });
});

describe('detection and other frameworks in an app\'s project', () => {
  it('does not call a FastAPI project unsupported for a Starlette sub-app it mounts', async () => {
    const r = await detectMemory({
      ...REQUIREMENTS,
      'main.py': 'from fastapi import FastAPI\nfrom legacy import old\napp = FastAPI()\napp.mount("/old", old)\n',
      'legacy.py': 'from starlette.applications import Starlette\nold = Starlette()\n',
    });
    assert.deepEqual([entries(r), r.unsupported], [['fastapi main:app'], []]);
  });

  describe('the Python version from a GitHub workflow', () => {
    const app = { 'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n', 'requirements.txt': 'fastapi\nuvicorn\n' };
    const detectListing = async (tree: MemoryTree) => {
      const listed: string[] = [];
      const result = await detect(memoryView(tree, listed), { root: '/memory', loadGrammar });
      return { app: result.apps[0], listed };
    };

    it('reads python-version from .github/workflows, with the file and line', async () => {
      const { app: found } = await detectListing({ ...app, '.github/workflows/ci.yml': 'jobs:\n  test:\n    steps:\n      - uses: actions/setup-python@v5\n        with:\n          python-version: "3.12"\n' });
      assert.equal(found.pythonVersion, '3.12');
      assert.deepEqual(found.pythonVersionSource, { file: '.github/workflows/ci.yml', line: 6, kind: 'ci' });
    });

    it('lists only folders that are there (listing a missing one is an error in VS Code\'s log)', async () => {
      const none = await detectListing(app);
      assert.equal(none.app.pythonVersion, null);
      assert.ok(!none.listed.some((p) => p.startsWith('.github')), none.listed.join(', '));
      const noWorkflows = await detectListing({ ...app, '.github/ISSUE_TEMPLATE/bug.md': '# bug\n' });
      assert.deepEqual(noWorkflows.listed.filter((p) => p.startsWith('.github')), ['.github']);
    });
  });
});
