// The project's layers, enforced: a local ESLint rule that resolves each relative import to the
// layer it lands in and reports an import the importing layer may not make. ESLint's own
// no-restricted-imports matches the written specifier only, so `../../docker/client` would pass it.
import path from 'node:path';

/**
 * Each layer: the folders it covers (relative to the repository root, longest prefix wins) and the
 * layers it may import. A folder that is in no layer (tests, benchmarks, scripts) is not checked.
 */
export const LAYERS = {
  core: { folders: ['src/core'], mayImport: ['core'] },
  docker: { folders: ['src/docker'], mayImport: ['core', 'docker'] },
  workspace: { folders: ['src/workspace'], mayImport: ['core', 'workspace'] },
  shared: { folders: ['src/shared'], mayImport: ['core', 'docker', 'shared'] },
  cli: { folders: ['src/cli'], mayImport: ['core', 'docker', 'workspace', 'cli'] },
  dashboard: { folders: ['src/dashboard'], mayImport: ['core', 'docker', 'workspace', 'shared', 'dashboard'] },
  extensionMain: { folders: ['src/extension/main'], mayImport: ['core', 'docker', 'workspace', 'shared', 'dashboard', 'extension'] },
  extension: { folders: ['src/extension'], mayImport: ['core', 'docker', 'workspace', 'shared', 'dashboard', 'extension'] },
  webview: { folders: ['webview'], mayImport: ['core', 'shared', 'webview'] },
};

function layerOf(relativePath) {
  let best = null;
  for (const [name, layer] of Object.entries(LAYERS)) {
    for (const folder of layer.folders) {
      const inside = relativePath === folder || relativePath.startsWith(`${folder}/`)
        || relativePath.startsWith(`${folder}.`);
      if (inside && (!best || folder.length > best.folder.length)) best = { name, folder };
    }
  }
  return best?.name ?? null;
}

function toPosix(p) {
  return p.split(path.sep).join('/');
}

export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the layers drawn in ARCHITECTURE.md.' },
    schema: [],
    messages: {
      wrongWay: '{{from}} may not import {{to}} ({{target}}): see the layers in ARCHITECTURE.md.',
    },
  },
  create(context) {
    const root = context.cwd;
    const file = toPosix(path.relative(root, context.filename));
    const from = layerOf(file);
    if (!from) return {};
    const check = (node, specifier) => {
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const target = toPosix(path.relative(root, path.resolve(path.dirname(context.filename), specifier)));
      const to = layerOf(target);
      if (!to || LAYERS[from].mayImport.includes(to)) return;
      context.report({ node, messageId: 'wrongWay', data: { from, to, target } });
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

export const layersPlugin = { rules: { layers: layersRule } };
