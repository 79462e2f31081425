import { parse as parseToml, TomlError } from 'smol-toml';
import { parseRequirement, normalizeName, type Requirement } from './requirements';
import type { DetectWarning } from './types';
import { WARNING, warning } from './warnings';

/** What a TOML manifest (pyproject.toml, Pipfile) says about dependencies and Python. */
export interface Manifest {
  /** The project's name ([project] or [tool.poetry]), null when it has none. */
  name: string | null;
  requirements: Requirement[];
  /** The raw constraint or pin: '>=3.11', '^3.12', '3.12'. */
  python: string | null;
  /** Tools that own the project: [tool.poetry], [tool.pdm], [tool.uv]. */
  tools: Set<'poetry' | 'pdm' | 'uv'>;
  /** The table declaring the entry points of a package the project builds, with its 1-based line; null when none. */
  entryPoints: { table: string; line: number } | null;
  warning: DetectWarning | null;
}

export type Table = Record<string, unknown>;

export function table(value: unknown): Table {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Table) : {};
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function parse(text: string, path: string): { doc: Table; warning: DetectWarning | null } {
  try {
    return { doc: parseToml(text) as Table, warning: null };
  } catch (err) {
    const line = err instanceof TomlError ? err.line : null;
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return { doc: {}, warning: warning(WARNING.tomlInvalid, `${path} is not valid TOML (${reason}); its dependencies were not read.`, path, line) };
  }
}

/** Poetry and Pipfile write dependencies as a table: name → version or { extras = [...] }. */
function tableRequirements(deps: Table, skip: string): Requirement[] {
  return Object.entries(deps)
    .filter(([name]) => name.toLowerCase() !== skip)
    .map(([name, spec]) => ({ name: normalizeName(name), extras: strings(table(spec).extras).map(normalizeName), marker: null }));
}

export function readPyproject(text: string, path: string): Manifest {
  const { doc, warning: invalid } = parse(text, path);
  const project = table(doc.project);
  const tool = table(doc.tool);
  const poetry = table(tool.poetry);
  const requirements = strings(project.dependencies).map(parseRequirement).filter((r): r is Requirement => r !== null);
  requirements.push(...tableRequirements(table(poetry.dependencies), 'python'));
  const tools = new Set<'poetry' | 'pdm' | 'uv'>();
  for (const name of ['poetry', 'pdm', 'uv'] as const) if (name in tool) tools.add(name);
  const poetryPython = table(poetry.dependencies).python;
  const python = typeof project['requires-python'] === 'string' ? project['requires-python']
    : typeof poetryPython === 'string' ? poetryPython : null;
  const name = typeof project.name === 'string' ? project.name : typeof poetry.name === 'string' ? poetry.name : null;
  return { name, requirements, python, tools, entryPoints: entryPoints(doc, text), warning: invalid };
}

/**
 * Entry points only exist once the project is installed: console scripts, GUI scripts and plugin
 * groups, in PEP 621 or Poetry form. A project that builds no package ([build-system] missing,
 * Poetry's `package-mode = false`, uv's `package = false`) has none to install.
 */
function entryPoints(doc: Table, text: string): Manifest['entryPoints'] {
  const tool = table(doc.tool);
  const poetry = table(tool.poetry);
  if (!('build-system' in doc) || poetry['package-mode'] === false || table(tool.uv).package === false) return null;
  const project = table(doc.project);
  const declared = [
    ['project.scripts', project.scripts], ['project.gui-scripts', project['gui-scripts']], ['project.entry-points', project['entry-points']],
    ['tool.poetry.scripts', poetry.scripts], ['tool.poetry.plugins', poetry.plugins],
  ] as const;
  const found = declared.find(([, value]) => Object.keys(table(value)).length > 0);
  if (!found) return null;
  // Its own header (`[project.entry-points."flask.commands"]` too), else the parent's, where it is an inline table.
  const lines = text.split(/\r?\n/);
  const header = lines.findIndex((l) => l.trim().startsWith(`[${found[0]}`));
  const parent = lines.findIndex((l) => l.trim() === `[${found[0].slice(0, found[0].lastIndexOf('.'))}]`);
  return { table: `[${found[0]}]`, line: (header >= 0 ? header : Math.max(parent, 0)) + 1 };
}

export function readPipfile(text: string, path: string): Manifest {
  const { doc, warning: invalid } = parse(text, path);
  const requires = table(doc.requires);
  const pin = requires.python_version ?? requires.python_full_version;
  return {
    name: null,
    requirements: tableRequirements(table(doc.packages), 'python'),
    python: typeof pin === 'string' ? pin : null,
    tools: new Set(),
    entryPoints: null,
    warning: invalid,
  };
}

/**
 * The Python minor version a constraint or pin asks for: '3.12.4' → '3.12', '>=3.11,<4' → '3.11',
 * '^3.10' → '3.10', 'python-3.12.1' (runtime.txt) → '3.12'. The lower bound is what the project
 * is known to support.
 */
export function pythonMinor(constraint: string | null): string | null {
  if (!constraint) return null;
  for (const clause of constraint.split(',')) {
    const match = /^\s*(?:python-)?(?:>=|==|~=|\^|~|>)?\s*3\.(\d+)/.exec(clause);
    if (match) return `3.${Number(match[1])}`;
  }
  return null;
}
