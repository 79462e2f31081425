import type { Node } from 'web-tree-sitter';
import { callArguments, dottedName, lineOf, stringValue } from './syntax';

/**
 * The environment variables one module reads, from its syntax tree: `os.getenv`, `os.environ`,
 * environs' `env.str(...)`, python-decouple's `config(...)`, Flask's `config.from_prefixed_env()`
 * and `from_envvar()`, and the classes that may be pydantic settings (their fields are variables;
 * whether a class is settings is decided across modules, see environment.ts).
 */
export interface EnvRead {
  name: string;
  /** The app cannot start (or starts broken) without it: no default, and the code needs a value. */
  required: boolean;
  line: number;
  /** A literal default the code falls back to, when it is a string (tells a URL's kind). */
  fallback: string | null;
}

export interface SettingsField {
  name: string;
  line: number;
  hasDefault: boolean;
  /** `Optional[X]` / `X | None`: pydantic v1 gives it a None default. */
  optional: boolean;
  /** `Field(alias=…)`, `validation_alias=…`, v1's `env=…`: the variable's name, without prefix. */
  alias: string | null;
  annotation: string;
  fallback: string | null;
}

export interface SettingsConfig {
  envPrefix?: string;
  caseSensitive?: boolean;
}

export interface ClassFact {
  name: string;
  line: number;
  /** Each base as written (`BaseSettings`, `base.AppSettings`). */
  bases: string[][];
  fields: SettingsField[];
  config: SettingsConfig;
}

export interface ModuleEnv {
  reads: EnvRead[];
  classes: ClassFact[];
}

/** Substrings without which a module reads no environment variable the ways above. */
export const ENV_MARKERS = ['environ', 'getenv', 'Settings', 'decouple', 'environs', 'from_prefixed_env', 'from_envvar'];

const OS_GETTERS = new Set(['os.getenv', 'os.environ.get']);
const ENVIRONS_METHODS = new Set(['str', 'int', 'bool', 'float', 'decimal', 'list', 'dict', 'json', 'datetime', 'date', 'time',
  'timedelta', 'path', 'url', 'uuid', 'log_level', 'enum', 'dj_db_url', 'dj_email_url', 'dj_cache_url']);
/** Conversions that fail on None: `int(os.getenv("X"))` needs X. */
const NEEDS_VALUE = new Set(['int', 'float', 'Path', 'json.loads', 'bool']);

type Qualify = (node: Node) => string | null;

export function readModuleEnv(root: Node, qualify: Qualify): ModuleEnv {
  const out: ModuleEnv = { reads: [], classes: [] };
  const named = (node: Node | null) => (node ? qualify(node) ?? dottedName(node)?.join('.') ?? null : null);
  const envInstances = new Set<string>();
  const decoupleConfigs = new Set<string>();
  for (const assignment of root.descendantsOfType('assignment')) {
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type !== 'identifier' || right?.type !== 'call') continue;
    const made = named(right.childForFieldName('function'));
    if (made === 'environs.Env') envInstances.add(left.text);
    if (made === 'decouple.AutoConfig' || made === 'decouple.Config') decoupleConfigs.add(left.text);
  }

  for (const call of root.descendantsOfType('call')) {
    const callee = call.childForFieldName('function');
    if (!callee) continue;
    const args = callArguments(call);
    const name = stringValue(args.positional[0] ?? null);
    const fallbackNode = args.positional[1] ?? args.keywords.get('default') ?? null;
    const qualified = named(callee);
    const push = (variable: string, required: boolean) =>
      out.reads.push({ name: variable, required, line: lineOf(call), fallback: stringValue(fallbackNode) });
    if (qualified && OS_GETTERS.has(qualified)) {
      if (name) push(name, !fallbackNode && usedAsValue(call));
    } else if (qualified === 'decouple.config' || (callee.type === 'identifier' && decoupleConfigs.has(callee.text))) {
      if (name) push(name, !fallbackNode);
    } else if (isEnvironsCall(callee, envInstances)) {
      if (name) push(name, !fallbackNode);
    } else if (callee.type === 'attribute' && dottedName(callee.childForFieldName('object'))?.at(-1) === 'config') {
      const method = callee.childForFieldName('attribute')?.text;
      if (method === 'from_prefixed_env') {
        const prefix = stringValue(args.positional[0] ?? args.keywords.get('prefix') ?? null) ?? 'FLASK';
        out.reads.push({ name: `${prefix}_*`, required: false, line: lineOf(call), fallback: null });
      } else if (method === 'from_envvar' && name) {
        const silent = args.keywords.get('silent')?.text === 'True';
        out.reads.push({ name, required: !silent, line: lineOf(call), fallback: null });
      }
    }
  }

  for (const subscript of root.descendantsOfType('subscript')) {
    if (named(subscript.childForFieldName('value')) !== 'os.environ') continue;
    const name = stringValue(subscript.childForFieldName('subscript'));
    if (!name || isWritten(subscript)) continue;
    out.reads.push({ name, required: !insideKeyErrorHandler(subscript), line: lineOf(subscript), fallback: null });
  }
  for (const comparison of root.descendantsOfType('comparison_operator')) {
    // `"X" in os.environ`: the code checks for it, so it is optional.
    const [left, right] = comparison.namedChildren;
    const name = stringValue(left ?? null);
    if (name && right && named(right) === 'os.environ' && /\bin\b/.test(comparison.text)) {
      out.reads.push({ name, required: false, line: lineOf(comparison), fallback: null });
    }
  }

  for (const definition of root.namedChildren) {
    const cls = definition.type === 'decorated_definition' ? definition.childForFieldName('definition') : definition;
    if (cls?.type === 'class_definition') {
      const fact = readClass(cls, named);
      if (fact) out.classes.push(fact);
    }
  }
  return out;
}

