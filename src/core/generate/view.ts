/**
 * The template view: everything a template (built-in or a team's) can use, computed once from the
 * detection facts and the options. schemas/template-view.schema.json documents every field, and a
 * test checks each view against it. Values are inserted as they are (no HTML escaping), and the
 * compose values are already valid YAML.
 */
import { celeryWorker, type AppFacts, type Framework, type PackageManager, type Server, type Service } from './facts';
import type { GenerateOptions } from './options';
import { composeView, type ComposeView } from './compose';
import { dependencySteps, type DependencySteps } from './dependencySteps';
import { appName, copyPreservingPaths, execForm, healthcheckInstruction, labelInstruction, pythonVersion, pythonVersionReason, runInstruction } from './dockerfile';
import type { AppEnvironment } from './environment';
import { writableFolders } from './writable';
import { containerServer, devServerCommand, serverCommand, serverMissing } from './serverCommand';

export interface TemplateView {
  multiStage: boolean;
  comments: boolean;
  cacheMounts: boolean;
  uid: number;
  app: {
    name: string;
    root: string;
    framework: Framework;
    frameworkName: 'FastAPI' | 'Flask';
    fastapi: boolean;
    flask: boolean;
    module: string;
    variable: string;
    factory: boolean;
    entry: string;
    sourceRoot: string | null;
    port: number;
    packageManager: PackageManager;
    dependencyFiles: string[];
    dependencies: string[];
    localDependencies: string[];
    frontendFolders: string[];
    hasFrontendFolders: boolean;
    services: Service[];
    hasServices: boolean;
    worker: { module: string } | null;
    hasEnvFile: boolean;
  };
  python: { version: string; declared: string | null; fromProject: boolean; reason: string };
  /** Debian packages: headers and compilers for the builder, shared libraries for the runtime. */
  systemPackages: { build: string[]; runtime: string[]; hasBuild: boolean; hasRuntime: boolean; buildInstall: string; runtimeInstall: string };
  /** The folders under /app the app's user may write (the code itself stays read-only to it). */
  writable: { folders: string[]; hasFolders: boolean; root: boolean; instruction: string };
  server: { name: Server; missing: boolean; command: string[]; exec: string; devCommand: string[] };
  image: { prefix: string; base: string; build: string; runtime: string };
  dependencies: {
    files: string[]; copy: string[]; commands: string[]; install: string; why: string;
    /** Installs the project itself after its code is copied, when its entry points need it. */
    project: { install: string; why: string } | null;
  };
  labels: { name: string; value: string; quoted: string }[];
  healthcheck: { path: string; url: string };
  instructions: { label: string; healthcheck: string };
  compose: ComposeView;
  dockerignore: { keep: string[]; hasKeep: boolean };
  /**
   * Where the image is built from: the app's folder ('.'), or for a uv workspace member the
   * workspace root, with the Dockerfile named from there and only the member's folder copied as code.
   */
  build: { context: string; dockerfile: string | null; hasDockerfile: boolean; code: string; workspace: boolean };
}

/** The parts of the view an app's and a plain script's Dockerfile share. */
export type CommonView = Pick<TemplateView, 'multiStage' | 'comments' | 'cacheMounts' | 'uid' | 'python' | 'image' | 'dependencies' | 'labels' | 'systemPackages'>
  & { name: string; label: string };

/**
 * What every generated Dockerfile is built from: the name, the Python and its images, the
 * dependency install, the labels (the description says what runs) and the options that shape them.
 */
export function commonView(facts: Pick<AppFacts, 'root' | 'pythonVersion' | 'pythonVersionLimit' | 'pythonVersionSource' | 'systemPackages'>, options: GenerateOptions, deps: DependencySteps, description: string): CommonView {
  const name = appName(facts, options);
  const base = `${options.imagePrefix}${options.baseImage}`;
  const labels = Object.entries({
    'org.opencontainers.image.title': name,
    'org.opencontainers.image.description': description,
    ...options.labels,
  }).map(([label, value]) => ({ name: label, value, quoted: JSON.stringify(value) }));
  return {
    name,
    multiStage: options.multiStage,
    comments: options.comments,
    cacheMounts: options.cacheMounts,
    uid: options.uid,
    python: {
      version: pythonVersion(facts, options),
      declared: facts.pythonVersion,
      fromProject: Boolean(facts.pythonVersion && !options.pythonVersion),
      reason: pythonVersionReason(facts, options),
    },
    systemPackages: systemPackagesView(facts.systemPackages ?? { build: [], runtime: [] }),
    image: { prefix: options.imagePrefix, base, build: `${base}:\${PYTHON_VERSION}`, runtime: `${base}:\${PYTHON_VERSION}-slim` },
    dependencies: {
      files: deps.copy,
      copy: copyPreservingPaths(deps.copy, ''),
      commands: deps.run,
      install: runInstruction(deps.run, options.cacheMounts),
      why: deps.why,
      project: deps.project.length ? { install: runInstruction(deps.project, options.cacheMounts), why: deps.projectWhy } : null,
    },
    labels,
    label: labelInstruction(labels),
  };
}

