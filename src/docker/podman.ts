import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Podman's Docker-compatible API socket, if one exists here: rootless under the user's runtime
 * dir, rootful under /run/podman. Used to say "Docker's socket is missing, but Podman's is there".
 */
export function findPodmanSocket(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (process.platform === 'win32') return undefined;
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const candidates = [
    env.XDG_RUNTIME_DIR && join(env.XDG_RUNTIME_DIR, 'podman', 'podman.sock'),
    uid !== undefined && `/run/user/${uid}/podman/podman.sock`,
    '/run/podman/podman.sock',
  ].filter((p): p is string => Boolean(p));
  return candidates.find((p) => existsSync(p));
}
