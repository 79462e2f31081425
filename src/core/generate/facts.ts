/**
 * What generation needs to know about one app. Detection's app record (src/core/detect) has these
 * fields with the same names and meaning, so a detected app can be passed as it is.
 */
export type Framework = 'fastapi' | 'flask';
export type Server = 'uvicorn' | 'gunicorn' | 'hypercorn';
export type PackageManager = 'pip' | 'uv' | 'poetry' | 'pipenv' | 'pdm';
export type Service = 'postgres' | 'redis' | 'mysql' | 'mongodb';

export interface AppFacts {
  /** The app's folder relative to the workspace ("." for the root); the build context. */
  root: string;
  framework: Framework;
  /** Dotted import path of the module holding the app, as seen from sourceRoot. */
  module: string;
  variable: string;
  factory: boolean;
  /** module:variable, or module:factory() for a factory. */
  entry: string;
  /** Folder under root that must be on sys.path (e.g. "src"), or null. */
  sourceRoot: string | null;
  server: Server | null;
  port: number;
  pythonVersion: string | null;
  packageManager: PackageManager;
  /** Dependency files relative to root (requirements*.txt, pyproject.toml, lock files, Pipfile...). */
  dependencyFiles: string[];
  /** Normalized distribution names. */
  dependencies: string[];
  services: Service[];
  /** A Celery worker; without a module (not found) compose gets no worker service. */
  worker: { kind: 'celery'; module: string | null } | null;
  /** Local paths the dependency files install from (e.g. ./vendor/fastmath), relative to root. */
  localDependencies?: string[];
}
