/**
 * What detection reads (a file view an adapter provides) and what it returns (the facts about each
 * app). The JSON printed by `dockwright detect --json` is exactly DetectResult.
 */
import type { EnvPurpose } from '../knowledge/envPurposes';

/** One entry of a directory listing. Symbolic links are reported as such and never followed. */
export interface DirEntry {
  name: string;
  kind: 'file' | 'directory' | 'symlink' | 'other';
}

export type FileRead =
  | { kind: 'ok'; bytes: Uint8Array }
  | { kind: 'too-large'; size: number }
  | { kind: 'unreadable'; reason: string };

/**
 * The tree to detect in, seen through an adapter (disk, vscode.workspace.fs, memory). Paths are
 * POSIX, relative to the tree's root; '' is the root itself. Listing is per directory so that the
 * walk can prune ignored folders without ever descending into them.
 */
export interface FileView {
  readDir(path: string): Promise<DirEntry[]>;
  /** Reads a file; a file larger than maxBytes is not read ('too-large'). */
  readFile(path: string, maxBytes: number): Promise<FileRead>;
  /**
   * The same read, done before returning, when the view can (a local disk): detection reads
   * thousands of modules, and a promise per read is most of what it spends beside the reading.
   */
  readFileNow?(path: string, maxBytes: number): FileRead;
}

/** The wasm bytes web-tree-sitter needs; the adapter reads them (core does no I/O). */
export interface PythonGrammar {
  runtime: Uint8Array;
  python: Uint8Array;
}

export interface DetectOptions {
  /** The absolute directory as the user gave it, echoed back as `root`. */
  root: string;
  /** Called once, only when some file needs parsing. */
  loadGrammar(): Promise<PythonGrammar>;
  /** Files above this size are skipped with a warning (default 1 MB). */
  maxFileBytes?: number;
  /** Milliseconds since some origin, for stats.ms (core has no clock of its own to rely on). */
  now?(): number;
}

export type Framework = 'fastapi' | 'flask';
/**
 * The server an app is run with. `fastapi` is the FastAPI CLI (`fastapi run`, uvicorn underneath) and
 * `waitress` a WSGI server; both are read from the project's own run configuration only.
 */
export type Server = 'uvicorn' | 'gunicorn' | 'hypercorn' | 'fastapi' | 'waitress';
export type PackageManager = 'pip' | 'uv' | 'poetry' | 'pipenv' | 'pdm';
export type PortSource = 'source' | 'env' | 'procfile' | 'compose' | 'dockerfile' | 'default';
export type Service = 'postgres' | 'redis' | 'mysql' | 'mongodb' | 'rabbitmq';

export interface DetectWarning {
  /** Stable, kebab-case; see warnings.ts for the list. */
  code: string;
  message: string;
  /** Relative to the detected directory (not to the app root), so an editor can open it. */
  file: string | null;
  /** 1-based. */
  line: number | null;
}

/** Which part of the project's own run configuration chose the app ('source': nothing did; the code alone). */
export type EntryVia = 'dockerfile' | 'script' | 'procfile' | 'compose' | 'gunicorn-conf' | 'pyproject' | 'flask-app' | 'source';

export interface EntrySource {
  via: EntryVia;
  file: string;
  line: number;
}

export type WorkerKind = 'celery' | 'celery-beat' | 'rq' | 'arq' | 'dramatiq';

/** A process beside the web app, run from the same image. */
export interface Worker {
  kind: WorkerKind;
  /** Dotted module the worker loads (what `celery -A` takes, the RQ tasks module), null when not found. */
  module: string | null;
  /** The Celery app or arq settings class in that module, when there is one. */
  variable: string | null;
  /** The command that starts it: the project's own when it has one, else the usual one. */
  command: string | null;
  /** Where the worker was found (the project's command, or the module). */
  file: string | null;
  line: number | null;
}

/** A path the running app writes, relative to the app's root; a folder ends with '/'. */
export interface WritablePath {
  path: string;
  kind: 'sqlite' | 'folder' | 'log' | 'instance' | 'uploads';
  file: string;
  line: number;
}

/** A step the image needs that is not Python: a JavaScript build whose output the app serves. */
export interface BuildStep {
  /** `frontend`: a JavaScript build; `translations`: gettext catalogs (.po) compiled to the .mo files the app loads. */
  kind: 'frontend' | 'translations';
  /** The folder with the package.json (or the translations), relative to the detected directory. */
  folder: string;
  /** As the project runs it: `npm run build`, `bun run build`. */
  command: string;
  /** Where the built files land, relative to the app's root, when the build config says. */
  output: string | null;
  file: string;
  line: number;
}

/** Something that looks like an app but is not served on its own. */
export interface NotApp {
  entry: string;
  reason: string;
  file: string;
  line: number;
}

/**
 * A Python program with no web framework, run as `python <file>`, with what its project declares
 * (the same fields as an app's: its folder, Python and dependencies), so it can be containerized.
 */
export interface PlainScript extends Pick<AppFacts,
  'root' | 'pythonVersion' | 'packageManager' | 'dependencyFiles' | 'localDependencies'> {
  /** Relative to the detected directory. */
  file: string;
  /** Run from the project's root: `python tools/cleanup.py`. */
  command: string;
}

