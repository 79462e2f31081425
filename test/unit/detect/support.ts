// Shared by the detection tests: the grammar as the CLI loads it, an in-memory file view, and the real-project corpus.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { detect } from '../../../src/core/detect/detect';
import type { DetectResult, DirEntry, FileView } from '../../../src/core/detect/types';
import { readGrammar } from '../../../src/workspace/grammarFiles';

/** The repository, seen from out/test/unit/detect/. */
export const repo = join(__dirname, '..', '..', '..', '..');
export const projectsDir = join(repo, 'test', 'fixtures', 'projects');

/** The wasm files from dist/, where the build puts them for the extension and the CLI. */
export const loadGrammar = () => readGrammar(join(repo, 'dist'));

export type MemoryTree = Record<string, string | Uint8Array | { symlink: string }>;

/** A tree given as { 'path/to/file': contents }; folders are implied by the paths. */
export function memoryView(tree: MemoryTree, listed: string[] = []): FileView {
  const encoder = new TextEncoder();
  return {
    async readDir(path) {
      listed.push(path);
      const prefix = path ? `${path}/` : '';
      const entries = new Map<string, DirEntry>();
      for (const [file, contents] of Object.entries(tree)) {
        if (!file.startsWith(prefix)) continue;
        const [name, ...rest] = file.slice(prefix.length).split('/');
        const kind = rest.length ? 'directory' : typeof contents === 'object' && 'symlink' in contents ? 'symlink' : 'file';
        entries.set(name, { name, kind });
      }
      if (path && !entries.size) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return [...entries.values()];
    },
    async readFile(path, maxBytes) {
      const contents = tree[path];
      if (contents === undefined || (typeof contents === 'object' && 'symlink' in contents)) return { kind: 'unreadable', reason: 'ENOENT' };
      const bytes = typeof contents === 'string' ? encoder.encode(contents) : contents;
      return bytes.length > maxBytes ? { kind: 'too-large', size: bytes.length } : { kind: 'ok', bytes };
    },
  };
}

export function detectMemory(tree: MemoryTree): Promise<DetectResult> {
  return detect(memoryView(tree), { root: '/memory', loadGrammar });
}

/** The real-project corpus beside the repository (../shared/corpus/realworld), read in place. */
export const CORPUS = join(repo, '..', 'shared', 'corpus', 'realworld');

/**
 * The corpus projects that have a truth file, sorted; in a suite, skips it (saying why) when the
 * corpus is not there, so the suite stands without ../shared.
 */
export function corpusProjects(suite: Mocha.Suite): string[] {
  const truth = join(CORPUS, 'truth');
  if (!existsSync(truth)) {
    suite.beforeAll(function () {
      console.log(`    skipped: no corpus at ${CORPUS} (it lives beside the repository, in ../shared)`);
      this.skip();
    });
    return [];
  }
  return readdirSync(truth).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();
}
