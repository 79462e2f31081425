import { readPipfile, readPyproject, type Manifest } from './manifests';
import { basename, dirname, join, normalize, relativeTo } from './paths';
import type { ProjectFiles } from './projectFiles';
import { parseRequirementsFile, type Requirement } from './requirements';
import { linkedLibraries } from './systemPackages';
import type { DetectWarning, PackageManager, ProjectInstall, UvWorkspace } from './types';
import { uvWorkspaceOf } from './uvWorkspace';
import { WARNING, warning } from './warnings';

export interface ProjectDependencies {
  packageManager: PackageManager;
  /** The uv workspace the project is a member of, when its lock is the workspace's. */
  workspace: UvWorkspace | null;
  /** Relative to the project root. */
  dependencyFiles: string[];
  /** Local folders the requirements install from, relative to the project root. */
  localDependencies: string[];
  /** C libraries the local packages' extensions link against (their setup.py `libraries=`). */
  linkedLibraries: string[];
  /** Why the project itself is installed (its entry points), or null when its dependencies are enough. */
  installProject: ProjectInstall | null;
  requirements: Requirement[];
  warnings: DetectWarning[];
}

const REQUIREMENTS_NAME = /^requirements.*\.txt$/i;
/** Requirements files for development only; a container installs the others. */
const DEV_ONLY = /dev|test|lint|doc|ci|local/i;
const PRODUCTION_NAMES = ['prod.txt', 'production.txt', 'base.txt', 'common.txt', 'main.txt'];
const MAX_INCLUDE_DEPTH = 10;

/** Which requirements files a production image installs, before following `-r` includes. */
export function productionRequirementFiles(files: ProjectFiles, root: string): string[] {
  const atRoot = files.filesIn(root).filter((f) => REQUIREMENTS_NAME.test(basename(f)));
  const main = atRoot.find((f) => basename(f).toLowerCase() === 'requirements.txt');
  if (main) return [main];
  const inFolder = files.filesIn(join(root, 'requirements')).filter((f) => f.endsWith('.txt'));
  const named = PRODUCTION_NAMES.map((n) => inFolder.find((f) => basename(f).toLowerCase() === n)).find(Boolean);
  if (named) return [named];
  const candidates = [...atRoot, ...inFolder];
  const nonDev = candidates.filter((f) => !DEV_ONLY.test(basename(f)));
  return nonDev.length ? nonDev : candidates;
}

export async function readDependencies(files: ProjectFiles, root: string): Promise<ProjectDependencies> {
  const at = (name: string) => (files.has(join(root, name)) ? join(root, name) : null);
  const warnings: DetectWarning[] = [];
  const manifest = async (name: string, read: (text: string, path: string) => Manifest): Promise<Manifest | null> => {
    const path = at(name);
    const text = path && (await files.text(path));
    if (!path || text === null || text === undefined) return null;
    const parsed = read(text, path);
    if (parsed.warning) warnings.push(parsed.warning);
    return parsed;
  };
  const pyproject = await manifest('pyproject.toml', readPyproject);
  const pipfile = await manifest('Pipfile', readPipfile);
  const requirementFiles = await readRequirementFiles(files, productionRequirementFiles(files, root), warnings);

  const tools = pyproject?.tools ?? new Set();
  // A member of a uv workspace has no lock of its own: the workspace root's uv.lock pins it.
  const ownLock = ['uv.lock', 'poetry.lock', 'pdm.lock', 'Pipfile.lock'].some((name) => at(name));
  const workspace = pyproject && !ownLock ? await uvWorkspaceOf(files, root, pyproject.name) : null;
  const packageManager: PackageManager = at('uv.lock') || tools.has('uv') || workspace ? 'uv'
    : at('poetry.lock') || tools.has('poetry') ? 'poetry'
      : at('pdm.lock') || tools.has('pdm') ? 'pdm'
        : pipfile || at('Pipfile.lock') ? 'pipenv' : 'pip';
  const lockFor: Partial<Record<PackageManager, string>> = { uv: 'uv.lock', poetry: 'poetry.lock', pdm: 'pdm.lock', pipenv: 'Pipfile.lock' };
  const owned = packageManager === 'pipenv' ? ['Pipfile'] : packageManager === 'pip' && requirementFiles.length ? [] : ['pyproject.toml'];
  const dependencyFiles = [...owned, lockFor[packageManager]].filter((n): n is string => !!n && !!at(n));
  if (packageManager === 'pip') dependencyFiles.push(...requirementFiles.map((f) => relativeTo(root, f.path)));
  if (!dependencyFiles.length) {
    warnings.push(warning(WARNING.noDependencyFile,
      `No requirements.txt, pyproject.toml or Pipfile in ${root || '.'}; the image would install no dependencies.`));
  }

  const requirements = [...(pyproject?.requirements ?? []), ...(pipfile?.requirements ?? []),
    ...requirementFiles.flatMap((f) => f.requirements)];
  const localDependencies = [...new Set(requirementFiles.flatMap((f) => f.local))].map((p) => relativeTo(root, p));
  const entryPoints = pyproject?.entryPoints;
  const installProject = entryPoints ? { ...entryPoints, file: join(root, 'pyproject.toml') } : null;
  const linked: string[] = [];
  for (const folder of localDependencies) {
    const setupPy = await files.text(join(join(root, folder.replace(/^\.\//, '').replace(/\/$/, '')), 'setup.py'));
    if (setupPy) linked.push(...linkedLibraries(setupPy));
  }
  return { packageManager, workspace, dependencyFiles, localDependencies, installProject, requirements, linkedLibraries: [...new Set(linked)], warnings };
}

/** Reads requirements files and what they include with `-r`, each once (includes may cycle). */
async function readRequirementFiles(files: ProjectFiles, start: string[], warnings: DetectWarning[]) {
  const read: { path: string; requirements: Requirement[]; local: string[] }[] = [];
  const seen = new Set<string>();
  const visit = async (path: string, from: string | null, depth: number): Promise<void> => {
    if (seen.has(path) || depth > MAX_INCLUDE_DEPTH) return;
    seen.add(path);
    // An include may point into a folder the walk skipped; it is still the user's file.
    const text = await files.text(path, { quiet: from !== null && !files.has(path) });
    if (text === null) {
      if (from) warnings.push(warning(WARNING.requirementsIncludeMissing, `${from} includes ${path}, which could not be read.`, from));
      return;
    }
    const parsed = parseRequirementsFile(text);
    const local = parsed.localPaths.map((p) => normalize(join(dirname(path), p.replace(/\/$/, '')))).filter((p): p is string => p !== null);
    read.push({ path, requirements: parsed.requirements, local });
    for (const include of parsed.includes) {
      const target = normalize(join(dirname(path), include));
      if (target === null) {
        warnings.push(warning(WARNING.requirementsIncludeMissing, `${path} includes ${include}, which is outside the project.`, path));
        continue;
      }
      await visit(target, path, depth + 1);
    }
  };
  for (const path of start) await visit(path, null, 0);
  return read;
}
