/** The image a FROM names, split as registries read it: registry, repository, tag, digest. */
import type { From } from 'dockerfile-ast';
import type { Range } from '../text/range';
import type { LineTable } from './lineTable';
import type { ImageRef, Word } from './model';
import { substitute } from './variables';

const REGISTRY = /[.:]/;

/** The `${...}` in a word without escapes: a `:` or `@` inside one (`${TAG:-3.13}`) is not the tag's or digest's. */
function variableSpans(content: string): [number, number][] {
  const spans: [number, number][] = [];
  for (let i = content.indexOf('${'); i !== -1; i = content.indexOf('${', i)) {
    const end = content.indexOf('}', i + 2);
    // dockerfile-ast reads no variable after an unclosed one.
    if (end === -1) break;
    spans.push([i, end + 1]);
    i = end + 1;
  }
  return spans;
}

const outside = (spans: [number, number][], index: number) => !spans.some(([start, end]) => start < index && index < end);

/**
 * Where the tag is written, as dockerfile-ast's getImageTagRange finds it: a `:` after the last `/`,
 * before any `@`, neither inside a variable. dockerfile-ast reads all the FROM's variables for that,
 * which costs more than the rest of the model's reading of the FROM; the model reads the `${...}`
 * of the image word and leaves only images with escapes in them to dockerfile-ast.
 */
function tagRange(from: From, image: Word, text: string, lines: LineTable, escapeChar: string): Range | null {
  const start = lines.offsetAt(image.range.start);
  const content = text.substring(start, lines.offsetAt(image.range.end));
  if (content.includes(escapeChar)) return from.getImageTagRange();
  const spans = content.includes('$') ? variableSpans(content) : [];
  const at = (index: number) => lines.positionAt(start + index, image.range.start.line);
  let atIndex = content.indexOf('@');
  while (atIndex !== -1 && !outside(spans, atIndex)) atIndex = content.indexOf('@', atIndex + 1);
  const slashIndex = content.indexOf('/');
  if (atIndex === -1) {
    let colonIndex = content.lastIndexOf(':');
    while (colonIndex !== -1 && !outside(spans, colonIndex)) colonIndex = colonIndex === 0 ? -1 : content.lastIndexOf(':', colonIndex - 1);
    if (colonIndex > slashIndex) return { start: at(colonIndex + 1), end: image.range.end };
  }
  const beforeDigest = content.substring(0, atIndex);
  const colonIndex = beforeDigest.indexOf(':');
  // No tag, or the colon is a registry's port (localhost:5000/app).
  if (colonIndex === -1 || (slashIndex !== -1 && colonIndex < slashIndex)) return null;
  return { start: at(colonIndex + 1), end: at(atIndex) };
}

/** `image` is the FROM's first word after its flags, as dockerfile-ast's getImage reads it. */
export function imageRef(from: From, image: Word | undefined, globals: ReadonlyMap<string, string>, source: { text: string; lines: LineTable; escapeChar: string }): ImageRef | null {
  if (!image?.value) return null;
  const { value: written, range } = image;
  const resolved = substitute(written, globals);
  const [withoutDigest, digest] = resolved.split('@');
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  const tag = colon > slash ? withoutDigest.slice(colon + 1) : null;
  const path = (colon > slash ? withoutDigest.slice(0, colon) : withoutDigest).toLowerCase().split('/');
  // A first part with a dot or a port is a registry (ghcr.io/..., localhost:5000/...), not a namespace.
  if (path.length > 1 && (REGISTRY.test(path[0]) || path[0] === 'localhost')) path.shift();
  if (path[0] === 'library') path.shift();
  return { written, resolved, repository: path.join('/'), tag, digest: digest ?? null, range, tagRange: tagRange(from, image, source.text, source.lines, source.escapeChar) };
}
