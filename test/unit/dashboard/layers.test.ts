import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareBuildError, compareTag, compareVariants, naiveDockerfile } from '../../../src/core/dashboard/compareBuilds';
import { historyKeyword, layerInstructions, layerTotals, mapLayers, shortCreatedBy } from '../../../src/core/dashboard/layers';
import { baseImageOf, finalStage, parseDockerfile } from '../../../src/core/dockerfile';
import { DEFAULT_OPTIONS, type AppFacts } from '../../../src/core/generate';

const MULTI = `ARG PYTHON_VERSION=3.13
FROM python:\${PYTHON_VERSION} AS builder
WORKDIR /app
RUN python -m venv /opt/venv
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
FROM python:\${PYTHON_VERSION}-slim AS runtime
LABEL org.opencontainers.image.title="x"
ENV PYTHONUNBUFFERED=1 \\
    PATH="/opt/venv/bin:$PATH"
RUN groupadd --system --gid 10001 app \\
    && useradd --system --uid 10001 --gid app --no-create-home app
WORKDIR /app
COPY --from=builder /opt/venv /opt/venv
COPY --chown=app:app . .
USER app
EXPOSE 8000
HEALTHCHECK --interval=10s CMD ["python","-c","1"]
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0"]
`;

// What Docker 20.10 with BuildKit recorded for MULTI (docker history --no-trunc), newest first.
const BUILDKIT_HISTORY = [
  ['CMD ["uvicorn" "app.main:app" "--host" "0.0.0.0"]', 0],
  ['HEALTHCHECK &{["CMD" "python" "-c" "1"] "10s" "0s" "0s" \'\\x00\'}', 0],
  ['EXPOSE map[8000/tcp:{}]', 0],
  ['USER app', 0],
  ['COPY . . # buildkit', 1810],
  ['COPY /opt/venv /opt/venv # buildkit', 21_600_000],
  ['WORKDIR /app', 0],
  ['RUN /bin/sh -c groupadd --system --gid 10001 app     && useradd --system --uid 10001 --gid app --no-create-home app # buildkit', 4300],
  ['ENV PYTHONUNBUFFERED=1 PATH=/opt/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 0],
  ['LABEL org.opencontainers.image.title=x', 0],
  ['', 229_000_000],
].map(([createdBy, size]) => ({ createdBy: createdBy as string, size: size as number }));

const APP: AppFacts = {
  root: 'api', framework: 'fastapi', module: 'app.main', variable: 'app', factory: false, entry: 'app.main:app', sourceRoot: null,
  server: 'uvicorn', port: 8000, pythonVersion: '3.12', packageManager: 'pip', dependencyFiles: ['requirements.txt'],
  dependencies: ['fastapi', 'uvicorn'], services: [], workers: [],
} as AppFacts;

describe('dashboard layers', () => {
  it('reads the instruction of BuildKit and classic-builder history entries', () => {
    assert.equal(historyKeyword('RUN /bin/sh -c pip install x # buildkit'), 'RUN');
    assert.equal(historyKeyword('|1 PYTHON_VERSION=3.13 /bin/sh -c pip install x'), 'RUN');
    assert.equal(historyKeyword('/bin/sh -c pip install x'), 'RUN');
    assert.equal(historyKeyword('/bin/sh -c #(nop)  CMD ["python3"]'), 'CMD');
    assert.equal(historyKeyword('/bin/sh -c #(nop) COPY dir:abc in /app '), 'COPY');
    assert.equal(historyKeyword(''), undefined);
    assert.equal(historyKeyword('Imported from -'), undefined);
    assert.equal(shortCreatedBy('RUN /bin/sh -c pip   install x # buildkit'), 'RUN pip install x');
  });

  it('finds the final stage and resolves the base image from ARG defaults', () => {
    const model = parseDockerfile(MULTI);
    assert.equal(baseImageOf(model, finalStage(model))?.resolved, 'python:3.13-slim');
    assert.deepEqual(layerInstructions(model).slice(0, 3).map((i) => [i.keyword, i.line]), [['LABEL', 8], ['ENV', 9], ['RUN', 11]]);
  });

  it('maps each layer of a multi-stage image to the line of the final stage that made it', () => {
    const rows = mapLayers(BUILDKIT_HISTORY, parseDockerfile(MULTI), 1);
    assert.deepEqual(rows.map((r) => [r.instruction, r.origin, r.line]), [
      ['CMD', 'dockerfile', 19], ['HEALTHCHECK', 'dockerfile', 18], ['EXPOSE', 'dockerfile', 17], ['USER', 'dockerfile', 16],
      ['COPY', 'dockerfile', 15], ['COPY', 'dockerfile', 14], ['WORKDIR', 'dockerfile', 13], ['RUN', 'dockerfile', 11],
      ['ENV', 'dockerfile', 9], ['LABEL', 'dockerfile', 8], ['FROM', 'base', undefined],
    ]);
    assert.equal(rows[5].source, 'COPY --from=builder /opt/venv /opt/venv');
    assert.match(rows[10].createdBy, /python:3\.13-slim/);
    assert.deepEqual(layerTotals(rows), { base: 229_000_000, dockerfile: 21_606_110 });
  });

  it('without the base image\'s length, base entries that look like instructions still fall to the base once the stage is used up', () => {
    const history = [...BUILDKIT_HISTORY.slice(0, -1), { createdBy: '/bin/sh -c #(nop)  CMD ["python3"]', size: 0 }, { createdBy: '/bin/sh -c apt-get update', size: 5 }];
    const rows = mapLayers(history, parseDockerfile(MULTI));
    assert.deepEqual(rows.slice(-2).map((r) => r.origin), ['base', 'base']);
  });

  it('without a Dockerfile every layer is the base\'s (nothing is guessed)', () => {
    assert.ok(mapLayers(BUILDKIT_HISTORY).every((r) => r.origin === 'base' && r.line === undefined));
  });
});

describe('compare builds', () => {
  it('describes naive (full image, code before the install), single slim and multi-stage', () => {
    const [naive, single, multi] = compareVariants(APP, DEFAULT_OPTIONS);
    assert.deepEqual([naive.key, single.key, multi.key], ['naive', 'single', 'multi']);
    assert.match(naive.dockerfile, /^FROM python:3\.12\n/);
    assert.ok(naive.dockerfile.indexOf('COPY . .') < naive.dockerfile.indexOf('pip install'));
    assert.match(naive.dockerfile, /CMD \["uvicorn", "app\.main:app", "--host", "0\.0\.0\.0", "--port", "8000"\]/);
    assert.match(single.dockerfile, /FROM python:\$\{PYTHON_VERSION\}-slim\n/);
    assert.doesNotMatch(single.dockerfile, /AS builder/);
    assert.match(multi.dockerfile, /AS builder/);
    assert.ok(single.dockerignore && multi.dockerignore && !naive.dockerignore);
    assert.equal(compareTag('api', 'multi'), 'dockwright-compare/api:multi');
    assert.equal(compareTag('My App!', 'naive'), 'dockwright-compare/my-app-:naive');
  });

  it('the naive variant activates a venv for managers that expect one', () => {
    assert.match(naiveDockerfile({ ...APP, packageManager: 'uv', dependencyFiles: ['pyproject.toml', 'uv.lock'] }, DEFAULT_OPTIONS), /ENV PATH="\/opt\/venv\/bin:\$PATH"/);
  });

  it('says why a variant failed as Build & Run does: the failing step, the lines that matter, the hint', () => {
    const output = readFileSync(join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'build-output', 'compiler-missing', 'output.txt'), 'utf8');
    const error = compareBuildError(output);
    assert.match(error, /^At \[4\/4\] RUN pip install --no-cache-dir \.\/vendor\/fastmath:\n/);
    assert.ok(error.includes('ERROR: Failed building wheel for fastmath'));
    assert.match(error, /\nHint: .*compiler/);
  });
});
