/**
 * Whether a YAML text is a Kubernetes manifest, cheaply and without a YAML parser (the editor asks
 * for every YAML document it opens, before any of explain is loaded): the first document with
 * content has `apiVersion:` and `kind:` at its top level. Compose files have neither, and Helm
 * templates (`{{ }}`) are no YAML until rendered, so they are left alone.
 */
const LOOK_AT = 64 * 1024;

/**
 * The other manifests of a folder that lint reads beside one (a Service's pods may be there): at
 * most this many files, each at most this large. More is not a folder of one app's manifests.
 */
export const NEIGHBOURS = { files: 100, bytes: 1024 * 1024 };

export function isManifestText(source: string): boolean {
  const documents = source.slice(0, LOOK_AT).split(/^---.*$/m);
  const first = documents.find((d) => /^[^#\s]/m.test(d)) ?? '';
  return /^apiVersion:/m.test(first) && /^kind:/m.test(first) && !first.includes('{{');
}