/** apt-get in one RUN: no recommended extras, the package lists removed in the same layer. */
function aptInstall(packages: string[]): string {
  return packages.length ? [
    'RUN apt-get update \\',
    `    && apt-get install -y --no-install-recommends ${packages.join(' ')} \\`,
    '    && rm -rf /var/lib/apt/lists/*',
  ].join('\n') : '';
}

function systemPackagesView(packages: { build: string[]; runtime: string[] }): TemplateView['systemPackages'] {
  return {
    build: packages.build,
    runtime: packages.runtime,
    hasBuild: packages.build.length > 0,
    hasRuntime: packages.runtime.length > 0,
    buildInstall: aptInstall(packages.build),
    runtimeInstall: aptInstall(packages.runtime),
  };
}

/** The folders the app writes, created in the image and given to its user (not recursively: only new files are the app's). */
function writableView(app: AppFacts, env: AppEnvironment): TemplateView['writable'] {
  const { folders, root } = writableFolders(app, env);
  const paths = [...(root ? ['/app'] : []), ...folders.map((f) => `/app/${f}`)];
  const instruction = paths.length
    ? `RUN ${folders.length ? `mkdir -p ${folders.map((f) => `/app/${f}`).join(' ')} && ` : ''}chown app:app ${paths.join(' ')}`
    : '';
  return { folders: paths, hasFolders: paths.length > 0, root, instruction };
}

export function templateView(app: AppFacts, options: GenerateOptions, env: AppEnvironment): TemplateView {
  const server = containerServer(app);
  const missing = serverMissing(app);
  const command = serverCommand(app);
  const url = `http://127.0.0.1:${app.port}${options.healthPath}`;
  const workerModule = celeryWorker(app)?.module ?? null;
  const { name, label, ...common } = commonView(app, options, dependencySteps(app, options.cacheMounts, missing ? [server] : []),
    `${app.framework === 'fastapi' ? 'FastAPI' : 'Flask'} app ${app.entry}, served by ${server}`);
  return {
    multiStage: common.multiStage,
    comments: common.comments,
    cacheMounts: common.cacheMounts,
    uid: common.uid,
    app: {
      name,
      root: app.root,
      framework: app.framework,
      frameworkName: app.framework === 'fastapi' ? 'FastAPI' : 'Flask',
      fastapi: app.framework === 'fastapi',
      flask: app.framework === 'flask',
      module: app.module,
      variable: app.variable,
      factory: app.factory,
      entry: app.entry,
      sourceRoot: app.sourceRoot,
      port: app.port,
      packageManager: app.packageManager,
      dependencyFiles: app.dependencyFiles,
      dependencies: app.dependencies,
      localDependencies: app.localDependencies ?? [],
      frontendFolders: app.frontendFolders ?? [],
      hasFrontendFolders: (app.frontendFolders ?? []).length > 0,
      services: app.services,
      hasServices: app.services.length > 0,
      worker: workerModule ? { module: workerModule } : null,
      // The local .env compose reads: the person's own, or the one generated beside these files.
      hasEnvFile: options.hasEnvFile || env.local.length > 0,
    },
    python: common.python,
    systemPackages: common.systemPackages,
    writable: writableView(app, env),
    server: { name: server, missing, command, exec: execForm(command), devCommand: devServerCommand(app) },
    image: common.image,
    dependencies: common.dependencies,
    labels: common.labels,
    healthcheck: { path: options.healthPath, url },
    instructions: { label, healthcheck: healthcheckInstruction(url) },
    compose: composeView(app, name, options.imagePrefix, env),
    dockerignore: { keep: [], hasKeep: false },
    build: buildView(app),
  };
}

/** A uv workspace member is built from the workspace root, the one folder with the lock. */
export function buildView(app: Pick<AppFacts, 'root' | 'workspace'>): TemplateView['build'] {
  const workspace = app.workspace;
  if (!workspace) return { context: '.', dockerfile: null, hasDockerfile: false, code: '.', workspace: false };
  const up = workspace.member.split('/').map(() => '..').join('/');
  return { context: up, dockerfile: `${workspace.member}/Dockerfile`, hasDockerfile: true, code: `${workspace.member}/`, workspace: true };
}
