/**
 * The template engine: Mustache, logic-less. A template is parsed once, its variables are checked
 * against the documented view (schemas/template-view.schema.json), so a typo is an error at its
 * line and column instead of an empty string in a Dockerfile, and values are inserted as they are.
 */
import Mustache from 'mustache';
import viewSchema from '../../../schemas/template-view.schema.json';
import { lineAndColumn, type PositionedError } from '../text/positions';
import type { K8sView } from '../k8s/view';
import type { ScriptView } from './script';
import type { TemplateView } from './view';

/** What Mustache.parse returns: [type, value, start, end, children?, closing position?]. */
type Token = [string, string, number, number, Token[]?, number?];

/** The part of JSON schema the view schema uses. */
interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  $ref?: string;
}

/** A view's documented schema: its top node and the definitions its `$ref`s name. */
export interface ViewSchema {
  root: SchemaNode;
  definitions: Record<string, SchemaNode>;
  /** The file it is published as, for messages. */
  file: string;
}

/** A JSON schema file (as imported) as the checker reads it. */
export function viewSchemaOf(json: object, file: string): ViewSchema {
  return { root: json as SchemaNode, definitions: (json as { definitions?: Record<string, SchemaNode> }).definitions ?? {}, file };
}

export const DOCKER_VIEW_SCHEMA = viewSchemaOf(viewSchema, 'template-view.schema.json');

function resolver(schema: ViewSchema) {
  return (node: SchemaNode): SchemaNode => (node.$ref ? schema.definitions[node.$ref.replace('#/definitions/', '')] : node);
}

/** What a section over a value of this kind puts on the context stack (Mustache's rules). */
function sectionContext(node: SchemaNode, resolve: (node: SchemaNode) => SchemaNode): SchemaNode | null {
  const types = [node.type ?? []].flat();
  if (types.includes('array')) return node.items ? resolve(node.items) : null;
  if (types.includes('object') || types.includes('string') || types.includes('integer')) return node;
  return null;
}

/** Looks a dotted name up the way Mustache does: the first segment in the innermost context that has it. */
function lookup(name: string, stack: SchemaNode[], resolve: (node: SchemaNode) => SchemaNode): SchemaNode | string {
  if (name === '.') return stack[stack.length - 1];
  const [first, ...rest] = name.split('.');
  const start = [...stack].reverse().find((c) => c.properties && first in c.properties);
  if (!start) return `unknown variable "${name}"`;
  let node = resolve(start.properties![first]);
  let path = first;
  for (const part of rest) {
    const next = node.properties?.[part];
    if (!next) {
      const known = Object.keys(node.properties ?? {});
      return `unknown variable "${name}": ${path} has no "${part}"${known.length ? ` (it has ${known.join(', ')})` : ''}`;
    }
    node = resolve(next);
    path = `${path}.${part}`;
  }
  return node;
}

function checkTokens(tokens: Token[], stack: SchemaNode[], schema: ViewSchema, report: (at: number, message: string) => void): void {
  const resolve = resolver(schema);
  for (const [type, value, start, , children] of tokens) {
    if (type === 'text' || type === '!' || type === '=') continue;
    if (type === '>') {
      report(start, `partials ({{> ${value}}}) are not supported: write the text in the template`);
      continue;
    }
    const node = lookup(value, stack, resolve);
    if (typeof node === 'string') {
      report(start, `${node}; the variables are listed in ${schema.file}`);
      continue;
    }
    if (type === '#' && children) {
      const inner = sectionContext(node, resolve);
      checkTokens(children, inner ? [...stack, inner] : stack, schema, report);
    } else if (type === '^' && children) {
      checkTokens(children, stack, schema, report);
    }
  }
}

/** Syntax errors and unknown variables, each at its line and column; [] for a good template. */
export function checkTemplate(file: string, text: string, schema: ViewSchema = DOCKER_VIEW_SCHEMA): PositionedError[] {
  const errors: PositionedError[] = [];
  const report = (at: number, message: string) => errors.push({ file, ...lineAndColumn(text, at), message });
  let tokens: Token[];
  try {
    tokens = Mustache.parse(text) as Token[];
  } catch (err) {
    // Mustache says where: "Unclosed section "x" at 120", "Unclosed tag at 42".
    const message = err instanceof Error ? err.message : String(err);
    const at = /\bat (\d+)$/.exec(message);
    report(at ? Number(at[1]) : 0, message.replace(/ at \d+$/, ''));
    return errors;
  }
  checkTokens(tokens, [schema.root], schema, report);
  return errors;
}

/** Renders a checked template: values go in as they are, with no HTML escaping. */
export function renderTemplate(text: string, view: TemplateView | ScriptView | K8sView): string {
  return Mustache.render(text, view, undefined, { escape: (value: unknown) => String(value) });
}
