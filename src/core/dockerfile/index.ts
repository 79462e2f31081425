/**
 * The Dockerfile model, the one reading of a Dockerfile: parse once with parseDockerfile, then ask
 * the model about its stages, variables and ports. Explain, lint, build, the dashboard and
 * detection all read Dockerfiles through this facade.
 */
export type { DockerfileModel, FlagNode, ImageRef, InstructionNode, PropertyNode, Stage, Word } from './model';
export { parseDockerfile } from './parse';
export { instructionText } from './instructionText';
export { baseImageOf, finalStage, inherited, instructionAt, stageChain } from './stages';
export { stageEnv, substitute, withBuildVariables } from './variables';
export { imagePorts, tcpPort, type ExposedPort } from './ports';
