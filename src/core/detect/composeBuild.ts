/** Which compose services are this project: those whose image is built from its folder. */
import { dirname, join, normalize } from './paths';

/**
 * Whether a compose service's `build` (a context path, or `{ context }`) is the project at `root`.
 * The context is relative to the compose file, which may sit in a folder above the project.
 */
export function buildsFrom(build: unknown, composePath: string, root: string): boolean {
  const context = typeof build === 'string' ? build : build && typeof build === 'object' ? (build as { context?: unknown }).context : null;
  return typeof context === 'string' && normalize(join(dirname(composePath), context)) === root;
}