function isEnvironsCall(callee: Node, instances: ReadonlySet<string>): boolean {
  if (callee.type === 'identifier') return instances.has(callee.text);
  if (callee.type !== 'attribute') return false;
  const object = callee.childForFieldName('object');
  return object?.type === 'identifier' && instances.has(object.text) && ENVIRONS_METHODS.has(callee.childForFieldName('attribute')?.text ?? '');
}

/**
 * Whether the code uses a lookup's result as a value that None breaks: interpolated into a string
 * (`f"{os.getenv('DIR')}/static"` becomes "None/static"), concatenated, converted, or its
 * attribute taken. A bare `X = os.getenv("X")` or `os.getenv("X") or default` is optional.
 */
function usedAsValue(call: Node): boolean {
  const parent = call.parent;
  if (!parent) return false;
  if (parent.type === 'interpolation') return true;
  if (parent.type === 'binary_operator') return true;
  if (parent.type === 'attribute' && parent.childForFieldName('object')?.id === call.id) return true;
  if (parent.type === 'subscript' && parent.childForFieldName('value')?.id === call.id) return true;
  if (parent.type === 'argument_list') {
    const outer = parent.parent;
    const fn = outer?.childForFieldName('function');
    return Boolean(fn && NEEDS_VALUE.has(dottedName(fn)?.join('.') ?? ''));
  }
  return false;
}

/** `os.environ["X"] = …` and `del os.environ["X"]` write, they do not read. */
function isWritten(subscript: Node): boolean {
  const parent = subscript.parent;
  if (!parent) return false;
  if ((parent.type === 'assignment' || parent.type === 'augmented_assignment') && parent.childForFieldName('left')?.id === subscript.id) return true;
  return parent.type === 'delete_statement';
}

function insideKeyErrorHandler(node: Node): boolean {
  for (let up = node.parent; up; up = up.parent) {
    if (up.type === 'function_definition' || up.type === 'class_definition') return false;
    if (up.type === 'try_statement') {
      return up.namedChildren.some((c) => c.type === 'except_clause' && /\b(KeyError|LookupError|Exception)\b|^except\s*:/.test(c.text));
    }
  }
  return false;
}

const CONFIG_KEYS: Record<string, keyof SettingsConfig> = { env_prefix: 'envPrefix', case_sensitive: 'caseSensitive' };

