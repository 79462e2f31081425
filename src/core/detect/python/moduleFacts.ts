import type { Node } from 'web-tree-sitter';
import type { Framework } from '../types';
import {
  callArguments, dottedName, firstErrorLine, functionOf, isMainGuard, lineOf, scopeStatements, simpleAssignment,
  statementCall, stringValue,
} from './syntax';
import type { ModuleEnv } from './envReads';
import { readRuntimeUse, type RuntimeUse } from './runtimeUse';
import { evaluate, type Value, type ValueScope } from './values';

/** What one name is bound to by an import: `from ..pkg import f as g` → g: { module: 'pkg', name: 'f', level: 2 }. */
export interface ImportBinding {
  module: string;
  name: string | null;
  level: number;
}

export interface RunCall {
  server: 'uvicorn' | 'app.run';
  /** `uvicorn.run("app.main:app")` */
  targetString: string | null;
  /** `uvicorn.run(app)`, `app.run()`, `create_app().run()` (the call's callee, with `called`). */
  targetName: string[] | null;
  called: boolean;
  port: Value | null;
  host: Value | null;
  line: number;
}

/** Everything detection needs from one Python module, read from its syntax tree. */
export interface ModuleFacts {
  imports: Map<string, ImportBinding>;
  /** `app = FastAPI()` at module level. */
  apps: { variable: string; framework: Framework; line: number }[];
  /** Functions that build and return an app. */
  factories: { name: string; framework: Framework; line: number }[];
  /** Module-level `app = something(...)` calls, which may call a factory. */
  calls: { variable: string; callee: string[]; line: number }[];
  /** Server starts inside `if __name__ == "__main__":`. */
  runs: RunCall[];
  celery: { variable: string; line: number }[];
  unsupported: { framework: string; line: number }[];
  /** Other module-level names (functions, classes, assignments), to follow re-exports. */
  definitions: Set<string>;
  hasMainGuard: boolean;
  syntaxErrorLine: number | null;
  /** Drivers, URLs, mounts, writes and workers (runtimeUse.ts). */
  use: RuntimeUse;
  /** Environment variables it reads and classes that may be settings; only for modules that mention them. */
  env?: ModuleEnv;
}

const APP_CONSTRUCTORS: Record<string, Framework> = {
  'fastapi.FastAPI': 'fastapi', 'fastapi.applications.FastAPI': 'fastapi',
  'flask.Flask': 'flask', 'flask.app.Flask': 'flask',
};
const OTHER_FRAMEWORKS: Record<string, string> = {
  'starlette.applications.Starlette': 'starlette', 'quart.Quart': 'quart', 'sanic.Sanic': 'sanic',
  'litestar.Litestar': 'litestar', 'bottle.Bottle': 'bottle', 'falcon.App': 'falcon', 'falcon.asgi.App': 'falcon',
  'aiohttp.web.Application': 'aiohttp', 'tornado.web.Application': 'tornado',
  'django.core.wsgi.get_wsgi_application': 'django', 'django.core.asgi.get_asgi_application': 'django',
  'django.core.management.execute_from_command_line': 'django',
};
const DJANGO_ENTRY_MODULES = new Set(['django.core.management', 'django.core.wsgi', 'django.core.asgi']);
const CELERY = 'celery.Celery';
const UVICORN_RUN = 'uvicorn.run';

export function readModuleFacts(root: Node): ModuleFacts {
  const facts: ModuleFacts = {
    imports: new Map(), apps: [], factories: [], calls: [], runs: [], celery: [], unsupported: [],
    definitions: new Set(), hasMainGuard: false, syntaxErrorLine: firstErrorLine(root), use: readRuntimeUse(root),
  };
  const constants = new Map<string, Value>();
  const scope: ValueScope = { constants, qualify: (node) => qualify(facts.imports, node) };
  const mainGuards: Node[] = [];

  for (const statement of scopeStatements(root)) {
    if (statement.type === 'import_statement' || statement.type === 'import_from_statement') {
      readImport(statement, facts.imports);
    } else if (isMainGuard(statement)) {
      facts.hasMainGuard = true;
      mainGuards.push(statement);
    } else if (functionOf(statement) || statement.type === 'class_definition' || statement.type === 'decorated_definition') {
      readDefinition(statement, scope, facts);
    } else {
      const assignment = simpleAssignment(statement);
      if (assignment) readAssignment(assignment, scope, constants, facts);
    }
    const call = statementCall(statement);
    if (call) noteUnsupported(call, scope, facts);
  }
  // Runs are read last: `uvicorn.run(app, port=PORT)` may use constants defined after the guard's line.
  for (const guard of mainGuards) readMainGuard(guard, scope, facts);
  // manage.py imports Django's command line inside a function, so look at every import.
  const django = root.descendantsOfType('import_from_statement')
    .find((node) => DJANGO_ENTRY_MODULES.has(node.childForFieldName('module_name')?.text ?? ''));
  if (django && !facts.unsupported.some((u) => u.framework === 'django')) facts.unsupported.push({ framework: 'django', line: lineOf(django) });
  return facts;
}

