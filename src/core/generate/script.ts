/**
 * The files for a plain script (a program run with `python <file>`, no web framework): a Dockerfile
 * that runs it and a .dockerignore. No port, healthcheck or compose file: the script serves nothing
 * and exits when it is done, so `docker run --rm` is all it takes. The Dockerfile shares its Python,
 * images, dependency install and labels with an app's (commonView); the .dockerignore is the app's.
 */
import type { PlainScript } from '../detect/types';
import { dependencySteps } from './dependencySteps';
import { execForm } from './dockerfile';
import { excludedPaths } from './dockerignore';
import type { GeneratedFile } from './index';
import type { GenerateOptions } from './options';
import { renderTemplate } from './render';
import { BUILT_IN_TEMPLATES, TEMPLATE_FILES } from './templates';
import scriptDockerfile from './templates/script.Dockerfile.mustache';
import { commonView, type CommonView } from './view';

/** What generation needs to know about a script: its file and its project's Python and dependencies. */
export type ScriptFacts = Pick<PlainScript, 'file' | 'root' | 'pythonVersion' | 'packageManager' | 'dependencyFiles' | 'localDependencies'>;

export interface ScriptView extends Omit<CommonView, 'name' | 'label'> {
  /** The fields of an app's view the .dockerignore template reads. */
  app: { name: string; root: string; hasEnvFile: boolean; frontendFolders: string[]; hasFrontendFolders: boolean };
  /** The file relative to the project's root (the build context), and how the container runs it. */
  script: { file: string; command: string[]; exec: string };
  /** Whether anything is installed: a script that needs only the standard library gets no virtualenv. */
  installs: boolean;
  instructions: { label: string };
  dockerignore: { keep: string[]; hasKeep: boolean };
}

export interface ScriptGenerationPlan {
  script: ScriptFacts;
  /** The Dockerfile and .dockerignore, in the order they are written. */
  files: GeneratedFile[];
  view: ScriptView;
}

const join = (root: string, name: string) => (root === '.' || root === '' ? name : `${root}/${name}`);

/** The script's path inside its project, as `python` is given it in the container's WORKDIR. */
export function scriptPath(script: Pick<ScriptFacts, 'file' | 'root'>): string {
  return script.root === '.' ? script.file : script.file.slice(script.root.length + 1);
}

export function scriptView(script: ScriptFacts, options: GenerateOptions): ScriptView {
  const file = scriptPath(script);
  const command = ['python', file];
  const deps = dependencySteps(script, options.cacheMounts, []);
  const installs = deps.run.length > 0;
  const { name, label, ...common } = commonView(script, options, deps, `Python script ${file}, run with python ${file}`);
  return {
    ...common,
    // Nothing to install leaves nothing to build: one slim stage.
    multiStage: common.multiStage && installs,
    app: { name, root: script.root, hasEnvFile: options.hasEnvFile, frontendFolders: [], hasFrontendFolders: false },
    script: { file, command, exec: execForm(command) },
    installs,
    instructions: { label },
    dockerignore: { keep: [], hasKeep: false },
  };
}

/**
 * Renders the script's Dockerfile and the built-in .dockerignore. A team's templates are written
 * for apps (ports, servers, compose), so scripts use the built-ins; the team's options still apply.
 */
export function generateScript(script: ScriptFacts, options: GenerateOptions): ScriptGenerationPlan {
  const view = scriptView(script, options);
  const dockerignore = BUILT_IN_TEMPLATES.dockerignore.text;
  // The script itself may sit in a folder the .dockerignore leaves out (build/, env/): keep it in.
  const keep = excludedPaths(renderTemplate(dockerignore, view), [...view.dependencies.files, view.script.file]);
  view.dockerignore = { keep, hasKeep: keep.length > 0 };
  return {
    script,
    view,
    files: [
      { kind: 'dockerfile', path: join(script.root, TEMPLATE_FILES.dockerfile.output), content: renderTemplate(scriptDockerfile, view) },
      { kind: 'dockerignore', path: join(script.root, TEMPLATE_FILES.dockerignore.output), content: renderTemplate(dockerignore, view) },
    ],
  };
}
