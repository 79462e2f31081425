import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { layersPlugin } from './eslint/layers.mjs';

const nodeOnly = ['fs', 'child_process', 'net'];
const forbiddenInCore = ['vscode', 'dockerode', ...nodeOnly, ...nodeOnly.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'examples/**', 'test/fixtures/**', 'test-results/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Each layer imports only the layers below it (eslint/layers.mjs draws them).
    files: ['src/**/*.ts', 'webview/**/*.ts'],
    plugins: { dockwright: layersPlugin },
    rules: { 'dockwright/layers': 'error' },
  },
  {
    // The core is pure: it receives data and returns data. Adapters do the I/O.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: forbiddenInCore.map((name) => ({ name, message: 'src/core is pure: do I/O in an adapter.' })),
        patterns: [{ group: ['fs/*', 'node:fs/*'], message: 'src/core is pure: do I/O in an adapter.' }],
      }],
    },
  },
  {
    // dockerode is loaded on the first request to an engine, never at start (src/docker/dockerode.ts).
    files: ['src/**/*.ts'],
    ignores: ['src/core/**', 'src/docker/dockerode.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: 'dockerode', allowTypeImports: true, message: 'Load dockerode through loadDockerode() (src/docker/dockerode.ts).' }],
      }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable',
        __dirname: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly',
        URL: 'readonly', URLSearchParams: 'readonly' },
    },
  },
  {
    // The benchmark's small extensions are CommonJS, as the extension host loads them.
    files: ['bench/extensions/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
