import type { ModuleFacts } from './python/moduleFacts';
import type { PythonParser } from './python/parser';
import { ancestors, dirname, isInside, join, relativeTo } from './paths';
import type { ProjectFiles } from './projectFiles';
import { productionRequirementFiles } from './dependencies';
import { WARNING, warning } from './warnings';

/** Files that make a folder a Python project (the root a container is built from). */
const PROJECT_MARKERS = ['pyproject.toml', 'setup.py', 'setup.cfg', 'Pipfile', 'uv.lock', 'poetry.lock', 'pdm.lock'];

/**
 * Python modules of the tree as an importer sees them: which project each belongs to, its import
 * root (the sys.path entry) and dotted name, and its facts, parsed on first need.
 */
export class ModuleIndex {
  parsed = 0;
  private readonly facts = new Map<string, Promise<ModuleFacts | null>>();
  private readonly roots = new Map<string, string>();

  constructor(private readonly files: ProjectFiles, private readonly parser: () => Promise<PythonParser>) {}

  /** The facts of a module, or null when it cannot be read or parsed (a warning says why). */
  factsOf(file: string): Promise<ModuleFacts | null> {
    let pending = this.facts.get(file);
    if (!pending) {
      pending = this.parse(file);
      this.facts.set(file, pending);
    }
    return pending;
  }

  /** Modules parsed so far, in path order. */
  async parsedModules(): Promise<[string, ModuleFacts][]> {
    const entries = await Promise.all([...this.facts].map(async ([file, facts]) => [file, await facts] as const));
    return entries.filter((e): e is [string, ModuleFacts] => e[1] !== null).sort((a, b) => a[0].localeCompare(b[0]));
  }

  private async parse(file: string): Promise<ModuleFacts | null> {
    const text = await this.files.text(file);
    if (text === null) return null;
    const parser = await this.parser();
    this.parsed++;
    const facts = parser.facts(text);
    if (facts.syntaxErrorLine !== null) {
      this.files.warnings.push(warning(WARNING.pythonSyntax,
        `${file} has a syntax error near line ${facts.syntaxErrorLine}; what could be read from it was used.`, file, facts.syntaxErrorLine));
    }
    return facts;
  }

  /** The project a file belongs to: the nearest folder up with a project marker, else the tree's root. */
  projectRoot(file: string): string {
    const folder = dirname(file);
    let root = this.roots.get(folder);
    if (root === undefined) {
      root = ancestors(folder).find((f) => this.isProject(f)) ?? '';
      this.roots.set(folder, root);
    }
    return root;
  }

  private isProject(folder: string): boolean {
    return PROJECT_MARKERS.some((m) => this.files.has(join(folder, m))) || productionRequirementFiles(this.files, folder).length > 0;
  }

  /** The folder Python imports the module from: above every enclosing package, not above its project. */
  importRoot(file: string): string {
    const floor = this.projectRoot(file);
    let folder = dirname(file);
    while (folder !== floor && isInside(floor, folder) && this.files.has(join(folder, '__init__.py'))) folder = dirname(folder);
    return isInside(floor, folder) ? folder : floor;
  }

  /** `src/pkg/main.py` → 'pkg.main'; `pkg/__init__.py` → 'pkg'. */
  moduleName(file: string): string {
    const parts = relativeTo(this.importRoot(file), file).replace(/\.py$/, '').split('/');
    if (parts.length > 1 && parts[parts.length - 1] === '__init__') parts.pop();
    return parts.join('.');
  }

  /**
   * The file an import names, seen from `from`: relative imports from its package, absolute ones
   * from its import root, its project root, or the project's src/ folder.
   */
  resolveModule(from: string, module: string, level: number): string | null {
    const path = module.replace(/\./g, '/');
    let bases: string[];
    if (level > 0) {
      let folder = dirname(from);
      for (let i = 1; i < level; i++) folder = dirname(folder);
      bases = [folder];
    } else {
      const root = this.projectRoot(from);
      bases = [...new Set([this.importRoot(from), root, join(root, 'src')])];
    }
    for (const base of bases) {
      const candidates = path ? [join(base, `${path}.py`), join(base, `${path}/__init__.py`)] : [join(base, '__init__.py')];
      const found = candidates.find((c) => this.files.has(c));
      if (found) return found;
    }
    return null;
  }
}
