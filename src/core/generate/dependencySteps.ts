import { VENV } from './dockerfile';
import type { AppFacts } from './facts';

/**
 * How one package manager gets the dependencies into the virtualenv at /opt/venv. The venv is made
 * without pip: the image's own pip installs into it (PIP_PYTHON, pip's `--python`, pip 22.3 and
 * later; the plain `pip install` keeps the line readable and explainable as such), and uv,
 * Poetry, Pipenv and PDM run from a throwaway venv removed in the same step, so the app's venv (the
 * part a multi-stage build copies) and the image hold no installer.
 */
export interface DependencySteps {
  /** Files (relative to the context) copied before the install so its layer stays cached. */
  copy: string[];
  /** Shell commands run with the venv first in PATH. */
  run: string[];
  /** Why, in a sentence, for the comment above the install. */
  why: string;
  /** Installs the project itself once its code is in /app (empty: its dependencies are enough). */
  project: string[];
  /** Why the project is installed, for the comment above that step. */
  projectWhy: string;
}

/** What the install depends on: an app's or a plain script's project. */
type Project = Pick<AppFacts, 'packageManager' | 'dependencyFiles' | 'localDependencies' | 'installProject'> & Partial<Pick<AppFacts, 'workspace'>>;

const has = (app: Project, file: string) => app.dependencyFiles.includes(file);

/** Where uv, Poetry, Pipenv or PDM are installed for the install step, and removed after it. */
const TOOLS = '/opt/tools';

