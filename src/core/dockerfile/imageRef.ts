/** The image a FROM names, split as registries read it: registry, repository, tag, digest. */
import type { From } from 'dockerfile-ast';
import type { ImageRef, Word } from './model';
import { substitute } from './variables';

const REGISTRY = /[.:]/;

/** `image` is the FROM's first word after its flags, as dockerfile-ast's getImage reads it. */
export function imageRef(from: From, image: Word | undefined, globals: ReadonlyMap<string, string>): ImageRef | null {
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
  return { written, resolved, repository: path.join('/'), tag, digest: digest ?? null, range, tagRange: from.getImageTagRange() };
}
