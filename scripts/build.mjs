// Bundles the extension, the webview, the CLI and (with --tests) the test suites with esbuild.
//   node scripts/build.mjs [--production] [--watch] [--tests]
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { checkShared, featureSplit } from './featureSplit.mjs';

const root = new URL('..', import.meta.url).pathname;
const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const common = {
  absWorkingDir: root,
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  define: { __DOCKWRIGHT_VERSION__: JSON.stringify(pkg.version) },
  // The built-in templates (src/core/generate/templates) are bundled as text.
  loader: { '.mustache': 'text' },
};
// ssh2 (via dockerode) probes optional native modules; they are not needed for local sockets.
const nodeExternals = ['vscode', 'cpu-features', './crypto/build/Release/sshcrypto.node'];
// web-tree-sitter's ESM build finds itself through import.meta.url, which a CommonJS bundle lacks;
// its CommonJS build is the one to bundle (the wasm bytes are passed in, never located on disk).
const webTreeSitterCjs = {
  name: 'web-tree-sitter-cjs',
  setup(build) {
    build.onResolve({ filter: /^web-tree-sitter$/ }, () => ({
      path: join(root, 'node_modules', 'web-tree-sitter', 'web-tree-sitter.cjs'),
    }));
  },
};
// dockerode and its transports (ssh2, @grpc/grpc-js, protobufjs) are a bundle of their own,
// dist/dockerode.js, which the extension's features and the CLI require on their first request to
// an engine (src/docker/dockerode.ts): neither loads about 1 MB of code before it needs it.
// The same bundle carries ssh2 (dockerode needs it anyway) as `.ssh2`, for ssh:// engines
// (src/docker/sshTransport.ts); the other bundles leave their own require('ssh2') unresolved.
const dockerodeBundle = {
  stdin: { contents: "module.exports = require('dockerode'); module.exports.ssh2 = require('ssh2');", resolveDir: root, sourcefile: 'dockerode-bundle.js' },
  outfile: 'dist/dockerode.js',
};
const lazyDockerode = {
  name: 'lazy-dockerode',
  setup(build) {
    build.onResolve({ filter: /^dockerode$/ }, () => ({ path: './dockerode.js', external: true }));
    build.onResolve({ filter: /^ssh2$/ }, () => ({ path: 'ssh2', external: true }));
  },
};
// `import * as vscode from 'vscode'` compiles to a copy of the API object's members (several hundred
// getters, esbuild's ES module interop), which costs about a millisecond at activation even when
// done once. The API object is the module: our sources get it with a plain require (the types are
// erased at this point; `import type` stays as it is).
//
// Each require('vscode') in the extension host goes through the host's interceptor, which resolves
// the real path of the requiring file on disk (about a dozen modules at activation): the bundle
// requires the API once, in a module of its own that the others import.
const vscodeRequire = {
  name: 'vscode-require',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      (args.namespace === 'vscode-api' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-api' }));
    build.onLoad({ filter: /.*/, namespace: 'vscode-api' }, () => ({ contents: "module.exports = require('vscode');", loader: 'js' }));
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8'))
        .replace(/^import \* as vscode from 'vscode';$/m, "const vscode: typeof import('vscode') = require('vscode');"),
      loader: 'ts',
    }));
  },
};
// The parser runtime and the Python grammar ship next to the bundles (.vscodeignore lets them in).
const wasmFiles = ['web-tree-sitter/web-tree-sitter.wasm', 'tree-sitter-python/tree-sitter-python.wasm'];
function copyWasm() {
  mkdirSync(join(root, 'dist'), { recursive: true });
  for (const file of wasmFiles) copyFileSync(join(root, 'node_modules', file), join(root, 'dist', file.split('/').pop()));
}

// dist/extension.js is what activation loads; what it imports on first use is in dist/features.js.
const split = featureSplit(root);
const extension = { ...common, entryPoints: ['src/extension/main.ts'], outfile: 'dist/extension.js', metafile: true,
  platform: 'node', format: 'cjs', target: 'node20', external: nodeExternals,
  plugins: [split.extensionPlugin, vscodeRequire, webTreeSitterCjs, lazyDockerode] };
const features = { ...common, entryPoints: ['features-entry'], outfile: 'dist/features.js', metafile: true,
  platform: 'node', format: 'cjs', target: 'node20', external: nodeExternals,
  plugins: [split.featuresPlugin, vscodeRequire, webTreeSitterCjs, lazyDockerode] };

const targets = [
  { ...common, ...dockerodeBundle, platform: 'node', format: 'cjs', target: 'node20', external: nodeExternals },
  { ...common, entryPoints: ['webview/main.ts'], outfile: 'dist/webview.js',
    platform: 'browser', format: 'iife', target: 'es2022' },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js',
    platform: 'node', format: 'cjs', target: 'node20', external: nodeExternals, plugins: [webTreeSitterCjs, lazyDockerode],
    banner: { js: '#!/usr/bin/env node' } },
];

function testEntries(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...testEntries(full));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(relative(root, full));
  }
  return out;
}

if (args.has('--tests')) {
  // Each test file is its own bundle of the code it tests; packages stay in node_modules.
  targets.push({ ...common, entryPoints: testEntries(join(root, 'test')), outdir: 'out', outbase: '.',
    platform: 'node', format: 'cjs', target: 'node20', packages: 'external', sourcemap: 'inline' });
}

copyWasm();
if (args.has('--bench')) {
  targets.push({ ...common, entryPoints: testEntries(join(root, 'bench')), outdir: 'out', outbase: '.',
    platform: 'node', format: 'cjs', target: 'node20', packages: 'external', external: nodeExternals });
}

if (args.has('--watch')) {
  const featuresContext = await esbuild.context(features);
  split.setFeaturesContext(featuresContext);
  const contexts = [featuresContext, ...await Promise.all([extension, ...targets].map((t) => esbuild.context(t)))];
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[dockwright] watching for changes');
} else {
  const started = Date.now();
  // dist/features.js holds the modules the extension bundle's build found imported on first use.
  const extensionAndFeatures = esbuild.build(extension).then(async ({ metafile }) => checkShared(metafile, (await esbuild.build(features)).metafile));
  await Promise.all([extensionAndFeatures, ...targets.map((t) => esbuild.build(t))]);
  console.log(`[dockwright] built ${targets.length + 2} bundles in ${Date.now() - started} ms`);
}
