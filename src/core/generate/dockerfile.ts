import type { AppFacts } from './facts';
import type { GenerateOptions } from './options';
import { dependencySteps } from './dependencySteps';
import { chooseServer, serverCommand, serverMissing } from './serverCommand';

/** One instruction (possibly continued over several lines) with the comment that explains it. */
interface Block {
  comment?: string;
  lines: string[];
}

const VENV = '/opt/venv';

export function appName(app: AppFacts, options: GenerateOptions): string {
  if (options.name) return options.name;
  const folder = app.root === '.' ? '' : app.root.split('/').pop() ?? '';
  return (folder || 'app').toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '') || 'app';
}

export function pythonVersion(app: AppFacts, options: GenerateOptions): string {
  return options.pythonVersion ?? app.pythonVersion ?? options.defaultPythonVersion;
}

/** COPY lines that put each path at the same place under WORKDIR (top-level files share one line). */
function copyPreservingPaths(paths: string[], chown: string): string[] {
  const flag = chown ? `--chown=${chown} ` : '';
  const topLevel = paths.filter((p) => !p.replace(/^\.\//, '').includes('/'));
  const nested = paths.filter((p) => !topLevel.includes(p));
  const lines = topLevel.length ? [`COPY ${flag}${topLevel.map((p) => p.replace(/^\.\//, '')).join(' ')} ./`] : [];
  for (const p of nested) {
    const clean = p.replace(/^\.\//, '').replace(/\/$/, '');
    lines.push(`COPY ${flag}${clean} ${clean}`);
  }
  return lines;
}

/** A HEALTHCHECK that needs nothing but Python (slim images have no curl). */
function healthcheck(app: AppFacts, options: GenerateOptions): string[] {
  const url = `http://127.0.0.1:${app.port}${options.healthPath}`;
  const script = [
    'import sys, urllib.request, urllib.error',
    `try: urllib.request.urlopen("${url}", timeout=4)`,
    'except urllib.error.HTTPError as e: sys.exit(e.code >= 500)',
    'except Exception: sys.exit(1)',
  ].join('\\n');
  return [
    'HEALTHCHECK --interval=10s --timeout=5s --start-period=10s --retries=3 \\',
    `    CMD ["python", "-c", ${JSON.stringify(script).replace(/\\\\n/g, '\\n')}]`,
  ];
}

function runLines(commands: string[], cacheMounts: boolean): string[] {
  const mount = cacheMounts ? '--mount=type=cache,target=/root/.cache/pip ' : '';
  return commands.map((c, i) => {
    const head = i === 0 ? `RUN ${mount}` : '    && ';
    return `${head}${c}${i < commands.length - 1 ? ' \\' : ''}`;
  });
}

function render(blocks: Block[], comments: boolean): string {
  const out: string[] = [];
  for (const block of blocks) {
    if (block.lines.length === 0) continue;
    if (comments && block.comment) out.push(...block.comment.split('\n').map((l) => (l ? `# ${l}` : '#')));
    out.push(...block.lines);
    if (block.lines[0]?.startsWith('FROM') || comments) out.push('');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

export function generateDockerfile(app: AppFacts, options: GenerateOptions): string {
  const version = pythonVersion(app, options);
  const prefix = options.imagePrefix;
  const server = chooseServer(app);
  const extra = serverMissing(app) ? [server] : [];
  const deps = dependencySteps(app, options.cacheMounts, extra);
  const cmd = serverCommand(app);
  const name = appName(app, options);
  const labels = {
    'org.opencontainers.image.title': name,
    'org.opencontainers.image.description': `${app.framework === 'fastapi' ? 'FastAPI' : 'Flask'} app ${app.entry}, served by ${server}`,
    ...options.labels,
  };
  const envLines = [
    'ENV PYTHONUNBUFFERED=1 \\',
    '    PYTHONDONTWRITEBYTECODE=1 \\',
    ...(app.sourceRoot ? [`    PYTHONPATH=/app/${app.sourceRoot} \\`] : []),
    `    PATH="${VENV}/bin:$PATH"`,
  ];
  const user = `RUN groupadd --system --gid ${options.uid} app \\\n    && useradd --system --uid ${options.uid} --gid app --no-create-home app`;
  const installBlock: Block = {
    comment: `${deps.why}${extra.length ? `\n${server} is not in your dependencies, so it is installed here too.` : ''}`,
    lines: runLines(deps.run, options.cacheMounts),
  };
  const venvBlock: Block = {
    comment: 'A virtualenv keeps the app\'s packages in one folder that the next stage can copy whole.',
    lines: [`RUN python -m venv ${VENV}`, `ENV PATH="${VENV}/bin:$PATH"`],
  };
  const copyDeps: Block = { comment: 'Dependency files first: Docker reuses the install layer below until they change.', lines: copyPreservingPaths(deps.copy, '') };
  const tail: Block[] = [
    { comment: `Run as an unprivileged user (UID ${options.uid}): a compromised app cannot change the image.`, lines: ['USER app'] },
    { comment: `Documents the port ${server} listens on; publish it with -p 127.0.0.1:${app.port}:${app.port}.`, lines: [`EXPOSE ${app.port}`] },
    { comment: `Docker marks the container healthy once the app answers HTTP on ${options.healthPath}.\nSlim images have no curl, so the check uses Python's standard library.`, lines: healthcheck(app, options) },
    { comment: `Exec form: ${server} is PID 1 and receives SIGTERM on docker stop.\nIt binds 0.0.0.0 so the published port reaches it (127.0.0.1 would only be reachable inside the container).`, lines: [`CMD ${JSON.stringify(cmd).replace(/","/g, '", "')}`] },
  ];
  const labelLines = ['LABEL ' + Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' \\\n      ')];

  const blocks: Block[] = [
    { comment: `Python ${version}${app.pythonVersion && !options.pythonVersion ? ', as the project declares' : ''}; override with --build-arg PYTHON_VERSION=3.x.`, lines: [`ARG PYTHON_VERSION=${version}`] },
  ];
  if (options.multiStage) {
    blocks.push(
      { comment: 'Build stage: the full image has compilers and headers for packages with C extensions.\nNothing from it reaches the final image except the virtualenv.', lines: [`FROM ${prefix}python:\${PYTHON_VERSION} AS builder`] },
      { lines: ['WORKDIR /app'] },
      venvBlock, copyDeps, installBlock,
      { comment: 'Runtime stage: the slim image, with the virtualenv and the code only.', lines: [`FROM ${prefix}python:\${PYTHON_VERSION}-slim AS runtime`] },
      { lines: labelLines },
      { comment: 'Logs reach docker logs at once; no .pyc files are written at run time.', lines: envLines },
      { comment: 'A system user and group with a fixed ID, so file ownership is predictable.', lines: [user] },
      { lines: ['WORKDIR /app'] },
      { comment: 'Only the installed packages come from the build stage.', lines: [`COPY --from=builder ${VENV} ${VENV}`] },
      { comment: 'The code last: editing it rebuilds only this layer. .dockerignore keeps .env, .git and caches out.', lines: ['COPY --chown=app:app . .'] },
      ...tail,
    );
  } else {
    blocks.push(
      { comment: 'The slim image: Debian with Python, without compilers and documentation.', lines: [`FROM ${prefix}python:\${PYTHON_VERSION}-slim`] },
      { lines: labelLines },
      { comment: 'Logs reach docker logs at once; no .pyc files are written at run time.', lines: envLines },
      { comment: 'A system user and group with a fixed ID, so file ownership is predictable.', lines: [user] },
      { lines: ['WORKDIR /app'] },
      { comment: venvBlock.comment, lines: venvBlock.lines.slice(0, 1) },
      copyDeps, installBlock,
      { comment: 'The code last: editing it rebuilds only this layer. .dockerignore keeps .env, .git and caches out.', lines: ['COPY --chown=app:app . .'] },
      ...tail,
    );
  }
  return render(blocks, options.comments);
}
