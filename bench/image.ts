/**
 * npm run bench:image — the same app (FastAPI + a local C extension) built three ways on the same
 * local base images, side by side:
 *   (a) naive: the workshop's single stage on the full python image, code copied before the install
 *   (b) a single slim stage like `docker init` writes (cache mount, requirements bind-mounted)
 *   (c) Dockwright's generated Dockerfile (multi-stage, venv copied into slim)
 * For each: image size, cold build (--no-cache), rebuild after a one-line code change, whether
 * the dependency layer came from the cache. Ratios are against (a), measured in the same run.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '../src/core/generate';
import { runBuild } from '../src/docker/buildRunner';
import { DockerClient } from '../src/docker/client';

const repo = join(__dirname, '..', '..');
const fixture = join(repo, 'test', 'fixtures', 'containerize', 'fastapi-native');
const dockerPath = process.env.DOCKWRIGHT_DOCKER || 'docker';
const label = 'dockwright.bench';
const runId = `${process.pid}`;

const NAIVE = `FROM python:3.13
WORKDIR /app
ENV PYTHONUNBUFFERED=1
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
EXPOSE 8000
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
`;

const DOCKER_INIT = `ARG PYTHON_VERSION=3.13
FROM python:\${PYTHON_VERSION}-slim as base
ENV PYTHONDONTWRITEBYTECODE=1
ENV PYTHONUNBUFFERED=1
WORKDIR /app
ARG UID=10001
RUN adduser --disabled-password --gecos "" --home "/nonexistent" --shell "/sbin/nologin" --no-create-home --uid "\${UID}" appuser
RUN --mount=type=cache,target=/root/.cache/pip \\
    --mount=type=bind,source=requirements.txt,target=requirements.txt \\
    python -m pip install -r requirements.txt
USER appuser
COPY . .
EXPOSE 8000
CMD uvicorn 'app.main:app' --host=0.0.0.0 --port=8000
`;

interface Variant {
  key: 'a' | 'b' | 'c';
  title: string;
  dockerfile: string;
}

interface Result {
  variant: Variant;
  ok: boolean;
  error?: string;
  sizeMB?: number;
  coldS?: number;
  rebuildS?: number;
  depsCached?: boolean;
  layers?: { createdBy: string; sizeMB: number }[];
  overheadMB?: number;
}

const mb = (bytes: number) => bytes / 1e6;

/** Step ids of `RUN ... pip install` in BuildKit's plain output, and whether each was CACHED. */
function pipStepCached(output: string): boolean {
  const ids = [...output.matchAll(/^#(\d+) \[[^\]]*\] RUN .*pip install/gm)].map((m) => m[1]);
  return ids.length > 0 && ids.every((id) => new RegExp(`^#${id} CACHED$`, 'm').test(output));
}

async function timedBuild(context: string, dockerfile: string, tag: string, noCache: boolean) {
  const started = process.hrtime.bigint();
  const result = await runBuild({ context, dockerfile, tags: [tag], labels: { [label]: runId }, network: 'none', noCache }, { dockerPath });
  return { ...result, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** The line that says why: pip's own ERROR line when there is one, else the last error of the build. */
function failureLine(output: string): string {
  const lines = output.split('\n').map((l) => l.replace(/^#\d+ [\d.]+ /, '').trim());
  const pip = lines.find((l) => /^ERROR: /.test(l) || /gcc' failed/.test(l));
  const last = [...lines].reverse().find((l) => /error|failed/i.test(l));
  return (pip ?? last ?? 'build failed').slice(0, 120);
}

async function measure(engine: DockerClient, variant: Variant): Promise<Result> {
  const context = mkdtempSync(join(tmpdir(), `dockwright-bench-${variant.key}-`));
  try {
    cpSync(fixture, context, { recursive: true });
    const dockerfile = join(context, `${variant.key}.Dockerfile`);
    writeFileSync(dockerfile, variant.dockerfile);
    if (variant.key === 'c') writeFileSync(join(context, '.dockerignore'), generate(facts()).files[1].content);
    const tag = `dockwright-bench/${variant.key}:${runId}`;
    const cold = await timedBuild(context, dockerfile, tag, true);
    if (cold.exitCode !== 0) return { variant, ok: false, error: failureLine(cold.output), coldS: cold.seconds };
    const main = join(context, 'app', 'main.py');
    writeFileSync(main, `${readFileSync(main, 'utf8')}\nVERSION = "${Date.now()}"\n`);
    const rebuild = await timedBuild(context, dockerfile, tag, false);
    const image = await engine.docker.getImage(tag).inspect();
    const history = (await engine.docker.getImage(tag).history()) as { CreatedBy: string; Size: number }[];
    const result: Result = {
      variant, ok: rebuild.exitCode === 0, sizeMB: mb(image.Size), coldS: cold.seconds, rebuildS: rebuild.seconds,
      depsCached: pipStepCached(rebuild.output),
      layers: history.filter((h) => h.Size > 0).map((h) => ({ createdBy: h.CreatedBy.replace(/^\/bin\/sh -c (#\(nop\) )?/, '').slice(0, 70), sizeMB: mb(h.Size) })),
    };
    if (variant.key === 'c') {
      // What the image adds beyond the slim base, the installed packages and the app's code.
      const base = await engine.docker.getImage('python:3.13-slim').inspect();
      const payload = history.filter((h) => /COPY (\/opt\/venv|\. \.)/.test(h.CreatedBy)).reduce((n, h) => n + h.Size, 0);
      result.overheadMB = mb(image.Size - base.Size - payload);
    }
    return result;
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}

function facts() {
  return {
    root: '.', framework: 'fastapi' as const, module: 'app.main', variable: 'app', factory: false, entry: 'app.main:app',
    sourceRoot: null, server: 'uvicorn' as const, port: 8000, pythonVersion: '3.13', packageManager: 'pip' as const,
    dependencyFiles: ['requirements.txt'], dependencies: ['fastapi', 'uvicorn'], services: [], workers: [],
    localDependencies: ['vendor/fastmath'],
  };
}

const fmt = (n: number | undefined, digits = 1) => (n === undefined ? '-' : n.toFixed(digits));
const ratio = (n: number | undefined, base: number | undefined) => (n === undefined || !base ? '-' : `${(n / base).toFixed(2)}x`);

async function main() {
  const engine = new DockerClient(30_000);
  await engine.ping();
  const variants: Variant[] = [
    { key: 'a', title: 'naive: full python, COPY . . then pip', dockerfile: NAIVE },
    { key: 'b', title: 'docker init style: one slim stage', dockerfile: DOCKER_INIT },
    { key: 'c', title: 'Dockwright: builder venv -> slim', dockerfile: generate(facts()).files[0].content },
  ];
  const results: Result[] = [];
  try {
    for (const v of variants) {
      process.stderr.write(`building (${v.key}) ${v.title}...\n`);
      results.push(await measure(engine, v));
    }
  } finally {
    const images = await engine.docker.listImages({ filters: JSON.stringify({ label: [`${label}=${runId}`] }) });
    for (const image of images) await engine.docker.getImage(image.Id).remove({ force: true }).catch(() => undefined);
  }
  const a = results[0];
  console.log('\nImage bench: FastAPI + a local C extension (vendor/fastmath), same local base images, --network none\n');
  console.log(`${'variant'.padEnd(44)} ${'size MB'.padStart(8)} ${'vs a'.padStart(6)} ${'cold s'.padStart(7)} ${'vs a'.padStart(6)} ${'rebuild s'.padStart(9)} ${'vs a'.padStart(6)} ${'rebuild/cold'.padStart(12)}  deps layer on rebuild`);
  for (const r of results) {
    const name = `(${r.variant.key}) ${r.variant.title}`.padEnd(44);
    if (!r.ok) {
      console.log(`${name} build fails after ${fmt(r.coldS)} s: ${r.error}`);
      continue;
    }
    console.log(`${name} ${fmt(r.sizeMB).padStart(8)} ${ratio(r.sizeMB, a.sizeMB).padStart(6)} ${fmt(r.coldS, 2).padStart(7)} ${ratio(r.coldS, a.coldS).padStart(6)} ${fmt(r.rebuildS, 2).padStart(9)} ${ratio(r.rebuildS, a.rebuildS).padStart(6)} ${ratio(r.rebuildS, r.coldS).padStart(12)}  ${r.depsCached ? 'cached' : 'ran again'}`);
  }
  const c = results[2];
  if (c.ok) {
    console.log(`\n(c) overhead above python:3.13-slim + the venv layer + the code layer: ${fmt(c.overheadMB, 2)} MB`);
    console.log('(c) layers with content:');
    for (const l of c.layers ?? []) console.log(`    ${fmt(l.sizeMB, 2).padStart(8)} MB  ${l.createdBy}`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
