import type { AppFacts } from './facts';

/** How one package manager gets the dependencies into the virtualenv at /opt/venv. */
export interface DependencySteps {
  /** Files (relative to the context) copied before the install so its layer stays cached. */
  copy: string[];
  /** Shell commands run with the venv active. */
  run: string[];
  /** Why, in a sentence, for the comment above the install. */
  why: string;
}

/** What the install depends on: an app's or a plain script's project. */
type Project = Pick<AppFacts, 'packageManager' | 'dependencyFiles' | 'localDependencies'>;

const has = (app: Project, file: string) => app.dependencyFiles.includes(file);

/** pip's flag against its download cache, or nothing when a BuildKit cache mount keeps it instead. */
function pipNoCache(cacheMounts: boolean): string {
  return cacheMounts ? '' : ' --no-cache-dir';
}

export function dependencySteps(app: Project, cacheMounts: boolean, extraPackages: string[]): DependencySteps {
  const pip = `pip install${pipNoCache(cacheMounts)}`;
  const extra = extraPackages.length ? ` ${extraPackages.join(' ')}` : '';
  const local = app.localDependencies ?? [];
  // A script that needs only the standard library: nothing to copy, nothing to install.
  if (!app.dependencyFiles.length && !extraPackages.length && !local.length) return { copy: [], run: [], why: '' };
  switch (app.packageManager) {
    case 'uv':
      return {
        copy: ['pyproject.toml', ...(has(app, 'uv.lock') ? ['uv.lock'] : []), ...local],
        run: [
          `${pip} uv`,
          // Installs exactly what uv.lock pins into the active venv, without the project itself.
          `UV_PROJECT_ENVIRONMENT=/opt/venv uv sync ${has(app, 'uv.lock') ? '--frozen ' : ''}--no-dev --no-install-project`,
          ...(extra ? [`${pip}${extra}`] : []),
        ],
        why: has(app, 'uv.lock') ? 'uv installs the exact versions pinned in uv.lock.' : 'uv resolves pyproject.toml (add a uv.lock to pin versions).',
      };
    case 'poetry':
      return {
        copy: ['pyproject.toml', ...(has(app, 'poetry.lock') ? ['poetry.lock'] : []), ...local],
        run: [
          `${pip} poetry`,
          // Poetry installs into the already active venv instead of making its own.
          `POETRY_VIRTUALENVS_CREATE=false poetry install --only main --no-root --no-interaction`,
          ...(extra ? [`${pip}${extra}`] : []),
        ],
        why: has(app, 'poetry.lock') ? 'Poetry installs the versions pinned in poetry.lock.' : 'Poetry resolves pyproject.toml.',
      };
    case 'pipenv':
      return {
        copy: ['Pipfile', ...(has(app, 'Pipfile.lock') ? ['Pipfile.lock'] : []), ...local],
        run: [
          `${pip} pipenv`,
          // Export the lock as requirements, so pip installs it into the venv like any other.
          `pipenv requirements > /tmp/requirements.txt`,
          `${pip} -r /tmp/requirements.txt${extra}`,
        ],
        why: 'Pipenv exports Pipfile.lock, and pip installs exactly those versions.',
      };
    case 'pdm':
      return {
        copy: ['pyproject.toml', ...(has(app, 'pdm.lock') ? ['pdm.lock'] : []), ...local],
        run: [
          `${pip} pdm`,
          `pdm export --prod --without-hashes -o /tmp/requirements.txt`,
          `${pip} -r /tmp/requirements.txt${extra}`,
        ],
        why: 'PDM exports its lock file, and pip installs exactly those versions.',
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
        };
      }
      // PEP 621 without a lock: install [project].dependencies without the project itself.
      return {
        copy: ['pyproject.toml', ...local],
        run: [
          `python -c "import tomllib; print('\\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project'].get('dependencies', [])))" > /tmp/requirements.txt`,
          `${pip} -r /tmp/requirements.txt${extra}`,
        ],
        why: 'The dependencies listed in pyproject.toml are installed before the code is copied, so this layer stays cached across code edits.',
      };
    }
  }
}