/** A class with bases, its annotated fields and its settings configuration. */
function readClass(cls: Node, named: (node: Node | null) => string | null): ClassFact | null {
  const name = cls.childForFieldName('name')?.text;
  const bases = (cls.childForFieldName('superclasses')?.namedChildren ?? [])
    .map((b) => (named(b) ?? '').split('.').filter(Boolean)).filter((b) => b.length);
  const body = cls.childForFieldName('body');
  if (!name || !bases.length || !body) return null;
  const fact: ClassFact = { name, line: lineOf(cls), bases, fields: [], config: {} };
  for (const statement of body.namedChildren) {
    if (statement.type === 'class_definition' && statement.childForFieldName('name')?.text === 'Config') {
      for (const inner of statement.childForFieldName('body')?.namedChildren ?? []) {
        const assignment = inner.type === 'expression_statement' ? inner.namedChildren[0] : null;
        const key = assignment?.type === 'assignment' ? CONFIG_KEYS[assignment.childForFieldName('left')?.text ?? ''] : undefined;
        if (key && assignment) setConfig(fact.config, key, assignment.childForFieldName('right'));
      }
      continue;
    }
    const assignment = statement.type === 'expression_statement' ? statement.namedChildren[0] : null;
    if (assignment?.type !== 'assignment') continue;
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type !== 'identifier') continue;
    if (left.text === 'model_config') {
      readConfigCall(right, fact.config);
      continue;
    }
    const annotation = assignment.childForFieldName('type')?.text;
    if (!annotation || left.text.startsWith('_') || /\bClassVar\b/.test(annotation)) continue;
    fact.fields.push(readField(left.text, annotation, right, lineOf(statement), named));
  }
  return fact;
}

function readField(name: string, annotation: string, value: Node | null, line: number, named: (node: Node | null) => string | null): SettingsField {
  const optional = /\bOptional\[|\|\s*None\b|\bNone\s*\|/.test(annotation);
  const field: SettingsField = { name, line, hasDefault: value !== null, optional, alias: null, annotation, fallback: stringValue(value) };
  const fn = value?.type === 'call' ? named(value.childForFieldName('function')) : null;
  if (value && fn && /(^|\.)Field$/.test(fn)) {
    const args = callArguments(value);
    const first = args.positional[0] ?? null;
    field.hasDefault = (first !== null && first.type !== 'ellipsis') || args.keywords.has('default') || args.keywords.has('default_factory');
    field.fallback = stringValue(first ?? args.keywords.get('default') ?? null);
    for (const key of ['validation_alias', 'alias', 'env']) {
      const alias = aliasName(args.keywords.get(key) ?? null);
      if (alias) {
        field.alias = alias;
        break;
      }
    }
  }
  return field;
}

/** `"X"`, `AliasChoices("X", "Y")` (the first), `["X", "Y"]` (v1 env lists). */
function aliasName(node: Node | null): string | null {
  if (!node) return null;
  const direct = stringValue(node);
  if (direct) return direct;
  if (node.type === 'call') return stringValue(callArguments(node).positional[0] ?? null);
  if (node.type === 'list' || node.type === 'tuple') return stringValue(node.namedChildren[0] ?? null);
  return null;
}

/** `SettingsConfigDict(env_prefix="APP_")` or `{"env_prefix": "APP_"}`. */
function readConfigCall(value: Node | null, config: SettingsConfig): void {
  if (value?.type === 'call') {
    for (const [key, node] of callArguments(value).keywords) if (CONFIG_KEYS[key]) setConfig(config, CONFIG_KEYS[key], node);
  } else if (value?.type === 'dictionary') {
    for (const pair of value.namedChildren) {
      const key = stringValue(pair.childForFieldName('key'));
      if (pair.type === 'pair' && key && CONFIG_KEYS[key]) setConfig(config, CONFIG_KEYS[key], pair.childForFieldName('value'));
    }
  }
}

function setConfig(config: SettingsConfig, key: keyof SettingsConfig, value: Node | null): void {
  if (key === 'envPrefix') {
    const prefix = stringValue(value);
    if (prefix !== null) config.envPrefix = prefix;
  } else if (value?.text === 'True' || value?.text === 'False') {
    config.caseSensitive = value.text === 'True';
  }
}
