import type { Node } from 'web-tree-sitter';
import { callArguments, dottedName, lineOf, scopeStatements, simpleAssignment, stringValue } from './syntax';

/**
 * What a module does when it runs, beyond defining an app: the libraries it imports (a database
 * driver, a task queue), the connection URLs it holds in string literals (never in comments), the
 * apps it mounts inside another app, the paths it writes and the workers it declares.
 */
export interface RuntimeUse {
  /** Every module imported anywhere in the file (`redis`, `psycopg2.extras`), with its first line. */
  imported: Map<string, number>;
  /** String literals that are URLs with a host or path after the scheme (`redis://cache:6379/0`). */
  urls: { value: string; line: number }[];
  /** `parent.mount("/api", sub)`: the name mounted. */
  mounts: { target: string[]; line: number }[];
  /** Relative paths the module writes, as written, with the kind of write. */
  writes: { path: string; kind: WriteKind; line: number }[];
  /** Names given to `rq.Queue("name", …)`. */
  rqQueues: { name: string; line: number }[];
  /** Classes an arq worker is started from (`class WorkerSettings: functions = [...]`). */
  arqSettings: { name: string; line: number }[];
  /** First `@dramatiq.actor` (or `@actor`) in the module. */
  dramatiqActor: number | null;
  /** A Celery beat schedule (`beat_schedule = …`, `add_periodic_task(…)`). */
  celeryBeat: number | null;
  /** The module does work at import time (calls, loops), as a plain script does. */
  topLevelWork: boolean;
}

export type WriteKind = 'sqlite' | 'folder' | 'log' | 'instance' | 'uploads';

const URL = /^[a-z][a-z0-9+.-]*:\/\/[^\s]+$/i;
const DIALECT = /^(postgres(ql)?|mysql|mariadb)\+\w+$/;
const SQLITE = /^sqlite(?:\+\w+)?:\/\/\/(.*)$/;
const MAKE_DIRS = new Set(['os.makedirs', 'os.mkdir', 'makedirs', 'mkdir']);
const LOG_HANDLERS = new Set(['FileHandler', 'RotatingFileHandler', 'TimedRotatingFileHandler', 'WatchedFileHandler']);
const UPLOAD_SETTING = /^(UPLOAD|MEDIA)_?(FOLDER|DIR|DIRECTORY|PATH|ROOT)$/;
const WORK_STATEMENTS = new Set(['for_statement', 'while_statement', 'with_statement', 'print_statement']);

export function readRuntimeUse(root: Node): RuntimeUse {
  const use: RuntimeUse = {
    imported: new Map(), urls: [], mounts: [], writes: [], rqQueues: [], arqSettings: [], dramatiqActor: null,
    celeryBeat: null, topLevelWork: false,
  };
  for (const node of root.descendantsOfType(['import_statement', 'import_from_statement'])) readImported(node, use.imported);
  for (const node of root.descendantsOfType('string')) {
    const value = stringValue(node);
    if (value && URL.test(value) && !value.includes('${')) use.urls.push({ value, line: lineOf(node) });
    // A scheme that names its driver is a choice of database even without a host:
    // `PostgresDsn.build(scheme="postgresql+psycopg", …)`, `url.replace(scheme, "postgresql+psycopg://")`.
    if (value && DIALECT.test(value.replace(/:\/\/$/, ''))) use.urls.push({ value: value.replace(/(:\/\/)?$/, '://'), line: lineOf(node) });
    const sqlite = value ? SQLITE.exec(value) : null;
    if (sqlite && sqlite[1] && !sqlite[1].startsWith('/') && !sqlite[1].startsWith(':memory:')) {
      use.writes.push({ path: sqlite[1], kind: 'sqlite', line: lineOf(node) });
    }
  }
  for (const node of root.descendantsOfType('binary_operator')) readSqliteJoin(node, use);
  for (const call of root.descendantsOfType('call')) readCall(call, use);
  for (const node of root.descendantsOfType(['assignment', 'keyword_argument', 'pair'])) readSetting(node, use);
  for (const node of root.descendantsOfType('class_definition')) readArqSettings(node, use);
  for (const node of root.descendantsOfType('decorator')) {
    const name = dottedName(node.namedChildren[0]?.type === 'call' ? node.namedChildren[0].childForFieldName('function') : node.namedChildren[0] ?? null);
    if (name && name[name.length - 1] === 'actor' && (name[0] === 'dramatiq' || use.imported.has('dramatiq'))) use.dramatiqActor ??= lineOf(node);
    if (name && name[name.length - 1] === 'periodic_task') use.celeryBeat ??= lineOf(node);
  }
  use.topLevelWork = [...scopeStatements(root)].some((s) => WORK_STATEMENTS.has(s.type)
    || (s.type === 'expression_statement' && s.namedChildren[0]?.type === 'call'));
  return use;
}

function readImported(node: Node, imported: Map<string, number>): void {
  const add = (name: string | undefined) => {
    if (name && !imported.has(name)) imported.set(name, lineOf(node));
  };
  if (node.type === 'import_from_statement') {
    const from = node.childForFieldName('module_name');
    if (from?.type === 'dotted_name') add(from.text);
    return;
  }
  for (const name of node.childrenForFieldName('name')) {
    add(dottedName(name.type === 'aliased_import' ? name.childForFieldName('name') : name)?.join('.'));
  }
}

