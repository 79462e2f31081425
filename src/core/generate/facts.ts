/**
 * What generation needs to know about one app: the fields of detection's app record that shape
 * the files, so a detected app is passed as it is and a test or template can give just these.
 */
import type { AppFacts as DetectedApp } from '../detect/types';

export type { Framework, PackageManager, Server, Service } from '../detect/types';

export type AppFacts = Pick<DetectedApp,
  | 'root' | 'framework' | 'module' | 'variable' | 'factory' | 'entry' | 'sourceRoot' | 'server' | 'port'
  | 'pythonVersion' | 'packageManager' | 'dependencyFiles' | 'dependencies' | 'services'
> & {
  /** A Celery worker; without a module (not found) compose gets no worker service. */
  worker: { kind: 'celery'; module: string | null } | null;
  /** Local paths the dependency files install from (e.g. ./vendor/fastmath), relative to root. */
  localDependencies?: string[];
  /** Folders of a JavaScript frontend under root, kept out of the build context. */
  frontendFolders?: string[];
};
