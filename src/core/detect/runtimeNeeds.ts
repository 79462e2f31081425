import { compareVersions } from '../knowledge/wheelSupport';
import type { ProjectDependencies } from './dependencies';
import type { ProjectDockerfile } from './projectDockerfile';
import type { ProjectFiles } from './projectFiles';
import { declaredPython, pythonVersionLimit, type DeclaredPython } from './pythonVersion';
import { readRelease } from './release';
import type { RunConfig } from './runConfig';
import { systemPackagesFor } from './systemPackages';
import type { AppFacts, DetectWarning, ReleaseStep } from './types';
import { WARNING, warning } from './warnings';

/** What a project needs besides its Python dependencies, read once per project root. */
export interface RuntimeNeeds {
  python: DeclaredPython | null;
  dockerfile: ProjectDockerfile | null;
  release: ReleaseStep | null;
}

export async function readRuntimeNeeds(files: ProjectFiles, root: string, run: RunConfig): Promise<RuntimeNeeds> {
  const [python, release] = await Promise.all([declaredPython(files, root, run), readRelease(files, root, run)]);
  return { python, dockerfile: run.dockerfile, release };
}

type RuntimeFacts = Pick<AppFacts, 'pythonVersion' | 'pythonVersionSource' | 'pythonVersionLimit' | 'release' | 'systemPackages'>;

/** The app's Python (with where it is declared and what limits it), release step and system packages. */
export function describeRuntime(needs: RuntimeNeeds, dependencies: ProjectDependencies, root: string, warnings: DetectWarning[]): RuntimeFacts {
  const firstFile = dependencies.dependencyFiles[0];
  const limit = pythonVersionLimit(dependencies.requirements, firstFile ? (root ? `${root}/${firstFile}` : firstFile) : null);
  const declared = needs.python;
  const floating = needs.dockerfile?.python && 'floating' in needs.dockerfile.python ? needs.dockerfile.python : null;
  // Without a declared version the generator's default is used: say so when a pin or a floating tag makes that wrong.
  if (!declared && (limit || floating)) {
    const why = floating ? `${needs.dockerfile?.file} builds FROM ${floating.floating}, a tag that moves to each new Python` : 'nothing declares one';
    const pick = limit ? `${limit.requirement} installs on Python ${limit.version} at the newest, so use ${limit.version}`
      : 'pin the version the app was tested with';
    warnings.push(warning(WARNING.pythonVersionUndeclared,
      `No Python version declared (.python-version, requires-python, a Dockerfile FROM python:X.Y): ${why}; ${pick}.`,
      floating ? needs.dockerfile?.file ?? null : limit?.file ?? null, floating?.line ?? null));
  } else if (declared && limit && compareVersions(declared.version, limit.version) > 0) {
    warnings.push(warning(WARNING.pythonVersionTooNew,
      `The project declares Python ${declared.version}, but ${limit.requirement} installs on Python ${limit.version} at the newest ` +
      '(no wheels for newer ones); upgrade the pin or use the older Python.', limit.file));
  }
  return {
    pythonVersion: declared?.version ?? null, release: needs.release, pythonVersionSource: declared?.source ?? null,
    pythonVersionLimit: limit, systemPackages: systemPackagesFor(dependencies.requirements, dependencies.linkedLibraries),
  };
}