/** `'sqlite:///' + os.path.join(basedir, 'app.db')`: the file is the join's last part. */
function readSqliteJoin(node: Node, use: RuntimeUse): void {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (!left || !right || !SQLITE.test(stringValue(left) ?? '') || right.type !== 'call') return;
  const last = callArguments(right).positional.at(-1) ?? null;
  const name = stringValue(last);
  if (name && !name.startsWith('/')) use.writes.push({ path: name, kind: 'sqlite', line: lineOf(node) });
}

function readCall(call: Node, use: RuntimeUse): void {
  const callee = dottedName(call.childForFieldName('function'));
  if (!callee) return;
  const name = callee.join('.');
  const last = callee[callee.length - 1];
  const args = callArguments(call);
  const first = args.positional[0] ?? null;
  if (last === 'mount' && callee.length > 1) {
    const target = dottedName(args.positional[1] ?? args.keywords.get('app') ?? null);
    if (target) use.mounts.push({ target, line: lineOf(call) });
  } else if (MAKE_DIRS.has(name) || (last === 'mkdir' && callee[0] !== 'os')) {
    const folder = last === 'mkdir' && callee[0] !== 'os' ? pathCallArgument(call) : stringValue(first);
    const target = dottedName(first);
    if (target && target[target.length - 1] === 'instance_path') use.writes.push({ path: 'instance', kind: 'instance', line: lineOf(call) });
    else if (folder && isRelative(folder)) use.writes.push({ path: folder, kind: 'folder', line: lineOf(call) });
  } else if (LOG_HANDLERS.has(last) || name === 'logging.basicConfig') {
    const file = stringValue(last === 'basicConfig' ? args.keywords.get('filename') ?? null : first ?? args.keywords.get('filename') ?? null);
    if (file && isRelative(file)) use.writes.push({ path: file, kind: 'log', line: lineOf(call) });
  } else if (last === 'Queue' && (callee[0] === 'rq' || use.imported.has('rq'))) {
    const queue = stringValue(first ?? args.keywords.get('name') ?? null);
    if (queue) use.rqQueues.push({ name: queue, line: lineOf(call) });
  } else if (last === 'add_periodic_task') {
    use.celeryBeat ??= lineOf(call);
  } else if (APP_CONSTRUCTORS.has(last) && args.keywords.get('instance_relative_config')?.text === 'True') {
    use.writes.push({ path: 'instance', kind: 'instance', line: lineOf(call) });
  }
}

const APP_CONSTRUCTORS = new Set(['Flask']);

/** `Path("uploads").mkdir(...)`: the path the Path was built from. */
function pathCallArgument(call: Node): string | null {
  const object = call.childForFieldName('function')?.childForFieldName('object');
  if (object?.type !== 'call') return null;
  return stringValue(callArguments(object).positional[0] ?? null);
}

/** `UPLOAD_FOLDER = "uploads"`, `beat_schedule = {...}`, `config["UPLOAD_FOLDER"] = …`. */
function readSetting(node: Node, use: RuntimeUse): void {
  const [nameNode, valueNode] = node.type === 'assignment'
    ? [node.childForFieldName('left'), node.childForFieldName('right')]
    : node.type === 'keyword_argument' ? [node.childForFieldName('name'), node.childForFieldName('value')]
      : [node.childForFieldName('key'), node.childForFieldName('value')];
  if (!nameNode || !valueNode) return;
  const name = stringValue(nameNode) ?? (nameNode.type === 'subscript' ? stringValue(nameNode.childForFieldName('subscript')) : null)
    ?? dottedName(nameNode)?.at(-1) ?? null;
  if (!name) return;
  if (/^(beat_schedule|CELERYBEAT_SCHEDULE|CELERY_BEAT_SCHEDULE)$/.test(name)) use.celeryBeat ??= lineOf(node);
  if (!UPLOAD_SETTING.test(name.toUpperCase())) return;
  const folder = uploadFolder(valueNode);
  if (folder && isRelative(folder)) use.writes.push({ path: folder, kind: 'uploads', line: lineOf(node) });
}

/** A literal folder, or the literal tail of `f"{APP_FOLDER}/project/media"` (relative to a folder set elsewhere). */
function uploadFolder(value: Node): string | null {
  const literal = stringValue(value);
  if (literal) return literal;
  if (value.type !== 'string') return null;
  const parts = value.namedChildren.filter((c) => c.type === 'string_content' || c.type === 'interpolation');
  const tail = parts.at(-1);
  return parts.length === 2 && parts[0].type === 'interpolation' && tail?.type === 'string_content' ? tail.text.replace(/^\/+/, '') : null;
}

function readArqSettings(node: Node, use: RuntimeUse): void {
  const name = node.childForFieldName('name')?.text;
  const body = node.childForFieldName('body');
  if (!name || !body || !use.imported.has('arq') && ![...use.imported.keys()].some((m) => m.startsWith('arq.'))) return;
  const fields = [...scopeStatements(body)].map(simpleAssignment).filter((a) => a !== null).map((a) => a.name);
  if (fields.includes('functions') || fields.includes('cron_jobs')) use.arqSettings.push({ name, line: lineOf(node) });
}

function isRelative(path: string): boolean {
  return path.length > 0 && !path.startsWith('/') && !path.startsWith('~') && !/^[A-Za-z]:[\\/]/.test(path) && !path.includes('://');
}
