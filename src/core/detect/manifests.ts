import { parse as parseToml, TomlError } from 'smol-toml';
import { parseRequirement, normalizeName, type Requirement } from './requirements';
import type { DetectWarning } from './types';
import { WARNING, warning } from './warnings';

/** What a TOML manifest (pyproject.toml, Pipfile) says about dependencies and Python. */
export interface Manifest {
  requirements: Requirement[];
  /** The raw constraint or pin: '>=3.11', '^3.12', '3.12'. */
  python: string | null;
  /** Tools that own the project: [tool.poetry], [tool.pdm], [tool.uv]. */
  tools: Set<'poetry' | 'pdm' | 'uv'>;
  warning: DetectWarning | null;
}

type Table = Record<string, unknown>;

function table(value: unknown): Table {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Table) : {};
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function parse(text: string, path: string): { doc: Table; warning: DetectWarning | null } {
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
  return { requirements, python, tools, warning: invalid };
}

export function readPipfile(text: string, path: string): Manifest {
  const { doc, warning: invalid } = parse(text, path);
  const requires = table(doc.requires);
  const pin = requires.python_version ?? requires.python_full_version;
  return {
    requirements: tableRequirements(table(doc.packages), 'python'),
    python: typeof pin === 'string' ? pin : null,
    tools: new Set(),
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
