import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
    // activate() hands the dashboard what it needs (src/dashboard/services.ts); it never reaches back in.
    files: ['src/dashboard/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/extension/*'], message: 'The dashboard gets this through DashboardServices.' }],
      }],
    },
  },
  {
    // The daemon adapter owns its types; the webview protocol carries them, not the other way round.
    files: ['src/docker/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/shared/protocol'], message: 'Define the type in src/docker/types.ts; the protocol imports it.' }],
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
);
