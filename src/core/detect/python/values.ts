import type { Node } from 'web-tree-sitter';
import { callArguments, stringValue } from './syntax';

/**
 * What a port or host expression evaluates to without running anything: a literal, a module
 * constant, or an environment lookup with its fallback (`int(os.getenv("PORT", 8000))`).
 */
export type Value =
  | { kind: 'int'; value: number }
  | { kind: 'str'; value: string }
  | { kind: 'env'; name: string; fallback: Value | null };

export interface ValueScope {
  constants: ReadonlyMap<string, Value>;
  /** The imported name an expression refers to ('os.getenv'), or null for a local name. */
  qualify(node: Node): string | null;
}

const ENV_GETTERS = new Set(['os.getenv', 'os.environ.get', 'os.environ.setdefault']);
const MAX_DEPTH = 8;

export function evaluate(node: Node | null, scope: ValueScope, depth = 0): Value | null {
  if (!node || depth > MAX_DEPTH) return null;
  switch (node.type) {
    case 'integer': {
      const value = Number(node.text.replace(/_/g, ''));
      return Number.isSafeInteger(value) ? { kind: 'int', value } : null;
    }
    case 'string':
    case 'concatenated_string': {
      const value = stringValue(node);
      return value === null ? null : { kind: 'str', value };
    }
    case 'identifier':
      return scope.constants.get(node.text) ?? null;
    case 'parenthesized_expression':
      return evaluate(node.namedChildren[0] ?? null, scope, depth + 1);
    case 'subscript': {
      // os.environ["PORT"]
      if (scope.qualify(node.childForFieldName('value') ?? node) !== 'os.environ') return null;
      const name = stringValue(node.childForFieldName('subscript'));
      return name ? { kind: 'env', name, fallback: null } : null;
    }
    case 'call':
      return evaluateCall(node, scope, depth);
    default:
      return null;
  }
}

function evaluateCall(call: Node, scope: ValueScope, depth: number): Value | null {
  const callee = call.childForFieldName('function');
  if (!callee) return null;
  const args = callArguments(call);
  const qualified = scope.qualify(callee);
  if (qualified && ENV_GETTERS.has(qualified)) {
    const name = stringValue(args.positional[0] ?? null);
    const fallback = args.positional[1] ?? args.keywords.get('default') ?? null;
    return name ? { kind: 'env', name, fallback: evaluate(fallback, scope, depth + 1) } : null;
  }
  if (callee.type === 'identifier' && !qualified && (callee.text === 'int' || callee.text === 'str')) {
    const inner = evaluate(args.positional[0] ?? null, scope, depth + 1);
    return callee.text === 'int' ? toInt(inner) : inner;
  }
  return null;
}

function toInt(value: Value | null): Value | null {
  if (!value) return null;
  if (value.kind === 'env') return { ...value, fallback: toInt(value.fallback) };
  if (value.kind === 'int') return value;
  return /^\s*\d+\s*$/.test(value.value) ? { kind: 'int', value: Number(value.value) } : null;
}

export interface Resolved<T> {
  value: T;
  /** The environment variable that set it, when it came from an env file. */
  fromEnv: string | null;
}

/** A value with environment lookups resolved against the project's env files. */
export function resolveValue(value: Value | null, env: ReadonlyMap<string, string>): Resolved<string | number> | null {
  if (!value) return null;
  if (value.kind !== 'env') return { value: value.value, fromEnv: null };
  const set = env.get(value.name);
  if (set !== undefined) return { value: set, fromEnv: value.name };
  return resolveValue(value.fallback, env);
}

export function asPort(value: string | number | undefined | null): number | null {
  const port = typeof value === 'number' ? value : /^\d+$/.test(value?.trim() ?? '') ? Number(value) : NaN;
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : null;
}
