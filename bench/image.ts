/**
 * npm run bench:image — the same app (FastAPI + a local C extension) built three ways on the same
 * local base images, side by side:
 *   (a) naive: the workshop's single stage on the full python image, code copied before the install
 *   (b) a single slim stage like `docker init` writes (cache mount, requirements bind-mounted)
 *   (c) Dockwright's generated Dockerfile (multi-stage, venv copied into slim)
 * For each: image size, cold build (--no-cache), rebuild after a one-line code change, whether
 * the dependency layer came from the cache. Ratios are against (a), measured in the same run.
 *
 * (c)'s overhead is everything in its final image that is not the slim base, the app's own installed
 * distributions or its code, measured inside the image by OVERHEAD_SCRIPT (apparent file sizes):
 *   - under /opt/venv, every file no app distribution owns: pip, setuptools, wheel, any package
 *     manager and what only they need, stray files (the app's distributions are those the venv's
 *     top-level distributions need, following their requirements, the installers excepted);
 *   - apt lists and caches (/var/lib/apt/lists, /var/cache/apt, /root/.cache, /tmp, /var/tmp) and
 *     package managers outside the venv (/opt/tools, uv/poetry/pipenv/pdm distributions), less what
 *     the slim base already holds there (the script runs on the base image too).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '../src/core/generate';
import { runBuild } from '../src/docker/buildRunner';
import { DockerClient } from '../src/docker/client';
import { demultiplex } from '../src/docker/logDemux';

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
  overhead?: { venv: number; tools: string[]; outside: Record<string, number> };
}

/**
 * Run inside an image with its own python: bytes under /opt/venv that no app distribution owns
 * (and which distributions those are), and bytes in the places where installers and caches live.
 */
const OVERHEAD_SCRIPT = String.raw`
import json, os, re, sys, sysconfig
from importlib import metadata
INSTALLERS = {"pip", "setuptools", "wheel", "uv", "poetry", "poetry-core", "poetry-plugin-export", "pipenv", "pdm", "pdm-backend", "virtualenv", "pipx", "build"}
norm = lambda n: re.sub(r"[-_.]+", "-", n).lower()
def size(path):
    if os.path.islink(path) or os.path.isfile(path): return os.lstat(path).st_size
    return sum(os.lstat(os.path.join(d, f)).st_size for d, _, fs in os.walk(path) for f in fs)
def dists(paths):
    return {norm(d.metadata["Name"]): d for d in metadata.distributions(path=paths)}
out = {"venv": 0, "venvTools": [], "outside": {}}
site = [p for p in __import__("glob").glob("/opt/venv/lib/python*/site-packages")]
if site:
    venv = dists(site)
    needs = {n: {norm(re.split(r"[^A-Za-z0-9._-]", r.strip(), 1)[0]) for r in (d.requires or [])} for n, d in venv.items()}
    needed = set().union(*needs.values()) if needs else set()
    todo = [n for n in venv if n not in INSTALLERS and n not in needed]
    app = set()
    while todo:
        n = todo.pop()
        if n in app or n not in venv: continue
        app.add(n); todo.extend(needs[n])
    owned = {os.path.realpath(venv[n].locate_file(f)) for n in app for f in (venv[n].files or [])}
    for d, _, fs in os.walk("/opt/venv"):
        for f in fs:
            p = os.path.join(d, f)
            if os.path.realpath(p) not in owned and not os.path.islink(p): out["venv"] += os.lstat(p).st_size
    out["venvTools"] = sorted(set(venv) - app)
for p in ["/var/lib/apt/lists", "/var/cache/apt", "/root/.cache", "/tmp", "/var/tmp", "/opt/tools"]:
    out["outside"][p] = size(p) if os.path.exists(p) else 0
system = dists([p for p in sys.path if p and not p.startswith("/opt/venv")])
for n in ["uv", "poetry", "pipenv", "pdm"]:
    out["outside"][n] = sum(size(str(system[n].locate_file(f))) for f in (system[n].files or [])) if n in system else 0
print(json.dumps(out))
`;

interface Overhead {
  venv: number;
  venvTools: string[];
  outside: Record<string, number>;
}

async function overhead(engine: DockerClient, image: string): Promise<Overhead> {
  const container = await engine.docker.createContainer({
    Image: image, User: 'root', Entrypoint: ['python3', '-c', OVERHEAD_SCRIPT], Cmd: [], Labels: { [label]: runId }, NetworkDisabled: true,
  });
  try {
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    const output = demultiplex(await container.logs({ stdout: true, stderr: true, follow: false }));
    if (StatusCode !== 0) throw new Error(`measuring ${image} failed: ${output}`);
    return JSON.parse(output) as Overhead;
  } finally {
    await container.remove({ force: true });
  }
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
      const [final, base] = await Promise.all([overhead(engine, tag), overhead(engine, 'python:3.13-slim')]);
      result.overhead = { venv: final.venv, tools: final.venvTools, outside: Object.fromEntries(Object.entries(final.outside)
        .map(([path, bytes]) => [path, Math.max(0, bytes - (base.outside[path] ?? 0))])) };
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
  if (c.ok && c.overhead) {
    const { venv, tools, outside } = c.overhead;
    const total = venv + Object.values(outside).reduce((n, b) => n + b, 0);
    const parts = [`venv outside the app's distributions ${fmt(mb(venv), 2)}${tools.length ? ` (${tools.join(', ')})` : ''}`,
      ...Object.entries(outside).filter(([, b]) => b > 0).map(([path, b]) => `${path} ${fmt(mb(b), 2)}`)];
    console.log(`\n(c) overhead (not the slim base, the app's distributions or its code): ${fmt(mb(total), 2)} MB: ${parts.join(', ')} (goal <= 1 MB)`);
    console.log(`(c) rebuild after a code-only change: ${ratio(c.rebuildS, c.coldS)} of the cold build (goal <= 0.10x)`);
    console.log('(c) layers with content:');
    for (const l of c.layers ?? []) console.log(`    ${fmt(l.sizeMB, 2).padStart(8)} MB  ${l.createdBy}`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
