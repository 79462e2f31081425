/**
 * npm run bench:explain — what the editor computes for a Dockerfile, on a 500-line multi-stage
 * Dockerfile, as ratios to a bare dockerfile-ast parse of the same text measured in the same run:
 *  (a) every feature of a new document version: parse, analysis, lenses, 20 hovers and lint, all
 *      reading one model; goal ≤ 1.3× the bare parse;
 *  (b) a hover on an unchanged document, whose model and analysis the editor keeps (explainService
 *      caches them per URI and version): goal ≤ 0.1× the bare parse.
 * The workloads run interleaved, round after round, so a busy machine slows them alike. After the
 * rounds, the bench checks that (a) computed what the editor's entry points compute for the same text.
 */
import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { DockerfileParser } from 'dockerfile-ast';
import {
  analyze, dockerfileHover, dockerfileLenses, hoverIn, lensesIn, lintDockerfile, lintIn, parseDockerfile, type Finding, type Hover, type Lens, type Position,
} from '../src/core/explain';
import type { AppFacts } from '../src/core/detect/types';
import { percentile } from './stats';

const LINES = 500;
const WARMUP = 30;
const RUNS = 300;

/** A realistic, long Dockerfile: a builder with system packages and many installs, a runtime stage. */
function dockerfile(): string {
  const head = [
    '# syntax=docker/dockerfile:1', 'ARG PYTHON_VERSION=3.13', '', 'FROM python:${PYTHON_VERSION} AS builder', 'WORKDIR /app',
    'RUN apt-get update \\', '    && apt-get install -y --no-install-recommends gcc libpq-dev \\', '    && rm -rf /var/lib/apt/lists/*',
    'RUN python -m venv /opt/venv', 'ENV PATH="/opt/venv/bin:$PATH"', 'COPY requirements.txt ./',
  ];
  const block = (i: number) => [
    `# step ${i}: one more dependency group`, `COPY requirements-${i}.txt ./`,
    `RUN pip install --no-cache-dir -r requirements-${i}.txt \\`, `    && python -c "import sys; print(sys.version)"`,
    `ENV FEATURE_${i}=on \\`, `    LEVEL_${i}=${i}`, '',
  ];
  const tail = [
    'FROM python:${PYTHON_VERSION}-slim AS runtime', 'LABEL org.opencontainers.image.title="bench"',
    'ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 PATH="/opt/venv/bin:$PATH"',
    'RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home app', 'WORKDIR /app',
    'COPY --from=builder /opt/venv /opt/venv', 'COPY --chown=app:app . .', 'USER app', 'EXPOSE 8000',
    'HEALTHCHECK --interval=10s --timeout=5s CMD ["python", "-c", "import urllib.request; urllib.request.urlopen(\'http://127.0.0.1:8000/\')"]',
    'CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]',
  ];
  const lines = [...head];
  for (let i = 0; lines.length + tail.length < LINES; i++) lines.push(...block(i));
  return `${[...lines.slice(0, LINES - tail.length), ...tail].join('\n')}\n`;
}

const app: AppFacts = {
  root: '.', framework: 'fastapi', module: 'app.main', variable: 'app', factory: false, entry: 'app.main:app', sourceRoot: null,
  server: 'uvicorn', port: 8000, portSource: 'source', host: null, pythonVersion: '3.13', packageManager: 'pip', workspace: null,
  dependencyFiles: ['requirements.txt'], dependencies: ['fastapi', 'uvicorn'], localDependencies: [], frontendFolders: [], services: [],
  workers: [], entrySource: { via: 'source', file: 'app/main.py', line: 3 }, writablePaths: [], buildSteps: [],
  warnings: [], file: 'app/main.py', line: 3,
  env: [], release: null, pythonVersionSource: null, pythonVersionLimit: null, systemPackages: { build: [], runtime: [] },
};
const context = { app, buildContext: { dockerignore: '.env\n.git\n', files: ['.env', '.git', 'app', 'requirements.txt'] } };

interface Figures {
  p50: number;
  p95: number;
}

