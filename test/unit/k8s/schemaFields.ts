/**
 * The fields the Kubernetes schema knows, read from kubernetes-models' type declarations (generated
 * from the same OpenAPI document as its validators). The validators let unknown fields through, as
 * the OpenAPI document does; the API server does not (kubectl's default --validate=strict rejects
 * them), so a misspelt `readinesProbe` would pass `.validate()` and fail on a cluster. This finds it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const repo = join(__dirname, '..', '..', '..', '..');
const modules = join(repo, 'node_modules');

/** The declaration file of each top-level kind the manifests use. */
const KINDS: Record<string, string> = {
  'v1/ConfigMap': 'kubernetes-models/v1/ConfigMap.d.ts',
  'v1/Secret': 'kubernetes-models/v1/Secret.d.ts',
  'v1/Service': 'kubernetes-models/v1/Service.d.ts',
  'apps/v1/Deployment': 'kubernetes-models/apps/v1/Deployment.d.ts',
  'batch/v1/Job': 'kubernetes-models/batch/v1/Job.d.ts',
};

interface Shape {
  /** Field name → its type as declared. */
  fields: Map<string, string>;
  /** Type name → the declaration file it is imported from. */
  imports: Map<string, string>;
}

const shapes = new Map<string, Shape | null>();

/** Splits at `sep` outside braces and angle brackets. */
function splitTop(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '<') depth++;
    else if (c === '}' || c === '>') depth--;
    else if (c === sep && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** The first interface a declaration file exports, or null for a file that declares a plain type (Quantity). */
function shapeOf(file: string): Shape | null {
  if (shapes.has(file)) return shapes.get(file) ?? null;
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ');
  const imports = new Map<string, string>();
  for (const m of text.matchAll(/import \{ (\w+) \} from "([^"]+)";/g)) {
    imports.set(m[1], m[2].startsWith('.') ? join(dirname(file), m[2].replace(/\.js$/, '.d.ts')) : join(modules, `${m[2]}.d.ts`));
  }
  const start = /export interface \w+(?: extends [\w, ]+)? \{/.exec(text);
  let shape: Shape | null = null;
  if (start) {
    let depth = 1;
    let i = start.index + start[0].length;
    const from = i;
    for (; depth > 0; i++) depth += text[i] === '{' ? 1 : text[i] === '}' ? -1 : 0;
    const fields = new Map<string, string>();
    for (const field of splitTop(text.slice(from, i - 1), ';')) {
      const m = /^"([^"]+)"\??: (.+)$/.exec(field);
      if (m) fields.set(m[1], m[2]);
    }
    shape = { fields, imports };
  }
  shapes.set(file, shape);
  return shape;
}

/** Walks a value along its declared type, collecting the paths of fields the type lacks. */
function walk(value: unknown, type: string, shape: Shape, path: string, found: string[]): void {
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, array[1], shape, `${path}[${i}]`, found));
    return;
  }
  const map = /^\{ \[key: string\]: (.+?);? \}$/.exec(type);
  if (map) {
    if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, map[1], shape, `${path}.${k}`, found);
    return;
  }
  const file = shape.imports.get(type);
  const inner = file ? shapeOf(file) : null;
  if (inner && value && typeof value === 'object') fieldsOf(value as Record<string, unknown>, inner, path, found);
}

function fieldsOf(value: Record<string, unknown>, shape: Shape, path: string, found: string[]): void {
  for (const [key, v] of Object.entries(value)) {
    const type = shape.fields.get(key);
    if (type === undefined) found.push(`${path}.${key}`);
    else walk(v, type, shape, `${path}.${key}`, found);
  }
}

/** The paths of fields in a manifest that its kind's schema does not have ([] when all are known). */
export function unknownFields(manifest: Record<string, unknown>): string[] {
  const declaration = KINDS[`${String(manifest.apiVersion)}/${String(manifest.kind)}`];
  if (!declaration) return [`no declaration for ${String(manifest.apiVersion)} ${String(manifest.kind)}`];
  const shape = shapeOf(join(modules, declaration));
  if (!shape) return [`${declaration} declares no interface`];
  const found: string[] = [];
  fieldsOf(manifest, shape, '', found);
  return found;
}
