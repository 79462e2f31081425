import type { AppCandidate } from './apps';
import { readDependencies, type ProjectDependencies } from './dependencies';
import { readRootHints, type RootHints } from './hints';
import type { ModuleIndex } from './modules';
import { displayFolder, isInside, relativeTo } from './paths';
import type { ServerCommand } from './procfile';
import type { ProjectFiles } from './projectFiles';
import { asPort, resolveValue } from './python/values';
import type { RunConfig } from './runConfig';
import { describeRuntime, readRuntimeNeeds, type RuntimeNeeds } from './runtimeNeeds';
import { declaredServers, detectServer, sortServices } from './services';
import type { AppFacts, BuildStep, DetectWarning, EntrySource, Framework, PortSource, Server, Service, Worker, WritablePath } from './types';
import { WARNING, warning } from './warnings';

const DEFAULT_PORT: Record<Framework, number> = { fastapi: 8000, flask: 5000 };
/** The servers a project's own run configuration may start each framework with. */
const RUN_SERVERS: Record<Framework, Server[]> = { fastapi: ['uvicorn', 'hypercorn', 'fastapi'], flask: ['gunicorn', 'hypercorn', 'waitress'] };
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

interface Project {
  root: string;
  dependencies: ProjectDependencies;
  hints: RootHints;
  needs: RuntimeNeeds;
}

/** Project facts are read once per root, however many apps it holds. */
export class Projects {
  private readonly cache = new Map<string, Promise<Project>>();

  /** `runConfig` is the project's run configuration, read once per root (runConfig.ts). */
  constructor(private readonly files: ProjectFiles, private readonly runConfig: (root: string) => Promise<RunConfig>) {}

  get(root: string): Promise<Project> {
    let project = this.cache.get(root);
    if (!project) {
      project = this.runConfig(root).then((run) => Promise.all([readDependencies(this.files, root), readRootHints(root, run),
        readRuntimeNeeds(this.files, root, run)]))
        .then(([dependencies, hints, needs]) => ({ root, dependencies, hints, needs }));
      this.cache.set(root, project);
    }
    return project;
  }
}

/** What the app's own modules and run configuration say beyond the entry (entryChoice, workers, writablePaths, buildSteps). */
export interface AppExtras {
  /** The name the project serves the app by, when it is not where the app is defined. */
  entryAs: { module: string; variable: string; factory: boolean } | null;
  entrySource: EntrySource;
  /** The server the project's run configuration starts the app with (entryChoice). */
  runServer: Server | null;
  services: Service[];
  workers: Worker[];
  writablePaths: WritablePath[];
  buildSteps: BuildStep[];
  warnings: DetectWarning[];
}

