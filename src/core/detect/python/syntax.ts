import type { Node } from 'web-tree-sitter';

/** Small readers over tree-sitter-python nodes; they return null for anything not plainly literal. */

export function lineOf(node: Node): number {
  return node.startPosition.row + 1;
}

/** The value of a string literal without interpolation ('x', "x", r'x', 'a' 'b'). */
export function stringValue(node: Node | null): string | null {
  if (!node) return null;
  if (node.type === 'concatenated_string') {
    const parts = node.namedChildren.map(stringValue);
    return parts.every((p) => p !== null) ? parts.join('') : null;
  }
  if (node.type !== 'string') return null;
  const start = node.namedChildren[0];
  if (!start || start.type !== 'string_start' || /[bf]/i.test(start.text)) return null;
  if (node.namedChildren.some((c) => c.type === 'interpolation')) return null;
  return node.namedChildren.filter((c) => c.type === 'string_content').map((c) => c.text).join('');
}

/** `a.b.c` → ['a', 'b', 'c']; null when it is not a plain chain of names. */
export function dottedName(node: Node | null): string[] | null {
  if (!node) return null;
  if (node.type === 'identifier') return [node.text];
  if (node.type === 'dotted_name') return node.namedChildren.map((c) => c.text);
  if (node.type === 'attribute') {
    const object = dottedName(node.childForFieldName('object'));
    const attribute = node.childForFieldName('attribute');
    return object && attribute ? [...object, attribute.text] : null;
  }
  return null;
}

export interface CallArguments {
  positional: Node[];
  keywords: Map<string, Node>;
}

export function callArguments(call: Node): CallArguments {
  const out: CallArguments = { positional: [], keywords: new Map() };
  for (const arg of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name');
      const value = arg.childForFieldName('value');
      if (name && value) out.keywords.set(name.text, value);
    } else if (arg.type !== 'comment') {
      out.positional.push(arg);
    }
  }
  return out;
}

/** The value assigned by `x = value` / `x: T = value`, with the target's name; null otherwise. */
export function simpleAssignment(statement: Node): { name: string; value: Node; node: Node } | null {
  const node = statement.type === 'expression_statement' ? statement.namedChildren[0] : statement;
  if (!node || node.type !== 'assignment') return null;
  const left = node.childForFieldName('left');
  const value = node.childForFieldName('right');
  return left?.type === 'identifier' && value ? { name: left.text, value, node } : null;
}

/** The call of an expression statement (`uvicorn.run(...)`), or null. */
export function statementCall(statement: Node): Node | null {
  const node = statement.type === 'expression_statement' ? statement.namedChildren[0] : null;
  return node?.type === 'call' ? node : null;
}

const DEFINITIONS = new Set(['function_definition', 'class_definition', 'decorated_definition']);
/** Statements that hold blocks whose statements still run at the same level (not a new scope). */
const COMPOUND = new Set(['if_statement', 'elif_clause', 'else_clause', 'try_statement', 'except_clause',
  'finally_clause', 'with_statement', 'for_statement', 'while_statement', 'block']);

/**
 * The statements of a block as they run in its scope: into if/try/with/for bodies, but not into
 * function or class bodies, nor into `if __name__ == "__main__":` (which does not run on import).
 * Compound statements are yielded too, so the caller sees the main guard itself.
 */
export function* scopeStatements(block: Node): Generator<Node> {
  for (const child of block.namedChildren) {
    if (DEFINITIONS.has(child.type) || isMainGuard(child)) {
      yield child;
    } else if (COMPOUND.has(child.type)) {
      yield child;
      yield* scopeStatements(child);
    } else {
      yield child;
    }
  }
}

/** The function definition inside a (possibly decorated) definition. */
export function functionOf(node: Node): Node | null {
  const definition = node.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
  return definition?.type === 'function_definition' ? definition : null;
}

/** `if __name__ == "__main__":` (either side). */
export function isMainGuard(node: Node): boolean {
  if (node.type !== 'if_statement') return false;
  const condition = node.childForFieldName('condition');
  if (condition?.type !== 'comparison_operator' || !condition.text.includes('==')) return false;
  const sides = condition.namedChildren;
  return sides.length === 2 && sides.some((s) => s.type === 'identifier' && s.text === '__name__')
    && sides.some((s) => stringValue(s) === '__main__');
}

/** The 1-based line of the first syntax error, or null when the file parsed cleanly. */
export function firstErrorLine(root: Node): number | null {
  if (!root.hasError) return null;
  const stack = [root];
  while (stack.length) {
    const node = stack.pop() as Node;
    if (node.isError || node.isMissing) return lineOf(node);
    if (node.hasError) stack.push(...[...node.children].reverse());
  }
  return lineOf(root);
}
