/** The compose files that speak for a project, each parsed once, and which of their services are the project. */
import { parseCompose, type ComposeModel } from '../explain/compose/composeModel';
import { ancestors, basename, dirname, join, normalize } from './paths';
import type { ProjectFiles } from './projectFiles';

export interface ComposeFile {
  file: string;
  model: ComposeModel;
}

/** `compose.yaml`, `docker-compose.yml` and their variants (`docker-compose.prod.yml`, `compose.override.yaml`). */
const COMPOSE_FILE = /^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/;
/** The names `docker compose` itself looks for, in its order: they speak before the variants. */
export const STANDARD_COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

/** The compose files of the project's folder and the folders above it, nearest first. */
export async function readComposeFiles(files: ProjectFiles, root: string): Promise<ComposeFile[]> {
  const out: ComposeFile[] = [];
  for (const folder of ancestors(root)) {
    const names = files.filesIn(folder).map(basename).filter((n) => COMPOSE_FILE.test(n))
      .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    for (const name of names) {
      const file = join(folder, name);
      const text = await files.text(file);
      if (text !== null) out.push({ file, model: parseCompose(text) });
    }
  }
  return out;
}

function rank(name: string): number {
  const standard = STANDARD_COMPOSE_FILES.indexOf(name);
  return standard < 0 ? STANDARD_COMPOSE_FILES.length : standard;
}

/**
 * Whether a compose service's `build` (a context path, or `{ context }`) is the project at `root`.
 * The context is relative to the compose file, which may sit in a folder above the project.
 */
export function buildsFrom(build: unknown, composePath: string, root: string): boolean {
  const context = typeof build === 'string' ? build : build && typeof build === 'object' ? (build as { context?: unknown }).context : null;
  return typeof context === 'string' && normalize(join(dirname(composePath), context)) === root;
}
