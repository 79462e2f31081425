/**
 * What generation needs to know about one app: the fields of detection's app record that shape
 * the files, so a detected app is passed as it is and a test or template can give just these.
 */
import type { AppFacts as DetectedApp, Worker } from '../detect/types';

export type { Framework, PackageManager, Server, Service } from '../detect/types';

export type AppFacts = Pick<DetectedApp,
  | 'root' | 'framework' | 'module' | 'variable' | 'factory' | 'entry' | 'sourceRoot' | 'server' | 'port'
  | 'pythonVersion' | 'packageManager' | 'dependencyFiles' | 'dependencies' | 'services' | 'installProject'
> & Partial<Pick<DetectedApp,
  | 'env' | 'release' | 'writablePaths' | 'systemPackages' | 'pythonVersionSource' | 'pythonVersionLimit' | 'workspace'
>> & {
  /** Workers beside the app, each run as a compose service on the same image (with its command or the usual one). */
  workers: (Pick<Worker, 'kind' | 'module'> & Partial<Pick<Worker, 'variable' | 'command'>>)[];
  /** Local paths the dependency files install from (e.g. ./vendor/fastmath), relative to root. */
  localDependencies?: string[];
  /** Folders of a JavaScript frontend under root, kept out of the build context. */
  frontendFolders?: string[];
};

/** The Celery worker generation runs beside the app, as it always has: the first one detection found. */
export function celeryWorker(app: Pick<AppFacts, 'workers'>): Pick<Worker, 'kind' | 'module'> | null {
  return app.workers.find((w) => w.kind === 'celery') ?? null;
}