export interface AppFacts {
  /** The app's project folder relative to the detected directory ('.' for the directory itself). */
  root: string;
  framework: Framework;
  /** Dotted import path as the container imports it, relative to sourceRoot (or root). */
  module: string;
  /** The app variable, or the factory function when factory is true. */
  variable: string;
  factory: boolean;
  /** What a server is given: `app.main:app` or `pkg:create_app()`. */
  entry: string;
  /** The import root relative to `root` when it is not `root` itself (e.g. 'src'). */
  sourceRoot: string | null;
  server: Server | null;
  port: number;
  portSource: PortSource;
  host: string | null;
  pythonVersion: string | null;
  packageManager: PackageManager;
  /** Relative to the app's root. */
  dependencyFiles: string[];
  /** The uv workspace the app's project is a member of (the image is then built from its root), or null. */
  workspace: UvWorkspace | null;
  /** Normalized distribution names (PEP 503), sorted. */
  dependencies: string[];
  /** Local folders the requirements install from (`./vendor/lib`), relative to the app's root. */
  localDependencies: string[];
  /**
   * Present only when the project must itself be installed, not just its dependencies: its
   * pyproject.toml builds a package that declares entry points (console scripts, plugins).
   */
  installProject?: ProjectInstall;
  /**
   * Folders under the app's root that hold a JavaScript project (a package.json) and no Python:
   * a frontend built elsewhere, kept out of the image's build context. Relative to the app's root.
   */
  frontendFolders: string[];
  services: Service[];
  /** Which file of the project chose this entry, and where. */
  entrySource: EntrySource;
  workers: Worker[];
  writablePaths: WritablePath[];
  buildSteps: BuildStep[];
  warnings: DetectWarning[];
  /** The module's file, relative to the detected directory. */
  file: string;
  line: number;
  // What the app needs to start: its environment, a release step, its Python and system libraries.
  /** Every environment variable the app's code reads, by name as the code spells it. */
  env: EnvVar[];
  /** What must run before the server starts (migrations, database setup), null when nothing does. */
  release: ReleaseStep | null;
  /** Where pythonVersion comes from; null when the project declares no version. */
  pythonVersionSource: PythonVersionSource | null;
  /** The newest Python the project's pinned dependencies install on, when a pin limits it. */
  pythonVersionLimit: PythonVersionLimit | null;
  /** Debian (bookworm) packages the dependencies need: to build them, and in the slim runtime. */
  systemPackages: { build: string[]; runtime: string[] };
}

/**
 * The uv workspace an app's project is a member of: the lock sits at the workspace root, so the
 * image is built from there and installs the member with `uv sync --package`.
 */
export interface UvWorkspace {
  /** The workspace root (the folder whose pyproject.toml declares [tool.uv.workspace]), relative to the detected directory. */
  root: string;
  /** The app's project folder relative to the workspace root: the code the image copies. */
  member: string;
  /** The member's package name ([project].name), for `uv sync --package`. */
  package: string;
  /** What the install needs, relative to the workspace root: its pyproject.toml, uv.lock, every member's pyproject.toml. */
  files: string[];
  /** The pyproject.toml that declares the workspace, and the line of [tool.uv.workspace]. */
  file: string;
  line: number;
}

/** Why the project is installed into the image: the pyproject.toml table that declares its entry points. */
export interface ProjectInstall {
  /** `[project.scripts]`, `[project.entry-points]`, `[tool.poetry.scripts]`, … */
  table: string;
  file: string;
  line: number;
}

/** `database-url`, its parts (`database-host`, …), `redis-url`, `broker-url`, `secret`, `config`. */
export type { EnvPurpose };

export interface EnvVar {
  name: string;
  /** No default: the app does not start (or starts broken) without it. */
  required: boolean;
  /** A key, password, token or a URL with credentials: never baked into an image. */
  secret: boolean;
  purpose: EnvPurpose;
  /** Where it is read (or required), relative to the detected directory; 1-based line. */
  file: string;
  line: number;
}

export interface ReleaseStep {
  /** As the project writes it, without a runner prefix (`poetry run`), run from the app's root. */
  command: string;
  file: string;
  line: number;
}

export type PythonVersionKind =
  | 'dockerfile' | 'compose-build-arg' | 'python-version' | 'runtime-txt' | 'pipfile' | 'tool-versions'
  | 'pyproject' | 'setup' | 'ci';

export interface PythonVersionSource {
  file: string;
  line: number | null;
  kind: PythonVersionKind;
}

export interface PythonVersionLimit {
  /** The newest Python minor every limiting pin has wheels for. */
  version: string;
  /** The pin that limits it, as `name==version`. */
  requirement: string;
  file: string | null;
}

export interface UnsupportedApp {
  framework: string;
  root: string;
  message: string;
}

export interface DetectResult {
  root: string;
  apps: AppFacts[];
  unsupported: UnsupportedApp[];
  /** Files with an `if __name__ == "__main__":` block in projects where no app was found. */
  scripts: string[];
  /** Programs with no web framework that run with `python <file>`, when no app was found beside them. */
  plainScripts: PlainScript[];
  /** Objects that look like apps but are not served: mounted sub-apps, apps of a tasks module, apps the project does not run. */
  notApps: NotApp[];
  /** Warnings that belong to no app (a link not followed, a file skipped outside every app). */
  warnings: DetectWarning[];
  stats: { filesScanned: number; filesParsed: number; ms: number };
}
