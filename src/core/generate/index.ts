import { excludedPaths } from './dockerignore';
import type { AppFacts } from './facts';
import { DEFAULT_OPTIONS, type GenerateOptions } from './options';
import { renderTemplate } from './render';
import { BUILT_IN_TEMPLATES, KINDS, TEMPLATE_FILES, type GeneratedKind, type TemplateSet } from './templates';
import { templateView, type TemplateView } from './view';

export type { AppFacts } from './facts';
export { DEFAULT_OPTIONS, type GenerateOptions } from './options';
export { mergeDockerignore } from './dockerignore';
export { BUILT_IN_TEMPLATES, type GeneratedKind, type TemplateSet } from './templates';
export { generateScript, scriptPath, type ScriptFacts, type ScriptGenerationPlan } from './script';

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
  /** What the templates were given. */
  view: TemplateView;
}

const join = (root: string, name: string) => (root === '.' || root === '' ? name : `${root}/${name}`);

/**
 * Renders the templates (the built-ins unless a team's are given; adapters check a team's with
 * checkTemplate first) for one app.
 */
export function generate(app: AppFacts, overrides: Partial<GenerateOptions> = {}, templates: TemplateSet = BUILT_IN_TEMPLATES): GenerationPlan {
  const view = templateView(app, { ...DEFAULT_OPTIONS, ...overrides });
  // The .dockerignore re-includes what the Dockerfile copies when its own patterns would exclude it.
  const keep = excludedPaths(renderTemplate(templates.dockerignore.text, view), view.dependencies.files);
  view.dockerignore = { keep, hasKeep: keep.length > 0 };
  return {
    app,
    view,
    files: KINDS.map((kind) => ({ kind, path: join(app.root, TEMPLATE_FILES[kind].output), content: renderTemplate(templates[kind].text, view) })),
  };
}
