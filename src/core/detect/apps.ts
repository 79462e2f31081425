import type { ModuleIndex } from './modules';
import type { ModuleFacts, RunCall } from './python/moduleFacts';
import type { Framework } from './types';

/** An app found in the source, before project facts are added. */
export interface AppCandidate {
  file: string;
  variable: string;
  framework: Framework;
  factory: boolean;
  line: number;
  /** How the source itself starts it (`uvicorn.run(...)`, `app.run(...)` under the main guard). */
  run: (RunCall & { file: string }) | null;
  /** The same app reached another way: other modules that call its factory, and the factory itself. */
  alternatives?: AppCandidate[];
}

export interface SourceFindings {
  apps: AppCandidate[];
  celery: { file: string; variable: string; line: number }[];
  unsupported: { file: string; framework: string; line: number }[];
  /** Modules with a main guard that neither define nor start an app. */
  scripts: string[];
}

export interface Symbol {
  file: string;
  name: string;
}

const MAX_REEXPORTS = 5;
const key = (s: Symbol) => `${s.file}#${s.name}`;

/**
 * Turns per-module facts into apps: constructions, factories and the modules that call them
 * (`app = create_app()` is the app; a factory nobody calls is reported as `pkg:create_app()`),
 * and attaches each main-guard server start to the app it starts.
 */
export async function findApps(index: ModuleIndex): Promise<SourceFindings> {
  const modules = await index.parsedModules();
  const candidates = new Map<string, AppCandidate>();
  const factories = new Map<string, AppCandidate>();
  const active = new Set<string>();
  const findings: SourceFindings = { apps: [], celery: [], unsupported: [], scripts: [] };

  for (const [file, facts] of modules) {
    for (const app of facts.apps) candidates.set(key({ file, name: app.variable }), { file, ...app, factory: false, run: null });
    for (const f of facts.factories) factories.set(key({ file, name: f.name }), { file, variable: f.name, framework: f.framework, factory: true, line: f.line, run: null });
    for (const c of facts.celery) findings.celery.push({ file, ...c });
    for (const u of facts.unsupported) findings.unsupported.push({ file, ...u });
  }
  const callers = new Map<string, AppCandidate[]>();
  for (const [file, facts] of modules) {
    for (const call of facts.calls) {
      const target = await resolveSymbol(index, file, call.callee);
      const factory = target && (await factoryAt(index, target, factories));
      if (!factory) continue;
      const app: AppCandidate = { file, variable: call.variable, framework: factory.framework, factory: false, line: call.line, run: null };
      candidates.set(key({ file, name: call.variable }), app);
      callers.set(key(target), [...(callers.get(key(target)) ?? []), app]);
      active.add(file);
    }
  }
  for (const [name, factory] of factories) if (!callers.has(name)) candidates.set(name, factory);

  for (const [file, facts] of modules) {
    for (const run of facts.runs) {
      const target = await runTarget(index, file, run);
      const app = target && (candidates.get(key(target)) ?? factories.get(key(target)));
      if (!app) continue;
      active.add(file);
      // The app's own module has the final word over a runner script elsewhere.
      if (!app.run || (file === app.file && app.run.file !== app.file)) app.run = { ...run, file };
    }
  }
  // wsgi.py and run.py may both call the factory: that is one app, served from the likeliest module.
  for (const [factory, apps] of callers) {
    const [best, ...others] = [...apps].sort((a, b) => entryRank(a.file, modules) - entryRank(b.file, modules) || a.file.length - b.file.length);
    best.run ??= factories.get(factory)?.run ?? null;
    for (const other of others) {
      best.run ??= other.run;
      candidates.delete(key({ file: other.file, name: other.variable }));
    }
    const made = factories.get(factory);
    best.alternatives = [...others, ...(made ? [made] : [])];
  }
  findings.apps = [...candidates.values()].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  findings.scripts = modules
    .filter(([file, facts]) => facts.hasMainGuard && !active.has(file) && !definesApp(facts) && !file.endsWith('setup.py'))
    .map(([file]) => file);
  return findings;
}

const ENTRY_MODULES = [['wsgi.py', 'asgi.py'], ['app.py', 'main.py', 'application.py'], ['run.py', 'server.py', 'serve.py']];

