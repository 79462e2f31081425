/**
 * npm run bench:explain — what the editor computes for a Dockerfile on every change: the lenses,
 * the diagnostics (lint) and hovers, on a 500-line multi-stage Dockerfile. Prints p50/p95 of
 * the whole (parse + analysis + lenses + 20 hovers + lint) and of each part, against the cost of
 * parsing alone with dockerfile-ast, measured in the same run. Goal (issue 6): p95 ≤ 10 ms.
 */
import { performance } from 'node:perf_hooks';
import { DockerfileParser } from 'dockerfile-ast';
import { analyze, hoverIn, lensesIn, lintDockerfile, parseDockerfile, type Position } from '../src/core/explain';
import type { AppFacts } from '../src/core/detect/types';

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
  server: 'uvicorn', port: 8000, portSource: 'source', host: null, pythonVersion: '3.13', packageManager: 'pip',
  dependencyFiles: ['requirements.txt'], dependencies: ['fastapi', 'uvicorn'], localDependencies: [], frontendFolders: [], services: [],
  worker: null, warnings: [], file: 'app/main.py', line: 3,
  env: [], release: null, pythonVersionSource: null, pythonVersionLimit: null, systemPackages: { build: [], runtime: [] },
};
const context = { app, buildContext: { dockerignore: '.env\n.git\n', files: ['.env', '.git', 'app', 'requirements.txt'] } };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function measure(run: () => void): { p50: number; p95: number } {
  for (let i = 0; i < WARMUP; i++) run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

const text = dockerfile();
const model = parseDockerfile(text);
// 20 hover positions spread over the file: keywords, flags, command words.
const positions: Position[] = model.instructions.filter((_, i) => i % Math.ceil(model.instructions.length / 20) === 0)
  .map((node, i) => (i % 2 && node.words[0] ? node.words[0].range.start : node.keywordRange.start));

const results = {
  'parse only: dockerfile-ast (baseline)': measure(() => DockerfileParser.parse(text)),
  'parse + model (stages, words, flags)': measure(() => parseDockerfile(text)),
  'lenses (parse + analysis + lenses)': measure(() => lensesIn(analyze(parseDockerfile(text), context))),
  'lint (parse + all rules)': measure(() => lintDockerfile(parseDockerfile(text), context)),
  '20 hovers (parse + analysis + 20 hovers)': measure(() => {
    const a = analyze(parseDockerfile(text), context);
    for (const p of positions) hoverIn(a, p);
  }),
  'all (parse + analysis + lenses + 20 hovers + lint)': measure(() => {
    const m = parseDockerfile(text);
    const a = analyze(m, context);
    lensesIn(a);
    for (const p of positions) hoverIn(a, p);
    lintDockerfile(m, context);
  }),
};

const base = results['parse only: dockerfile-ast (baseline)'];
const lint = lintDockerfile(model, context);
console.log(`\nExplain bench: ${text.split('\n').length - 1} lines, ${model.instructions.length} instructions, ${model.stages.length} stages, `
  + `${lint.length} findings; ${RUNS} runs after ${WARMUP} warm-up runs\n`);
console.log(`${'what'.padEnd(52)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p50 vs parse'.padStart(13)}`);
for (const [name, r] of Object.entries(results)) {
  console.log(`${name.padEnd(52)} ${r.p50.toFixed(2).padStart(8)} ${r.p95.toFixed(2).padStart(8)} ${`${(r.p50 / base.p50).toFixed(2)}x`.padStart(13)}`);
}
const all = results['all (parse + analysis + lenses + 20 hovers + lint)'];
console.log(`\ngoal p95 ≤ 10 ms: ${all.p95 <= 10 ? 'met' : 'NOT met'} (${all.p95.toFixed(2)} ms)`);
