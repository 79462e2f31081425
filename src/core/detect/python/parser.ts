import type { PythonGrammar } from '../types';
import { ENV_MARKERS, readModuleEnv } from './envReads';
import { qualify, readModuleFacts, type ModuleFacts } from './moduleFacts';

export interface PythonParser {
  /** Parses a module and reads its facts; the syntax tree is freed before returning. */
  facts(source: string): ModuleFacts;
}

let loaded: Promise<PythonParser> | undefined;

/**
 * One parser per process (parsing is synchronous, so it is never used concurrently), built from
 * wasm bytes the adapter read. web-tree-sitter is imported here, on first use, so activating the
 * extension does not pay for it. A failed load is not cached, so a later call can retry.
 */
export function loadPythonParser(loadGrammar: () => Promise<PythonGrammar>): Promise<PythonParser> {
  loaded ??= createParser(loadGrammar).catch((err: unknown) => {
    loaded = undefined;
    throw err;
  });
  return loaded;
}

async function createParser(loadGrammar: () => Promise<PythonGrammar>): Promise<PythonParser> {
  const grammar = await loadGrammar();
  const { Parser, Language } = await import('web-tree-sitter');
  await Parser.init({ wasmBinary: grammar.runtime });
  const parser = new Parser();
  parser.setLanguage(await Language.load(grammar.python));
  return {
    facts(source) {
      const tree = parser.parse(source);
      if (!tree) throw new Error('tree-sitter returned no syntax tree');
      try {
        const facts = readModuleFacts(tree.rootNode);
        if (ENV_MARKERS.some((marker) => source.includes(marker))) facts.env = readModuleEnv(tree.rootNode, (node) => qualify(facts.imports, node));
        return facts;
      } finally {
        tree.delete();
      }
    },
  };
}