/** How likely a module is meant as the server's entry point, by its name (lower is likelier); a tasks module last. */
function entryRank(file: string, modules: [string, ModuleFacts][]): number {
  const facts = modules.find(([f]) => f === file)?.[1];
  if (facts && isTasksModule(file, facts)) return ENTRY_MODULES.length + 1;
  const name = file.slice(file.lastIndexOf('/') + 1);
  const rank = ENTRY_MODULES.findIndex((names) => names.includes(name));
  return rank < 0 ? ENTRY_MODULES.length : rank;
}

const TASK_QUEUES = ['celery', 'rq', 'dramatiq', 'arq', 'huey'];
const TASKS_MODULE = /^(tasks?|workers?|jobs|celery\w*|\w+_tasks|\w+_worker)\.py$/;

/**
 * A module that holds background tasks for a worker (tasks.py importing rq, worker.py building a
 * Celery app): an app it creates is pushed into a context for the tasks, never served.
 */
export function isTasksModule(file: string, facts: ModuleFacts): boolean {
  const name = file.slice(file.lastIndexOf('/') + 1);
  const usesQueue = facts.celery.length > 0 || [...facts.use.imported.keys()].some((m) => TASK_QUEUES.includes(m.split('.')[0]));
  return usesQueue && TASKS_MODULE.test(name);
}

function definesApp(facts: ModuleFacts): boolean {
  return facts.apps.length > 0 || facts.factories.length > 0 || facts.unsupported.length > 0 || facts.celery.length > 0;
}

async function factoryAt(index: ModuleIndex, target: Symbol, known: Map<string, AppCandidate>): Promise<AppCandidate | null> {
  const found = known.get(key(target));
  if (found) return found;
  // Resolution may have parsed a module the first pass did not need.
  const facts = await index.factsOf(target.file);
  const factory = facts?.factories.find((f) => f.name === target.name);
  if (!factory) return null;
  const candidate: AppCandidate = { file: target.file, variable: factory.name, framework: factory.framework, factory: true, line: factory.line, run: null };
  known.set(key(target), candidate);
  return candidate;
}

async function runTarget(index: ModuleIndex, file: string, run: RunCall): Promise<Symbol | null> {
  if (run.targetString) {
    const [module, variable] = run.targetString.split(':');
    const target = module && variable ? index.resolveModule(file, module, 0) : null;
    return target ? follow(index, { file: target, name: variable.replace(/\(.*$/, '') }, 0) : null;
  }
  return run.targetName ? resolveSymbol(index, file, run.targetName) : null;
}

/**
 * Where a name used in `file` is defined: a local definition, or through its imports
 * (`from .factory import create_app`, `import pkg; pkg.create_app`), following re-exports.
 */
export async function resolveSymbol(index: ModuleIndex, file: string, chain: string[], depth = 0): Promise<Symbol | null> {
  const facts = await index.factsOf(file);
  if (!facts || depth > MAX_REEXPORTS) return null;
  const [head, ...rest] = chain;
  const binding = facts.imports.get(head);
  if (!binding) return rest.length ? null : { file, name: head };
  // `import a` / `from a import b`, then `a.b.c(...)`: the module is everything before the last name.
  const path = [binding.module, binding.name, ...rest].filter(Boolean);
  if (binding.name !== null && !rest.length) {
    const module = index.resolveModule(file, binding.module, binding.level);
    if (module) return follow(index, { file: module, name: binding.name }, depth + 1);
  }
  const name = path.pop();
  const module = name ? index.resolveModule(file, path.join('.'), binding.level) : null;
  return module && name ? follow(index, { file: module, name }, depth + 1) : null;
}

/** A name a module imports rather than defines is looked up where it comes from. */
export async function follow(index: ModuleIndex, symbol: Symbol, depth: number): Promise<Symbol | null> {
  const facts = await index.factsOf(symbol.file);
  if (!facts) return null;
  const defined = facts.definitions.has(symbol.name) || facts.factories.some((f) => f.name === symbol.name)
    || facts.apps.some((a) => a.variable === symbol.name);
  if (defined || !facts.imports.has(symbol.name)) return symbol;
  return resolveSymbol(index, symbol.file, [symbol.name], depth);
}