/** Times each workload once per round, in turn; `per` divides a workload's time (20 hovers → one). */
function measure(workloads: Record<string, { run: () => void; per?: number }>): Record<string, Figures> {
  const entries = Object.entries(workloads);
  const times = new Map(entries.map(([name]) => [name, [] as number[]]));
  for (let round = 0; round < WARMUP + RUNS; round++) {
    for (const [name, { run, per = 1 }] of entries) {
      const start = performance.now();
      run();
      if (round >= WARMUP) times.get(name)?.push((performance.now() - start) / per);
    }
  }
  return Object.fromEntries(entries.map(([name]) => {
    const runs = times.get(name) ?? [];
    return [name, { p50: percentile(runs, 0.5), p95: percentile(runs, 0.95) }];
  }));
}

const text = dockerfile();
const model = parseDockerfile(text);
const cached = analyze(model, context);
// 20 hover positions spread over the file: keywords, flags, command words.
const positions: Position[] = model.instructions.filter((_, i) => i % Math.ceil(model.instructions.length / 20) === 0)
  .map((node, i) => (i % 2 && node.words[0] ? node.words[0].range.start : node.keywordRange.start));

/** What (a) computes in its last round, to check it against the editor's own entry points below. */
const produced: { last?: { lenses: Lens[]; hovers: (Hover | null)[]; findings: Finding[] } } = {};

const BASELINE = 'parse only: dockerfile-ast (baseline)';
const ALL = '(a) all: parse + analysis + lenses + 20 hovers + lint';
const HOVER = '(b) one hover, model cached';
const results = measure({
  [BASELINE]: { run: () => DockerfileParser.parse(text) },
  'parse + model (stages, words, flags)': { run: () => parseDockerfile(text) },
  'parse + analysis': { run: () => analyze(parseDockerfile(text), context) },
  [ALL]: {
    run: () => {
      const a = analyze(parseDockerfile(text), context);
      const lenses = lensesIn(a);
      const hovers = positions.map((p) => hoverIn(a, p));
      produced.last = { lenses, hovers, findings: lintIn(a) };
    },
  },
  'lenses, model cached': { run: () => lensesIn(cached) },
  'lint, model cached': { run: () => lintIn(cached) },
  [HOVER]: { run: () => { for (const p of positions) hoverIn(cached, p); }, per: positions.length },
});

// The measured work is the real work: the same lenses, hovers and findings as the entry points the editor calls.
const fresh = () => parseDockerfile(text);
const { last } = produced;
assert.ok(last, 'workload (a) ran');
assert.equal(last.lenses.length, model.instructions.length, 'a lens on every instruction');
assert.ok(last.hovers.every((h) => h?.markdown), 'a hover at every position');
assert.deepEqual(last.lenses, dockerfileLenses(fresh(), context));
assert.deepEqual(last.hovers, positions.map((p) => dockerfileHover(fresh(), p, context)));
assert.deepEqual(last.findings, lintDockerfile(fresh(), context));

const base = results[BASELINE];
const ratio = (name: string) => results[name].p50 / base.p50;
console.log(`\nExplain bench: ${text.split('\n').length - 1} lines, ${model.instructions.length} instructions, ${model.stages.length} stages, `
  + `${lintIn(cached).length} findings; ${RUNS} rounds after ${WARMUP} warm-up rounds\n`);
console.log(`${'what'.padEnd(56)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p50 vs parse'.padStart(13)}`);
for (const [name, r] of Object.entries(results)) {
  console.log(`${name.padEnd(56)} ${r.p50.toFixed(3).padStart(8)} ${r.p95.toFixed(3).padStart(8)} ${`${ratio(name).toFixed(2)}x`.padStart(13)}`);
}
const goal = (label: string, name: string, limit: number) =>
  console.log(`goal ${label} ≤ ${limit}x the bare parse: ${ratio(name) <= limit ? 'met' : 'NOT met'} (${ratio(name).toFixed(2)}x)`);
console.log('');
goal('(a) all features', ALL, 1.3);
goal('(b) cached hover', HOVER, 0.1);
