/** The ports a Dockerfile's image EXPOSEs, as `docker run -P` and Dockwright's launcher read them. */
import type { DockerfileModel, InstructionNode } from './model';
import { finalStage } from './stages';
import { substitute, withBuildVariables } from './variables';

export interface ExposedPort {
  port: number;
  /** The EXPOSE that names it. */
  node: InstructionNode;
}

const PORT_SPEC = /^(\d+)(?:-\d+)?(?:\/(tcp|udp|sctp))?$/i;

/** "8000", "8000/tcp", "8000-8010" (first of the range); UDP ports are not HTTP, so they are skipped. */
export function tcpPort(spec: string): number | undefined {
  const match = PORT_SPEC.exec(spec.trim());
  if (!match || (match[2] && match[2].toLowerCase() !== 'tcp')) return undefined;
  const port = Number(match[1]);
  return port > 0 && port < 65536 ? port : undefined;
}

/**
 * The TCP ports of the final image, in order, each once: the final stage's EXPOSEs and those of the
 * stages it is built FROM, with the build's ARG and ENV values substituted.
 */
export function imagePorts(model: DockerfileModel): ExposedPort[] {
  const stage = finalStage(model);
  const ports: ExposedPort[] = [];
  if (!stage) return ports;
  withBuildVariables(model, stage, (node, vars) => {
    if (node.keyword !== 'EXPOSE') return;
    for (const word of node.words) {
      const port = tcpPort(substitute(word.value, vars));
      if (port !== undefined && !ports.some((p) => p.port === port)) ports.push({ port, node });
    }
  });
  return ports;
}
