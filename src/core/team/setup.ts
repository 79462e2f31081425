/**
 * Where a team's templates and config come from, in this order: the repository's `.dockwright/`
 * folder (and `.dockwright.yaml`), then a shared folder (the dockwright.templatesPath setting or
 * `--templates`), then the built-in templates. Templates are chosen file by file; configs merge,
 * the repository's winning. The adapters give a reader; paths are '/'-separated.
 */
import { checkTemplate } from '../generate/render';
import { BUILT_IN_TEMPLATES, KINDS, TEMPLATE_FILES, type Template, type TemplateSet } from '../generate/templates';
import { BUILT_IN_K8S_TEMPLATES, checkK8sTemplate, K8S_TEMPLATE_KINDS, k8sTemplateFile, type K8sTemplateSet } from '../k8s/templates';
import type { GenerateOptions } from '../generate/options';
import type { PositionedError } from '../text/positions';
import { configOptions, mergeConfigs, parseTeamConfig, type RuleSetting, type TeamConfig } from './config';

export interface TeamReader {
  /** The file's text, or null when it does not exist. */
  read(path: string): Promise<string | null>;
  /** Whether a file or folder exists. */
  exists(path: string): Promise<boolean>;
}

export const TEAM_FOLDER = '.dockwright';
/** Config file names at the repository's root, then inside a templates folder (JSON is YAML too). */
const ROOT_CONFIGS = ['.dockwright.yaml', '.dockwright.yml', '.dockwright.json'];
const FOLDER_CONFIGS = ['config.yaml', 'config.yml', 'config.json'];

export interface TeamSetup {
  /** The folder holding `.dockwright/` or `.dockwright.yaml`, or null when the repository has neither. */
  root: string | null;
  templates: TemplateSet;
  /** The Kubernetes manifests' templates (`k8s/*.yaml.mustache` in the same folders), chosen the same way. */
  k8sTemplates: K8sTemplateSet;
  options: Partial<GenerateOptions>;
  config: TeamConfig;
  /** Per lint rule (code or name): off, or another severity. */
  rules: Record<string, RuleSetting>;
  /** Every team file in use (configs and templates). Empty: only the built-ins. */
  sources: string[];
}

export const join = (dir: string, name: string) => `${dir.replace(/\/+$/, '')}/${name}`;
function parent(dir: string): string | null {
  const trimmed = dir.replace(/\/+$/, '') || '/';
  const cut = trimmed.lastIndexOf('/');
  if (trimmed === '/' || cut < 0) return null;
  return cut === 0 ? '/' : trimmed.slice(0, cut);
}

/** The nearest folder at or above `start` with team files, stopping at the repository's top (.git). */
export async function findTeamRoot(reader: TeamReader, start: string): Promise<string | null> {
  for (let dir: string | null = start; dir; dir = parent(dir)) {
    for (const name of [TEAM_FOLDER, ...ROOT_CONFIGS]) if (await reader.exists(join(dir, name))) return dir;
    if (await reader.exists(join(dir, '.git'))) return null;
  }
  return null;
}

interface Layer {
  configs: string[];
  folder: string;
}

async function readLayer(reader: TeamReader, layer: Layer, errors: PositionedError[], sources: string[]) {
  const found: { path: string; text: string }[] = [];
  for (const path of layer.configs) {
    const text = await reader.read(path);
    if (text !== null) found.push({ path, text });
  }
  if (found.length > 1) {
    errors.push({ file: found[1].path, line: 1, column: 1, message: `a second config next to ${found[0].path}: keep one` });
  }
  let config: TeamConfig = {};
  if (found.length) {
    const parsed = parseTeamConfig(found[0].path, found[0].text);
    errors.push(...parsed.errors);
    config = parsed.config;
    sources.push(found[0].path);
  }
  const readTemplate = async (name: string, check: (path: string, text: string) => PositionedError[]): Promise<Template | null> => {
    const path = join(layer.folder, name);
    const text = await reader.read(path);
    if (text === null) return null;
    errors.push(...check(path, text));
    sources.push(path);
    return { text, origin: path };
  };
  const templates: Partial<TemplateSet> = {};
  for (const kind of KINDS) {
    const template = await readTemplate(TEMPLATE_FILES[kind].template, checkTemplate);
    if (template) templates[kind] = template;
  }
  const k8sTemplates: Partial<K8sTemplateSet> = {};
  for (const kind of K8S_TEMPLATE_KINDS) {
    const template = await readTemplate(k8sTemplateFile(kind), checkK8sTemplate);
    if (template) k8sTemplates[kind] = template;
  }
  return { config, templates, k8sTemplates };
}

/**
 * Finds and reads the team files for an app folder (`start`), with an optional shared folder.
 * Errors (config or template, each positioned) mean the setup must not be used.
 */
export async function loadTeamSetup(reader: TeamReader, start: string, shared?: string): Promise<{ setup: TeamSetup; errors: PositionedError[] }> {
  const root = await findTeamRoot(reader, start);
  const errors: PositionedError[] = [];
  const sources: string[] = [];
  const layers: Layer[] = [];
  if (root) {
    const folder = join(root, TEAM_FOLDER);
    layers.push({ folder, configs: [...ROOT_CONFIGS.map((n) => join(root, n)), ...FOLDER_CONFIGS.map((n) => join(folder, n))] });
  }
  if (shared) {
    if (!(await reader.exists(shared))) errors.push({ file: shared, line: 1, column: 1, message: 'the shared templates folder does not exist' });
    else layers.push({ folder: shared, configs: FOLDER_CONFIGS.map((n) => join(shared, n)) });
  }
  const read = [];
  for (const layer of layers) read.push(await readLayer(reader, layer, errors, sources));
  // The repository first: its templates win, and its config is merged last.
  const templates = { ...BUILT_IN_TEMPLATES };
  const k8sTemplates = { ...BUILT_IN_K8S_TEMPLATES };
  for (const layer of [...read].reverse()) {
    Object.assign(templates, layer.templates);
    Object.assign(k8sTemplates, layer.k8sTemplates);
  }
  const config = mergeConfigs(read.map((l) => l.config).reverse());
  return {
    errors,
    setup: {
      root,
      templates,
      k8sTemplates,
      options: configOptions(config),
      config,
      rules: config.lint?.rules ?? {},
      sources,
    },
  };
}
