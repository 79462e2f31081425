import { generateCompose } from './compose';
import { generateDockerfile } from './dockerfile';
import { generateDockerignore, type DockerignoreInput } from './dockerignore';
import { dependencySteps } from './dependencySteps';
import type { AppFacts } from './facts';
import { DEFAULT_OPTIONS, type GenerateOptions } from './options';

export type { AppFacts } from './facts';
export { DEFAULT_OPTIONS, type GenerateOptions } from './options';
export { mergeDockerignore } from './dockerignore';

export type GeneratedKind = 'dockerfile' | 'dockerignore' | 'compose';

export interface GeneratedFile {
  kind: GeneratedKind;
  /** Relative to the workspace folder that was scanned (the app's root joined with the file name). */
  path: string;
  content: string;
}

/** The plan: the three files, in the order they are written. */
export interface GenerationPlan {
  app: AppFacts;
  files: GeneratedFile[];
  /** For the .dockerignore merge: what the Dockerfile copies, which must never be excluded. */
  dockerignore: DockerignoreInput;
}

const join = (root: string, name: string) => (root === '.' || root === '' ? name : `${root}/${name}`);

export function generate(app: AppFacts, overrides: Partial<GenerateOptions> = {}): GenerationPlan {
  const options = { ...DEFAULT_OPTIONS, ...overrides };
  const copied = dependencySteps(app, options.cacheMounts, []).copy;
  const dockerignore: DockerignoreInput = { comments: options.comments, mustKeep: copied, extraPatterns: app.frontendFolders };
  return {
    app,
    dockerignore,
    files: [
      { kind: 'dockerfile', path: join(app.root, 'Dockerfile'), content: generateDockerfile(app, options) },
      { kind: 'dockerignore', path: join(app.root, '.dockerignore'), content: generateDockerignore(dockerignore) },
      { kind: 'compose', path: join(app.root, 'compose.yaml'), content: generateCompose(app, options) },
    ],
  };
}
