/** The TCP ports a Dockerfile's final image EXPOSEs, in order: the ones the launcher can publish. */
import { imagePorts, parseDockerfile } from '../dockerfile';

export function exposedPorts(dockerfileText: string): number[] {
  return imagePorts(parseDockerfile(dockerfileText)).map((p) => p.port);
}
