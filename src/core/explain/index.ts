/**
 * Explain and lint, the pure API: text (and optional app facts) in, lenses, hovers, explanations
 * and findings with fixes out. Parse once with parseDockerfile, parseCompose or parseManifest and pass the model to
 * each function; analyze() shares the per-file work between lenses, hovers and explanations.
 */
export { analyze, type Analysis } from './analysis';
export { parseDockerfile, type DockerfileModel } from '../dockerfile';
export { explainDockerfile, explainInstructionIn } from './explainInstruction';
export { dockerfileHover, hoverIn } from './hover';
export { dockerfileLenses, lensesIn } from './lenses';
export { lintDockerfile, lintIn } from './lint/lint';
export { fullMarkdown, hoverMarkdown, plainText } from './render';
export { parseCompose, type ComposeModel } from './compose/composeModel';
export { composeHover } from './compose/composeHover';
export { lintCompose } from './compose/composeLint';
export { parseManifest, type ManifestModel } from './k8s/manifestModel';
export { isManifestText } from './k8s/manifestText';
export { manifestHover } from './k8s/manifestHover';
export { manifestLenses, type ManifestLens } from './k8s/manifestLenses';
export { lintManifest } from './k8s/manifestLint';
export * from './types';
