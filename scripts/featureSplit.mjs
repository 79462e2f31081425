// The extension as two bundles (esbuild cannot split a CommonJS bundle by itself). Activation
// loads dist/extension.js only: the registrations and the little they run at once. Every module
// the extension imports dynamically (`await import(...)`, on first use) goes to dist/features.js
// instead, which the first such import requires; each module in it is still evaluated only when
// it is first imported, as in one bundle.
import { relative } from 'node:path';

const FEATURES = './features.js';

export function featureSplit(root) {
  /** The dynamically imported modules, as paths from the root: the keys of dist/features.js. */
  const lazy = new Set();
  let features;
  let built = '';

  /** For dist/extension.js: `import(x)` becomes `require('./features.js')[x]`. */
  const extensionPlugin = {
    name: 'feature-split',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind !== 'dynamic-import') return undefined;
        const resolved = await build.resolve(args.path, { kind: 'import-statement', resolveDir: args.resolveDir, importer: args.importer });
        if (resolved.errors.length) return { errors: resolved.errors };
        const key = relative(root, resolved.path);
        lazy.add(key);
        return { path: key, namespace: 'feature' };
      });
      build.onResolve({ filter: /^\.\/features\.js$/ }, () => ({ path: FEATURES, external: true }));
      build.onLoad({ filter: /.*/, namespace: 'feature' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(FEATURES)})[${JSON.stringify(args.path)}];`,
        loader: 'js', resolveDir: root,
      }));
      // In watch mode a new dynamic import needs a new key in dist/features.js.
      build.onEnd(async () => {
        const keys = [...lazy].sort().join('\n');
        if (features && keys !== built) await features.rebuild();
      });
    },
  };

  /** For dist/features.js: one getter per key, so requiring the bundle evaluates nothing yet. */
  const featuresPlugin = {
    name: 'features-entry',
    setup(build) {
      build.onResolve({ filter: /^features-entry$/ }, () => ({ path: 'features-entry', namespace: 'features-entry' }));
      build.onLoad({ filter: /.*/, namespace: 'features-entry' }, () => {
        built = [...lazy].sort().join('\n');
        return {
          contents: [...lazy].sort().map((key) =>
            `Object.defineProperty(exports, ${JSON.stringify(key)}, { enumerable: true, get: () => require(${JSON.stringify(`./${key}`)}) });`).join('\n'),
          loader: 'js', resolveDir: root,
        };
      });
    },
  };

  return {
    extensionPlugin,
    featuresPlugin,
    /** The watch-mode context of dist/features.js, rebuilt when the set of keys changes. */
    setFeaturesContext: (context) => (features = context),
  };
}

// Modules without state, which may be in both bundles (vscode-api: the one require of the API, build.mjs). Any other module there would exist twice
// at run time: two DockerError classes (so `instanceof` fails across them), two caches.
const STATELESS = [/^vscode-api:vscode$/, /^src\/core\//, /^src\/shared\//, /^src\/docker\/timeouts\.ts$/, /^node_modules\/@balena\/dockerignore\//,
  /^src\/extension\/(settings|clickedPath|preview|team\/(teamApps|teamFiles)|explain\/documents)\.ts$/, /^src\/workspace\/(grammarFiles|vscodeFileView)\.ts$/];

/** Fails the build when a module with state is in both bundles. */
export function checkShared(extensionMeta, featuresMeta) {
  const inFeatures = new Set(Object.keys(featuresMeta.inputs));
  const shared = Object.keys(extensionMeta.inputs).filter((f) => inFeatures.has(f));
  const stateful = shared.filter((f) => !STATELESS.some((re) => re.test(f)));
  if (stateful.length) {
    throw new Error(`these modules are in both dist/extension.js and dist/features.js, so they would exist twice:\n  ${stateful.join('\n  ')}\n` +
      'Import them dynamically from the activation code (or add them to STATELESS in scripts/featureSplit.mjs if they keep no state).');
  }
  return shared;
}