export function dependencySteps(app: Project, cacheMounts: boolean, extraPackages: string[]): DependencySteps {
  // No cache flags when a BuildKit cache mount keeps the caches instead, outside the layers.
  const noCache = (flag: string) => (cacheMounts ? '' : ` ${flag}`);
  const pip = `PIP_PYTHON=${VENV}/bin/python pip install${noCache('--no-cache-dir')}`;
  const extra = extraPackages.length ? ` ${extraPackages.join(' ')}` : '';
  const local = app.localDependencies ?? [];
  const tool = (name: string) => [`python -m venv ${TOOLS}`, `${TOOLS}/bin/pip install${noCache('--no-cache-dir')} ${name}`];
  const project = app.installProject
    ? {
      project: [`${pip} --no-deps .`],
      projectWhy: `${app.installProject.table} in pyproject.toml declares entry points, which exist only once the project is installed; its dependencies are in already.`,
    }
    : { project: [], projectWhy: '' };
  // A script that needs only the standard library: nothing to copy, nothing to install.
  if (!app.dependencyFiles.length && !extraPackages.length && !local.length) return { copy: [], run: [], why: '', ...project };
  if (app.workspace) {
    const { workspace } = app;
    const locked = workspace.files.includes('uv.lock');
    return {
      // The workspace's own pyproject.toml and lock, and every member's pyproject.toml: uv reads them all.
      copy: workspace.files,
      run: [
        ...tool('uv'),
        // The member's dependencies as uv.lock pins them, without any member's own code.
        `UV_PROJECT_ENVIRONMENT=${VENV} UV_PYTHON_DOWNLOADS=never${cacheMounts ? ' UV_LINK_MODE=copy' : ''} ${TOOLS}/bin/uv sync ${locked ? '--frozen ' : ''}--no-dev --package ${workspace.package} --no-install-workspace${noCache('--no-cache')}`,
        ...(extra ? [`${pip}${extra}`] : []),
        `rm -rf ${TOOLS}`,
      ],
      why: `${workspace.member} is a member of the uv workspace at ${workspace.root === '.' ? 'the repository root' : workspace.root}: ${locked ? 'its uv.lock pins the versions' : 'uv resolves its pyproject.toml files'}, so the image is built from there and installs the ${workspace.package} package's dependencies.`,
      ...project,
    };
  }
  switch (app.packageManager) {
    case 'uv':
      return {
        copy: ['pyproject.toml', ...(has(app, 'uv.lock') ? ['uv.lock'] : []), ...local],
        run: [
          ...tool('uv'),
          // Exactly what uv.lock pins, into /opt/venv, without the project; never a Python of uv's own.
          `UV_PROJECT_ENVIRONMENT=${VENV} UV_PYTHON_DOWNLOADS=never${cacheMounts ? ' UV_LINK_MODE=copy' : ''} ${TOOLS}/bin/uv sync ${has(app, 'uv.lock') ? '--frozen ' : ''}--no-dev --no-install-project${noCache('--no-cache')}`,
          ...(extra ? [`${pip}${extra}`] : []),
          `rm -rf ${TOOLS}`,
        ],
        why: has(app, 'uv.lock') ? 'uv installs the exact versions pinned in uv.lock.' : 'uv resolves pyproject.toml (add a uv.lock to pin versions).',
        ...project,
      };
    case 'poetry':
      return {
        copy: ['pyproject.toml', ...(has(app, 'poetry.lock') ? ['poetry.lock'] : []), ...local],
        run: [
          ...tool('poetry'),
          // Poetry installs into the venv VIRTUAL_ENV names instead of making its own.
          `VIRTUAL_ENV=${VENV} POETRY_VIRTUALENVS_CREATE=false ${TOOLS}/bin/poetry install --only main --no-root --no-interaction${noCache('--no-cache')}`,
          ...(extra ? [`${pip}${extra}`] : []),
          `rm -rf ${TOOLS}`,
        ],
        why: has(app, 'poetry.lock') ? 'Poetry installs the versions pinned in poetry.lock.' : 'Poetry resolves pyproject.toml.',
        ...project,
      };
    case 'pipenv':
      return {
        copy: ['Pipfile', ...(has(app, 'Pipfile.lock') ? ['Pipfile.lock'] : []), ...local],
        run: [
          ...tool('pipenv'),
          // Export the lock as requirements, so pip installs it into the venv like any other.
          `${TOOLS}/bin/pipenv requirements > /tmp/requirements.txt`,
          `${pip} -r /tmp/requirements.txt${extra}`,
          `rm -rf ${TOOLS} /tmp/requirements.txt`,
        ],
        why: 'Pipenv exports Pipfile.lock, and pip installs exactly those versions.',
        ...project,
      };
    case 'pdm':
      return {
        copy: ['pyproject.toml', ...(has(app, 'pdm.lock') ? ['pdm.lock'] : []), ...local],
        run: [
          ...tool('pdm'),
          `${TOOLS}/bin/pdm export --prod --without-hashes -o /tmp/requirements.txt`,
          `${pip} -r /tmp/requirements.txt${extra}`,
          `rm -rf ${TOOLS} /tmp/requirements.txt`,
        ],
        why: 'PDM exports its lock file, and pip installs exactly those versions.',
        ...project,
      };
    case 'pip': {
      // Every requirements file, including those reached through `-r` includes.
      const requirements = app.dependencyFiles.filter((f) => f.endsWith('.txt'));
      if (requirements.length) {
        const main = requirements.includes('requirements.txt') ? 'requirements.txt' : requirements[0];
        return {
          copy: [...requirements, ...local],
          run: [`${pip} -r ${main}${extra}`],
          why: `Only ${requirements.length > 1 ? 'the requirements files are' : `${main} is`} copied first, so this layer is rebuilt only when the dependencies change, not on every code edit.`,
          ...project,
        };
      }
      // PEP 621 without a lock: install [project].dependencies without the project itself.
      return {
        copy: ['pyproject.toml', ...local],
        run: [
          `python -c "import tomllib; print('\\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project'].get('dependencies', [])))" > /tmp/requirements.txt`,
          `${pip} -r /tmp/requirements.txt${extra}`,
          'rm /tmp/requirements.txt',
        ],
        why: 'The dependencies listed in pyproject.toml are installed before the code is copied, so this layer stays cached across code edits.',
        ...project,
      };
    }
  }
}
