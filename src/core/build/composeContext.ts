/**
 * The build context a project's own compose file gives a Dockerfile. A Dockerfile is usually built
 * from its own folder, but when the compose file beside it builds it from elsewhere (a uv workspace
 * member built from the workspace root: `context: ..`, `dockerfile: backend/Dockerfile`), Build & Run
 * must use that context too, or the COPY of files outside the folder fails.
 */
import { parse } from 'yaml';
import { normalize } from '../detect/paths';

export { STANDARD_COMPOSE_FILES } from '../detect/composeFiles';

type Build = string | { context?: unknown; dockerfile?: unknown } | undefined;

/** POSIX join with `.` and `..` resolved; the paths here are absolute (`..` above / stays at /, as the kernel does). */
function resolvePath(base: string, path: string): string {
  return `/${normalize(path.startsWith('/') ? path : `${base}/${path}`) ?? ''}`;
}

/**
 * The context (absolute) of the compose service that builds `dockerfile` (absolute), read from the
 * compose file in `composeDir`; null when no service builds it or the file is not valid YAML.
 */
export function composeContextFor(composeText: string, composeDir: string, dockerfile: string): string | null {
  let doc: unknown;
  try {
    doc = parse(composeText);
  } catch {
    return null;
  }
  const services = (doc as { services?: Record<string, { build?: Build }> } | null)?.services;
  if (!services || typeof services !== 'object') return null;
  for (const service of Object.values(services)) {
    const build = service?.build;
    if (build === undefined || build === null) continue;
    const context = resolvePath(composeDir, typeof build === 'string' ? build : typeof build.context === 'string' ? build.context : '.');
    const named = typeof build === 'object' && typeof build.dockerfile === 'string' ? build.dockerfile : 'Dockerfile';
    if (resolvePath(context, named) === resolvePath('/', dockerfile)) return context;
  }
  return null;
}
