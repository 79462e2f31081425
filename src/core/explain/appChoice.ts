/** Which detected app a Dockerfile or compose file in a folder belongs to. */
import type { AppFacts, DetectResult } from '../detect/types';

/** The app whose project is the folder itself, else the only app found; null when it is not clear. */
export function appForFolder(result: DetectResult): AppFacts | null {
  return result.apps.find((a) => a.root === '.') ?? (result.apps.length === 1 ? result.apps[0] : null);
}

/** Whether a file name is a compose file: compose.yaml, docker-compose.prod.yml, ... */
export function isComposeFileName(name: string): boolean {
  return /^(docker-)?compose([.-][\w.-]*)?\.ya?ml$/i.test(name);
}