/** Everything about one app: its entry, how it is served, what it needs. */
export function describeApp(app: AppCandidate, project: Project, index: ModuleIndex, extras: AppExtras): AppFacts {
  const { root, dependencies, hints } = project;
  const module = extras.entryAs?.module ?? index.moduleName(app.file);
  const variable = extras.entryAs?.variable ?? app.variable;
  const entry = `${module}:${variable}${app.factory ? '()' : ''}`;
  const warnings: DetectWarning[] = [...dependencies.warnings, ...hints.warnings, ...extras.warnings];
  // A Procfile names its entry; it speaks for this app only if the entry is this app's (or unnamed).
  const web = hints.procfile?.web ?? null;
  const procfile = web && (!web.entry || web.entry === entry) ? web : null;

  // How the project itself starts the app wins (`fastapi run` in its Dockerfile, waitress-serve in a script).
  const choice = extras.runServer && RUN_SERVERS[app.framework].includes(extras.runServer)
    ? { server: extras.runServer, warning: null }
    : detectServer(app.framework, declaredServers(dependencies.requirements), procfile?.server ?? null,
      dependencies.dependencyFiles[0] ? joinRoot(root, dependencies.dependencyFiles[0]) : null);
  if (choice.warning) warnings.push(choice.warning);

  const listen = whereItListens(app, hints, procfile);
  if (listen.host && LOOPBACK.has(listen.host.value)) {
    warnings.push(warning(WARNING.hostLoopback,
      `The app binds to ${listen.host.value}, which inside a container is unreachable from outside it; ` +
      'the container must listen on 0.0.0.0.', listen.host.file, listen.host.line));
  }

  const services = sortServices([...hints.services, ...extras.services]);
  const { pythonVersion, ...runtime } = describeRuntime(project.needs, dependencies, root, warnings);
  return {
    root: displayFolder(root), framework: app.framework, module, variable, factory: app.factory, entry,
    sourceRoot: relativeTo(root, index.importRoot(app.file)) || null,
    server: choice.server, port: listen.port, portSource: listen.portSource, host: listen.host?.value ?? null,
    pythonVersion, packageManager: dependencies.packageManager, workspace: dependencies.workspace,
    dependencyFiles: dependencies.dependencyFiles, localDependencies: dependencies.localDependencies, frontendFolders: [],
    ...(dependencies.installProject ? { installProject: dependencies.installProject } : {}),
    dependencies: [...new Set(dependencies.requirements.map((r) => r.name))].sort(),
    services, entrySource: extras.entrySource, workers: extras.workers, writablePaths: extras.writablePaths,
    buildSteps: extras.buildSteps, warnings, file: app.file, line: app.line,
    // Filled in by detect() from every module of the project.
    env: [], ...runtime,
  };
}

interface Located<T> {
  value: T;
  file: string | null;
  line: number | null;
}

/** Port and host, from the strongest source: the source's own server start, env files, Procfile, compose, Dockerfile. */
function whereItListens(app: AppCandidate, hints: RootHints, procfile: ServerCommand | null) {
  const env = new Map([...hints.env].map(([k, v]) => [k, v.value]));
  const envAt = (name: string): Located<string> | null => {
    const set = hints.env.get(name);
    return set ? { value: set.value, file: set.file, line: null } : null;
  };
  const ports: [number | null, PortSource][] = [];
  const hosts: (Located<string> | null)[] = [];
  if (app.run) {
    const port = resolveValue(app.run.port, env);
    ports.push([asPort(port?.value), port?.fromEnv ? 'env' : 'source']);
    const host = resolveValue(app.run.host, env);
    if (host) hosts.push({ value: String(host.value), file: host.fromEnv ? (hints.env.get(host.fromEnv)?.file ?? null) : app.run.file, line: host.fromEnv ? null : app.run.line });
  }
  if (app.framework === 'flask') {
    ports.push([asPort(envAt('FLASK_RUN_PORT')?.value), 'env']);
    hosts.push(envAt('FLASK_RUN_HOST'));
  }
  if (procfile) {
    ports.push([procfile.port, 'procfile']);
    if (procfile.host) hosts.push({ value: procfile.host, file: hints.procfile?.file ?? null, line: procfile.line });
  }
  if (hints.compose) {
    ports.push([hints.compose.command?.port ?? hints.compose.port, 'compose']);
    if (hints.compose.command?.host) hosts.push({ value: hints.compose.command.host, file: hints.compose.file, line: null });
  }
  ports.push([hints.dockerfile?.port ?? null, 'dockerfile']);
  const [port, portSource] = ports.find(([p]) => p !== null) ?? [DEFAULT_PORT[app.framework], 'default'];
  return { port: port ?? DEFAULT_PORT[app.framework], portSource, host: hosts.find((h) => h !== null) ?? null };
}

function joinRoot(root: string, file: string): string {
  return root ? `${root}/${file}` : file;
}

/** Whether a file belongs to this project rather than to a project nested inside it. */
export function ownsFile(root: string, allRoots: readonly string[], file: string): boolean {
  if (!isInside(root, file)) return false;
  return !allRoots.some((other) => other !== root && other.length > root.length && isInside(other, file));
}
