import { compareVersions, newestPythonFor } from '../knowledge/wheelSupport';
import { pythonMinor } from './manifests';
import { ancestors, join } from './paths';
import type { ProjectDockerfile } from './projectDockerfile';
import type { ProjectFiles } from './projectFiles';
import type { Requirement } from './requirements';
import type { RunConfig } from './runConfig';
import type { PythonVersionKind, PythonVersionLimit, PythonVersionSource } from './types';

export interface DeclaredPython {
  version: string;
  source: PythonVersionSource;
}

const WORKFLOWS = '.github/workflows';

/**
 * The Python version a project declares, the most specific first: the image its own Dockerfile
 * builds from (or the compose build argument that picks it), then the pins (.python-version,
 * runtime.txt, Pipfile, .tool-versions), then the lower bound of a range (requires-python,
 * python_requires), then the version its CI sets up.
 */
export async function declaredPython(files: ProjectFiles, root: string, run: Pick<RunConfig, 'dockerfile' | 'compose'>): Promise<DeclaredPython | null> {
  const fromDocker = run.dockerfile && fromDockerfile(run.dockerfile, run.compose);
  if (fromDocker) return fromDocker;
  const readers: [string, PythonVersionKind, (text: string) => { raw: string; line: number } | null][] = [
    ['.python-version', 'python-version', firstLine],
    ['runtime.txt', 'runtime-txt', firstLine],
    ['Pipfile', 'pipfile', keyLine(/^\s*python_(?:full_)?version\s*=\s*["']([^"']+)["']/)],
    ['.tool-versions', 'tool-versions', keyLine(/^\s*python\s+(\S+)/)],
    ['pyproject.toml', 'pyproject', keyLine(/^\s*requires-python\s*=\s*["']([^"']+)["']/)],
    ['pyproject.toml', 'pyproject', keyLine(/^\s*python\s*=\s*["']([^"']+)["']/)],
    ['setup.cfg', 'setup', keyLine(/^\s*python_requires\s*=\s*(\S+)/)],
    ['setup.py', 'setup', keyLine(/python_requires\s*=\s*["']([^"']+)["']/)],
  ];
  for (const [name, kind, read] of readers) {
    const file = join(root, name);
    const text = files.has(file) ? await files.text(file) : null;
    const found = text === null ? null : read(text);
    const version = pythonMinor(found?.raw ?? null);
    if (found && version) return { version, source: { file, line: found.line, kind } };
  }
  return fromWorkflows(files, root);
}

function fromDockerfile(dockerfile: ProjectDockerfile, compose: RunConfig['compose']): DeclaredPython | null {
  const python = dockerfile.python;
  if (!python) return null;
  if ('version' in python) return { version: python.version, source: { file: dockerfile.file, line: python.line, kind: 'dockerfile' } };
  if (!('arg' in python)) return null;
  // `FROM python:${PYTHON_VERSION}-slim`: compose passes the version as a build argument.
  const setting = new RegExp(`^\\s*-?\\s*["']?${python.arg}["']?\\s*[:=]\\s*["']?(3\\.\\d+)`);
  for (const { file, model } of compose) {
    const found = keyLine(setting)(model.text);
    const version = pythonMinor(found?.raw ?? null);
    if (found && version) return { version, source: { file, line: found.line, kind: 'compose-build-arg' } };
  }
  return null;
}

/** `python-version: "3.12"` or a matrix `python-version: [3.9, "3.10"]` (the newest) in a GitHub workflow. */
async function fromWorkflows(files: ProjectFiles, root: string): Promise<DeclaredPython | null> {
  let workflows: string[] = [];
  for (const folder of ancestors(root)) {
    workflows = (await files.hiddenFiles(join(folder, WORKFLOWS))).filter((f) => /\.ya?ml$/.test(f)).sort();
    if (workflows.length) break;
  }
  for (const file of workflows) {
    const text = await files.text(file, { quiet: true });
    const lines = text?.split(/\r?\n/) ?? [];
    for (let i = 0; i < lines.length; i++) {
      const match = /^\s*-?\s*python-version\s*:\s*(.+)$/.exec(lines[i]);
      const versions = match ? [...match[1].matchAll(/3\.(\d+)/g)].map((m) => Number(m[1])) : [];
      if (versions.length) return { version: `3.${Math.max(...versions)}`, source: { file, line: i + 1, kind: 'ci' } };
    }
  }
  return null;
}

function firstLine(text: string): { raw: string; line: number } | null {
  const lines = text.split(/\r?\n/);
  const index = lines.findIndex((l) => l.trim() && !l.trim().startsWith('#'));
  return index < 0 ? null : { raw: lines[index].trim(), line: index + 1 };
}

function keyLine(pattern: RegExp): (text: string) => { raw: string; line: number } | null {
  return (text) => {
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const match = pattern.exec(lines[i]);
      if (match) return { raw: match[1], line: i + 1 };
    }
    return null;
  };
}

/** The strictest limit the pinned dependencies put on Python (`greenlet==3.0.1` → 3.12), or null. */
export function pythonVersionLimit(requirements: readonly Requirement[], dependencyFile: string | null): PythonVersionLimit | null {
  let limit: PythonVersionLimit | null = null;
  for (const r of requirements) {
    const newest = r.pin ? newestPythonFor(r.name, r.pin) : null;
    if (newest && (!limit || compareVersions(newest, limit.version) < 0)) {
      limit = { version: newest, requirement: `${r.name}==${r.pin}`, file: dependencyFile };
    }
  }
  return limit;
}