function readImport(statement: Node, imports: Map<string, ImportBinding>): void {
  if (statement.type === 'import_statement') {
    for (const name of statement.childrenForFieldName('name')) {
      if (name.type === 'aliased_import') {
        const module = dottedName(name.childForFieldName('name'));
        const alias = name.childForFieldName('alias');
        if (module && alias) imports.set(alias.text, { module: module.join('.'), name: null, level: 0 });
      } else {
        // `import a.b` binds `a`, through which `a.b.x` is reached.
        const module = dottedName(name);
        if (module) imports.set(module[0], { module: module[0], name: null, level: 0 });
      }
    }
    return;
  }
  const from = statement.childForFieldName('module_name');
  if (!from) return;
  let level = 0;
  let module = dottedName(from)?.join('.') ?? '';
  if (from.type === 'relative_import') {
    level = from.namedChildren.find((c) => c.type === 'import_prefix')?.text.length ?? 0;
    module = dottedName(from.namedChildren.find((c) => c.type === 'dotted_name') ?? null)?.join('.') ?? '';
  }
  for (const name of statement.childrenForFieldName('name')) {
    const original = dottedName(name.type === 'aliased_import' ? name.childForFieldName('name') : name);
    const local = name.type === 'aliased_import' ? name.childForFieldName('alias')?.text : original?.join('.');
    if (original && local) imports.set(local, { module, name: original.join('.'), level });
  }
}

/** The absolute dotted name an expression refers to through the imports, or null. */
export function qualify(imports: ReadonlyMap<string, ImportBinding>, node: Node): string | null {
  const chain = dottedName(node);
  const binding = chain && imports.get(chain[0]);
  if (!chain || !binding || binding.level > 0) return null;
  return [binding.module, binding.name, ...chain.slice(1)].filter(Boolean).join('.');
}

function constructed(value: Node, scope: ValueScope): { framework?: Framework; other?: string; celery?: boolean } | null {
  if (value.type !== 'call') return null;
  const name = scope.qualify(value.childForFieldName('function') ?? value);
  if (!name) return null;
  if (APP_CONSTRUCTORS[name]) return { framework: APP_CONSTRUCTORS[name] };
  if (OTHER_FRAMEWORKS[name]) return { other: OTHER_FRAMEWORKS[name] };
  if (name === CELERY) return { celery: true };
  return null;
}

function readAssignment(
  assignment: NonNullable<ReturnType<typeof simpleAssignment>>, scope: ValueScope, constants: Map<string, Value>, facts: ModuleFacts,
): void {
  const { name, value, node } = assignment;
  facts.definitions.add(name);
  const made = constructed(value, scope);
  if (made?.framework) {
    if (!facts.apps.some((a) => a.variable === name)) facts.apps.push({ variable: name, framework: made.framework, line: lineOf(node) });
  } else if (made?.other) {
    facts.unsupported.push({ framework: made.other, line: lineOf(node) });
  } else if (made?.celery) {
    facts.celery.push({ variable: name, line: lineOf(node) });
  } else if (value.type === 'call') {
    const callee = dottedName(value.childForFieldName('function'));
    if (callee) facts.calls.push({ variable: name, callee, line: lineOf(node) });
  } else {
    const constant = evaluate(value, scope);
    if (constant) constants.set(name, constant);
  }
}

function readDefinition(statement: Node, scope: ValueScope, facts: ModuleFacts): void {
  const fn = functionOf(statement);
  const definition = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
  const name = definition?.childForFieldName('name')?.text;
  if (!name) return;
  facts.definitions.add(name);
  const body = fn?.childForFieldName('body');
  if (!fn || !body) return;
  const framework = factoryFramework(body, scope);
  if (framework) facts.factories.push({ name, framework, line: lineOf(statement) });
}

/** The framework of the app a function body builds and returns, if it does. */
function factoryFramework(body: Node, scope: ValueScope): Framework | null {
  const built = new Map<string, Framework>();
  for (const statement of scopeStatements(body)) {
    const assignment = simpleAssignment(statement);
    const framework = assignment && constructed(assignment.value, scope)?.framework;
    if (assignment && framework) built.set(assignment.name, framework);
    if (statement.type === 'return_statement') {
      const returned = statement.namedChildren[0];
      if (!returned) continue;
      if (returned.type === 'identifier' && built.has(returned.text)) return built.get(returned.text) ?? null;
      const direct = constructed(returned, scope)?.framework;
      if (direct) return direct;
    }
  }
  return null;
}

function noteUnsupported(call: Node, scope: ValueScope, facts: ModuleFacts): void {
  const other = constructed(call, scope)?.other;
  if (other) facts.unsupported.push({ framework: other, line: lineOf(call) });
}

function readMainGuard(guard: Node, scope: ValueScope, facts: ModuleFacts): void {
  const body = guard.childForFieldName('consequence');
  if (!body) return;
  for (const statement of scopeStatements(body)) {
    if (statement.type === 'import_statement' || statement.type === 'import_from_statement') readImport(statement, facts.imports);
    const call = statementCall(statement);
    if (!call) continue;
    noteUnsupported(call, scope, facts);
    const run = readRun(call, scope);
    if (run) facts.runs.push(run);
  }
}

function readRun(call: Node, scope: ValueScope): RunCall | null {
  const callee = call.childForFieldName('function');
  if (!callee) return null;
  const args = callArguments(call);
  const line = lineOf(call);
  const port = evaluate(args.keywords.get('port') ?? null, scope);
  const host = evaluate(args.keywords.get('host') ?? null, scope);
  if (scope.qualify(callee) === UVICORN_RUN) {
    const target = args.positional[0] ?? args.keywords.get('app') ?? null;
    return { server: 'uvicorn', targetString: stringValue(target), targetName: dottedName(target), called: false, port, host, line };
  }
  // `app.run(...)`: Flask's development server, or `create_app().run(...)`.
  if (callee.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'run') return null;
  const object = callee.childForFieldName('object');
  const factoryCall = object?.type === 'call' ? dottedName(object.childForFieldName('function')) : null;
  const targetName = factoryCall ?? dottedName(object ?? null);
  if (!targetName) return null;
  // Flask's app.run takes host and port positionally too.
  return {
    server: 'app.run', targetString: null, targetName, called: factoryCall !== null, line,
    host: host ?? evaluate(args.positional[0] ?? null, scope), port: port ?? evaluate(args.positional[1] ?? null, scope),
  };
}
