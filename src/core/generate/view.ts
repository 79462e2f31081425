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
import { appName, copyPreservingPaths, execForm, healthcheckInstruction, labelInstruction, pythonVersion, runInstruction } from './dockerfile';
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
  python: { version: string; declared: string | null; fromProject: boolean };
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
}

/** The parts of the view an app's and a plain script's Dockerfile share. */
export type CommonView = Pick<TemplateView, 'multiStage' | 'comments' | 'cacheMounts' | 'uid' | 'python' | 'image' | 'dependencies' | 'labels'>
  & { name: string; label: string };

/**
 * What every generated Dockerfile is built from: the name, the Python and its images, the
 * dependency install, the labels (the description says what runs) and the options that shape them.
 */
export function commonView(facts: Pick<AppFacts, 'root' | 'pythonVersion'>, options: GenerateOptions, deps: DependencySteps, description: string): CommonView {
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
    },
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

export function templateView(app: AppFacts, options: GenerateOptions): TemplateView {
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
      hasEnvFile: options.hasEnvFile,
    },
    python: common.python,
    server: { name: server, missing, command, exec: execForm(command), devCommand: devServerCommand(app) },
    image: common.image,
    dependencies: common.dependencies,
    labels: common.labels,
    healthcheck: { path: options.healthPath, url },
    instructions: { label, healthcheck: healthcheckInstruction(url) },
    compose: composeView(app, name, options.imagePrefix),
    dockerignore: { keep: [], hasKeep: false },
  };
}
