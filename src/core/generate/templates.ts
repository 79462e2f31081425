/**
 * The template set: one template per generated file. The built-in templates are the defaults, a
 * team's templates (found by the adapters) replace them file by file; both go through the same
 * engine with the same view.
 */
import compose from './templates/compose.yaml.mustache';
import dockerfile from './templates/Dockerfile.mustache';
import dockerignore from './templates/dockerignore.mustache';

export type GeneratedKind = 'dockerfile' | 'dockerignore' | 'compose';

/** Each kind: the file it generates and the template's file name (in .dockwright/ or a shared folder). */
export const TEMPLATE_FILES: Record<GeneratedKind, { output: string; template: string }> = {
  dockerfile: { output: 'Dockerfile', template: 'Dockerfile.mustache' },
  dockerignore: { output: '.dockerignore', template: 'dockerignore.mustache' },
  compose: { output: 'compose.yaml', template: 'compose.yaml.mustache' },
};

/** In the order the files are written. */
export const KINDS: readonly GeneratedKind[] = ['dockerfile', 'dockerignore', 'compose'];

export interface Template {
  text: string;
  /** Where it comes from, for messages: "built-in" or the template file's path. */
  origin: string;
}

export type TemplateSet = Record<GeneratedKind, Template>;

export const BUILT_IN_TEMPLATES: TemplateSet = {
  dockerfile: { text: dockerfile, origin: 'built-in' },
  dockerignore: { text: dockerignore, origin: 'built-in' },
  compose: { text: compose, origin: 'built-in' },
};
