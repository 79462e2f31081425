import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PythonGrammar } from '../core/detect/types';

/** The wasm files scripts/build.mjs copies next to the bundles in dist/. */
export const GRAMMAR_FILES = { runtime: 'web-tree-sitter.wasm', python: 'tree-sitter-python.wasm' } as const;

/** Reads the parser runtime and the Python grammar from a folder (the extension's or the CLI's dist/). */
export async function readGrammar(folder: string): Promise<PythonGrammar> {
  try {
    const [runtime, python] = await Promise.all([
      readFile(join(folder, GRAMMAR_FILES.runtime)), readFile(join(folder, GRAMMAR_FILES.python)),
    ]);
    return { runtime, python };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`the Python grammar is missing from ${folder} (${reason}); rebuild with \`npm run build\``);
  }
}
