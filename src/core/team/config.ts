/**
 * The team config (.dockwright.yaml): parsed with positions, validated against
 * schemas/dockwright-config.schema.json (the same schema the editor uses for completion), and
 * turned into generation options and lint settings. Every problem carries its line and column.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import configSchema from '../../../schemas/dockwright-config.schema.json';
import { ALL_RULES } from '../knowledge/lintRules';
import type { GenerateOptions } from '../generate/options';
import type { PositionedError } from '../text/positions';

export type RuleSetting = 'off' | 'info' | 'warning' | 'error';

/** The config as written (every key optional). */
export interface TeamConfig {
  registryMirror?: string;
  baseImage?: string;
  python?: string;
  uid?: number;
  healthcheckPath?: string;
  labels?: Record<string, string>;
  multiStage?: boolean;
  comments?: boolean;
  cacheMounts?: boolean;
  envFile?: boolean;
  lint?: { rules?: Record<string, RuleSetting> };
}

/** Compiled on first use: the extension reads a config only when generating or checking. */
let compiled: ValidateFunction<TeamConfig> | undefined;
function validator(): ValidateFunction<TeamConfig> {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, verbose: true });
    // The editor's keyword for rich hovers; the validator has nothing to do with it.
    ajv.addKeyword('markdownDescription');
    compiled = ajv.compile<TeamConfig>(configSchema);
  }
  return compiled;
}

/** Where a JSON path points in the YAML: the value's node, or the key's for a wrong key. */
function offsetOf(doc: Document, path: string[], key?: string): number {
  const node = path.length ? doc.getIn(path, true) : doc.contents;
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
    if (pair && isScalar(pair.key) && pair.key.range) return pair.key.range[0];
  }
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? range[0] : 0;
}

const HINTS: Record<string, string> = {
  '/python': 'write the version in quotes, e.g. python: "3.12" (YAML reads 3.10 as the number 3.1)',
};

function describe(error: ErrorObject): { message: string; key?: string } {
  const at = error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : 'the config';
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      return { key, message: `unknown key "${key}" in ${at}${known.length ? ` (known: ${known.join(', ')})` : ''}` };
    }
    case 'propertyNames':
      return { key: String(error.params.propertyName), message: `"${error.params.propertyName}" is not a valid name in ${at}` };
    case 'enum':
      return { message: `${at} must be one of ${(error.params.allowedValues as unknown[]).join(', ')}` };
    default:
      return { message: `${at} ${error.message ?? 'is not valid'}${HINTS[error.instancePath] ? `: ${HINTS[error.instancePath]}` : ''}` };
  }
}

/** Parses and validates one config file. An empty file is an empty config. */
export function parseTeamConfig(file: string, text: string): { config: TeamConfig; errors: PositionedError[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const syntax = [...doc.errors, ...doc.warnings].map((e) => ({ file, ...position(e.pos[0]), message: e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '') }));
  if (syntax.length) return { config: {}, errors: syntax };
  const value: unknown = doc.toJS() ?? {};
  const validate = validator();
  if (validate(value)) {
    const unknown = Object.keys(value.lint?.rules ?? {}).filter((key) => !ALL_RULES.some((r) => r.code === key || r.name === key));
    const errors = unknown.map((key) => ({
      file, ...position(offsetOf(doc, ['lint', 'rules'], key)),
      message: `unknown lint rule "${key}" (the rules: ${ALL_RULES.map((r) => `${r.code} ${r.name}`).join(', ')})`,
    }));
    return { config: errors.length ? {} : value, errors };
  }
  // propertyNames reports the name and then the same failure again as a "pattern" of it: keep one.
  const errors = (validate.errors ?? []).filter((e) => !(e.keyword === 'pattern' && e.propertyName !== undefined));
  return {
    config: {},
    errors: errors.map((error) => {
      const { message, key } = describe(error);
      const path = error.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
      return { file, ...position(offsetOf(doc, path, key)), message };
    }),
  };
}

/** Layers of config, the later ones winning key by key (labels and lint rules merge). */
export function mergeConfigs(configs: TeamConfig[]): TeamConfig {
  const merged: TeamConfig = {};
  for (const c of configs) {
    Object.assign(merged, c, {
      labels: { ...merged.labels, ...c.labels },
      lint: { rules: { ...merged.lint?.rules, ...c.lint?.rules } },
    });
  }
  return merged;
}

/** The generation options a config sets; what it leaves out stays as the caller has it. */
export function configOptions(config: TeamConfig): Partial<GenerateOptions> {
  const options: Partial<GenerateOptions> = {};
  if (config.registryMirror !== undefined) options.imagePrefix = `${config.registryMirror.replace(/\/$/, '')}/`;
  if (config.baseImage !== undefined) options.baseImage = config.baseImage;
  if (config.python !== undefined) options.defaultPythonVersion = config.python;
  if (config.uid !== undefined) options.uid = config.uid;
  if (config.healthcheckPath !== undefined) options.healthPath = config.healthcheckPath;
  if (config.labels && Object.keys(config.labels).length) options.labels = config.labels;
  if (config.multiStage !== undefined) options.multiStage = config.multiStage;
  if (config.comments !== undefined) options.comments = config.comments;
  if (config.cacheMounts !== undefined) options.cacheMounts = config.cacheMounts;
  if (config.envFile !== undefined) options.hasEnvFile = config.envFile;
  return options;
}
