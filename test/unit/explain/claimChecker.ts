// Checks what explanations say about "here", "this file" and "this app" against the file itself and
// the facts given with it: a .dockerignore claim against Docker's matching of its rules, a line
// reference against that line, an example's server and port against the app's. Every "Here" sentence
// must be one the checker knows how to verify: a new kind of claim needs a rule here first.
import dockerignore from '@balena/dockerignore';
import type { AppFacts } from '../../../src/core/detect/types';
import { instructionText, type DockerfileModel, type InstructionNode } from '../../../src/core/dockerfile';
import type { ComposeModel, ExplainContext } from '../../../src/core/explain';

/** One thing an explanation says: a sentence about the file, a title, or an example. */
export interface Statement {
  kind: 'context' | 'title' | 'example' | 'composeText';
  text: string;
  /** The Dockerfile instruction it explains (hovers and full explanations of a Dockerfile). */
  node?: InstructionNode;
  /** The program of the command hovered (`uvicorn`, `flask`), when the hover is on one. */
  hovered?: string;
  /** The compose service whose key or value is hovered. */
  service?: string;
}

export interface Subject {
  dockerfile?: DockerfileModel;
  /** The Dockerfile's text, for what is looked up by text (ENV lines, 0.0.0.0). */
  text?: string;
  compose?: ComposeModel;
  context: ExplainContext;
}

export interface Verdict {
  /** The statements a rule recognized and verified (true or false). */
  checked: number;
  /** What is false, or a "Here" sentence no rule knows. */
  problems: string[];
  /** Names of the rules that matched, to show each pattern was exercised. */
  rules: Set<string>;
}

const SERVERS = new Set(['uvicorn', 'gunicorn', 'hypercorn', 'fastapi', 'flask', 'waitress-serve']);
const INSTALL = /\b(pip3? install|uv sync|uv pip install|poetry install|pipenv (install|sync)|pdm (install|sync))\b/;

function base(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1).replace(/^(python|pip)[\d.]+$/, '$1');
}

/** The server a command line runs: the first word naming one, through `python -m` and wrappers. */
export function serverIn(words: string[]): string | null {
  for (const w of words) {
    const name = base(w.replace(/^["']|["']$/g, ''));
    if (SERVERS.has(name)) return name === 'waitress-serve' ? 'waitress' : name;
  }
  return null;
}

/** The server named by the CMD or ENTRYPOINT lines of an example, or null. */
export function exampleServer(example: string): string | null {
  for (const line of example.split('\n')) {
    const match = /^(CMD|ENTRYPOINT)\s+(.*)$/.exec(line.trim());
    if (!match) continue;
    const words = match[2].startsWith('[') ? JSON.parse(match[2]) as string[] : match[2].split(/\s+/);
    const server = serverIn(words.slice(0, 3));
    if (server) return server;
    if (words.length) return null;
  }
  return null;
}

/** The ports an example names where a server listens or is reached. */
export function examplePorts(example: string): number[] {
  const ports: number[] = [];
  for (const re of [/0\.0\.0\.0:(\d+)/g, /--port["',\s]+(\d+)/g, /^EXPOSE (\d+)/gm, /127\.0\.0\.1:(\d+)/g, /^\s*- "(?:[\d.]+:)*(\d+)"$/gm]) {
    for (const m of example.matchAll(re)) ports.push(Number(m[1]));
  }
  return ports;
}

/** The server the app is served with: the one it declares, else its framework's usual one. */
export function appServer(app: AppFacts): string {
  return app.server ?? (app.framework === 'fastapi' ? 'uvicorn' : 'gunicorn');
}

function list(text: string): string[] {
  return text.split(/, | and /).map((s) => s.trim()).filter(Boolean);
}

function ignores(context: ExplainContext, path: string): boolean {
  const text = context.buildContext?.dockerignore ?? '';
  return dockerignore().add(text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))).ignores(path);
}

function nodeAtLine(model: DockerfileModel, line: number): InstructionNode | undefined {
  return model.instructions.find((n) => n.range.start.line === line - 1);
}

function stageOf(model: DockerfileModel, node: InstructionNode): InstructionNode[] {
  return model.stages[node.stage]?.instructions ?? [];
}

function isFinal(model: DockerfileModel, node: InstructionNode): boolean {
  return model.stages[node.stage]?.final === true;
}

/** The text of the final stage's last CMD and ENTRYPOINT, and every ENV of the file. */
function startText(model: DockerfileModel): string {
  const final = model.stages.find((s) => s.final);
  const last = (k: string) => final?.instructions.filter((n) => n.keyword === k).pop();
  return [last('ENTRYPOINT'), last('CMD')].filter((n): n is InstructionNode => !!n).map((n) => instructionText(model, n)).join('\n');
}

type Rule = { name: string; re: RegExp; holds: (m: RegExpExecArray, s: Statement, subject: Subject) => string | true };

const need = (ok: boolean, why: string): string | true => ok || why;

/** Claims about one Dockerfile instruction ("Here:", "Why it is here"). */
const CONTEXT_RULES: Rule[] = [
  { name: 'last-stage', re: /^This is the last stage: /, holds: (_m, s, { dockerfile: d }) => need(!!d && isFinal(d, s.node!) && d.stages.length > 1, 'not the last of several stages') },
  { name: 'thrown-away-stage', re: /^Nothing from this stage reaches the final image/, holds: (_m, s, { dockerfile: d }) => need(!!d && !isFinal(d, s.node!), 'this is the final stage') },
  {
    name: 'python-declared', re: /^Python (\d+\.\d+) is the version the project declares\.$/,
    holds: (m, s, { dockerfile: d, context }) => need(context.app?.pythonVersion === m[1] && (d?.stages[s.node!.stage]?.image?.tag ?? '').startsWith(m[1]), 'not the declared version or not the image\'s'),
  },
  {
    name: 'python-differs', re: /^The project declares Python (\S+), but this image has Python (\d+\.\d+)\.$/,
    holds: (m, s, { dockerfile: d, context }) => need(context.app?.pythonVersion === m[1] && m[1] !== m[2] && (d?.stages[s.node!.stage]?.image?.tag ?? '').startsWith(m[2]), 'versions do not match the facts'),
  },
  {
    name: 'code-after-install', re: /^It comes after the dependency install, so editing code rebuilds only this layer/,
    holds: (_m, s, { dockerfile: d }) => need(!!d && stageOf(d, s.node!).some((n) => n.index < s.node!.index
      && ((n.keyword === 'RUN' && INSTALL.test(instructionText(d, n))) || (n.keyword === 'COPY' && n.flags.some((f) => f.name === 'from')))), 'no install (or COPY --from) before it'),
  },
  { name: 'copies-context', re: /^It copies everything the build context holds/, holds: (_m, s) => need(s.node!.words.slice(0, -1).some((w) => w.value === '.' || w.value === './'), 'does not copy the context') },
  {
    name: 'dockerignore-keeps', re: /^\.dockerignore keeps (.+) out of the build context\.$/,
    holds: (m, _s, { context }) => {
      if (typeof context.buildContext?.dockerignore !== 'string') return 'there is no .dockerignore';
      const wrong = list(m[1]).filter((p) => !ignores(context, p));
      return need(!wrong.length, `.dockerignore does not exclude ${wrong.join(', ')}`);
    },
  },
  {
    name: 'dockerignore-lets-through', re: /^\.dockerignore does not exclude (.+?): add/,
    holds: (m, _s, { context }) => {
      if (typeof context.buildContext?.dockerignore !== 'string') return 'there is no .dockerignore';
      const wrong = list(m[1]).filter((p) => ignores(context, p));
      return need(!wrong.length, `.dockerignore does exclude ${wrong.join(', ')}`);
    },
  },
  { name: 'no-dockerignore', re: /^There is no \.dockerignore: /, holds: (_m, _s, { context }) => need(!!context.buildContext && context.buildContext.dockerignore === null, 'there is a .dockerignore (or no build context)') },
  {
    name: 'copied-before-install', re: /^Copied before the code, .* the install on line (\d+) stays cached/,
    holds: (m, s, { dockerfile: d }) => {
      const run = d && nodeAtLine(d, Number(m[1]));
      return need(!!run && run.keyword === 'RUN' && run.index > s.node!.index && INSTALL.test(instructionText(d, run)), `line ${m[1]} is no install after this line`);
    },
  },
  {
    name: 'binds-all', re: /^0\.0\.0\.0 because /,
    holds: (_m, _s, { dockerfile: d, text }) => need(!!d && (/0\.0\.0\.0|\[::\]|fastapi"?,? "?run|(--bind|-b)[= ",]+:|_HOST=0\.0\.0\.0/.test(startText(d) + text)
      || (/gunicorn/.test(startText(d)) && /\bPORT=\d+/.test(text ?? ''))), 'the file binds no 0.0.0.0'),
  },
  {
    name: 'pid1', re: /^Exec form: (\w+) runs as PID 1/,
    holds: (m, s) => {
      const words = s.node!.words.map((w) => base(w.value));
      const first = words[0] === 'python' && words[1] === '-m' ? words[2] : words[0];
      return need(s.node!.execForm && (first === m[1] || (m[1] === 'python' && words[0] === 'python')), `${m[1]} is not the process the exec form starts`);
    },
  },
  {
    name: 'serves-app', re: /^Serves (\S+), the (FastAPI|Flask) app found in (\S+?)(?::(\d+))?\.$/,
    holds: (m, _s, { dockerfile: d, text = '', context: { app } }) => {
      if (!app || !d) return 'no app known';
      if (app.entry !== m[1] || app.file !== m[3] || (app.framework === 'fastapi') !== (m[2] === 'FastAPI')) return 'not the detected app';
      const start = startText(d);
      const file = app.file.split('/').pop() ?? '';
      const flaskFinds = /\bflask\b/.test(start) && !/FLASK_APP|--app/.test(text) && (app.module === 'app' || app.module === 'wsgi');
      return need([app.entry.replace(/\(\)$/, ''), `${app.module}:`, file].some((n) => start.includes(n)) || new RegExp(`FLASK_APP=\\S*(${app.module}|${file})`).test(text) || flaskFinds,
        `the start command does not name ${app.entry}`);
    },
  },
  {
    name: 'port-matters', re: /^Port (\d+) is the one that matters: (.+)\.$/,
    holds: (m, _s, { dockerfile: d, context: { app } }) => {
      const server = /^(\w+) listens on (\d+).*, per the (CMD|ENTRYPOINT) on line (\d+)$/.exec(m[2]);
      if (server) {
        const node = d && nodeAtLine(d, Number(server[4]));
        return need(server[2] === m[1] && !!node && node.keyword === server[3] && serverIn(node.words.map((w) => w.value).concat(startText(d).split(/[\s",[\]]+/))) !== null
          && startText(d).includes(server[1]), `line ${server[4]} does not start ${server[1]}`);
      }
      const fromApp = /^the app listens on (\d+), per /.exec(m[2]);
      return need(!!fromApp && app?.port === Number(m[1]), 'not the app\'s port');
    },
  },
  { name: 'app-port-too', re: /^Port (\d+) is also where the app listens, per /, holds: (m, _s, { context: { app } }) => need(app?.port === Number(m[1]), 'not the app\'s port') },
  { name: 'app-port-differs', re: /^The app itself asks for port (\d+), per .*, but /, holds: (m, _s, { context: { app } }) => need(app?.port === Number(m[1]), 'not the app\'s port') },
  {
    name: 'install-after-code', re: /^It runs after the whole code was copied/,
    holds: (_m, s, { dockerfile: d }) => need(!!d && stageOf(d, s.node!).some((n) => n.index < s.node!.index && n.keyword === 'COPY' && n.words.slice(0, -1).some((w) => w.value === '.' || w.value === './')), 'no COPY . before it'),
  },
  {
    name: 'install-cached-until', re: /^Docker reuses this layer from its cache until (.+?) changes?\.$/,
    holds: (m, s, { dockerfile: d }) => {
      const before = d ? stageOf(d, s.node!).filter((n) => n.index < s.node!.index && (n.keyword === 'COPY' || n.keyword === 'ADD')).map((n) => instructionText(d, n)).join('\n') : '';
      const own = d ? instructionText(d, s.node!) : '';
      const missing = list(m[1]).filter((f) => !before.includes(f) && !own.includes(`source=${f}`) && !own.includes(`src=${f}`));
      return need(!missing.length, `${missing.join(', ')} not copied before the install`);
    },
  },
  {
    name: 'user-rights', re: /^Everything after this line( \(until the USER on line (\d+)\))?(, and the running app,)? (runs as root|has only this user's rights)\.$/,
    holds: (m, s, { dockerfile: d }) => {
      const node = s.node!;
      const later = d ? stageOf(d, node).find((n) => n.index > node.index && n.keyword === 'USER') : undefined;
      const root = /^(root|0)(:|$)/.test(node.words[0]?.value ?? '');
      if (node.keyword !== 'USER' || root !== (m[4] === 'runs as root')) return 'not what this USER sets';
      if (m[2] ? later?.range.start.line !== Number(m[2]) - 1 : !!later) return 'the next USER is elsewhere';
      return need(!m[3] || (!later && !!d && isFinal(d, node)), 'the running app has another user');
    },
  },
  {
    name: 'workdir', re: /^Relative paths in the COPY, RUN and CMD lines below( \(until the WORKDIR on line (\d+)\))? are relative to (\S+?)(, inside the folder the WORKDIR before it set)?\.$/,
    holds: (m, s, { dockerfile: d }) => {
      const node = s.node!;
      const later = d ? stageOf(d, node).find((n) => n.index > node.index && n.keyword === 'WORKDIR') : undefined;
      if (node.words[0]?.value !== m[3]) return 'not this WORKDIR\'s folder';
      if (m[2] ? later?.range.start.line !== Number(m[2]) - 1 : !!later) return 'the next WORKDIR is elsewhere';
      return need(!m[4] === (m[3].startsWith('/') || m[3].startsWith('$')), 'relative or not, the other way round');
    },
  },
];

/** Titles that say something about the rest of the file. */
const TITLE_RULES: Rule[] = [
  {
    name: 'code-last', re: /^Copy the code, last: edits rebuild only this layer$/,
    holds: (_m, s, { dockerfile: d }) => need(!!d && !stageOf(d, s.node!).some((n) => n.index > s.node!.index && ['RUN', 'COPY', 'ADD'].includes(n.keyword)), 'a later RUN, COPY or ADD rebuilds too'),
  },
  {
    name: 'replaced-by', re: /^Replaced by the (\w+) on line (\d+)$/,
    holds: (m, s, { dockerfile: d }) => {
      const node = d && nodeAtLine(d, Number(m[2]));
      return need(!!node && node.keyword === m[1] && node.keyword === s.node!.keyword && node.index > s.node!.index, `line ${m[2]} is no later ${m[1]}`);
    },
  },
  {
    name: 'start-server', re: /^Start (uvicorn|gunicorn|hypercorn|flask|fastapi) on /,
    holds: (m, _s, { dockerfile: d }) => need(!!d && serverIn(startText(d).split(/[\s",[\]]+/)) === m[1], `the file does not start ${m[1]}`),
  },
  {
    name: 'expose-where', re: /^Document port (\d+), where (\w+) listens$/,
    holds: (m, s, { dockerfile: d }) => need(s.node!.words.some((w) => w.value.startsWith(m[1])) && !!d && startText(d).includes(m[2]), `${m[2]} is not started by the file, or ${m[1]} not exposed`),
  },
  {
    name: 'install-cached', re: /^Install dependencies — cached until (.+?) changes?$/,
    holds: (m, s, { dockerfile: d }) => {
      const text = d ? stageOf(d, s.node!).filter((n) => n.index <= s.node!.index).map((n) => instructionText(d, n)).join('\n') : '';
      const missing = list(m[1]).filter((f) => !text.includes(f));
      return need(!missing.length, `${missing.join(', ')} not copied before`);
    },
  },
];

/** Sentences of compose hovers that speak of this file's services or this app. */
const COMPOSE_RULES: Rule[] = [
  {
    name: 'compose-app-port', re: /The app listens on (\d+), per [^:]+: the container side must be (\d+)\./,
    holds: (m, s, { compose, context: { app } }) => need(!!app && app.port === Number(m[1]) && m[1] === m[2]
      && compose?.services.find((x) => x.name === s.service)?.builds === true, 'not the app\'s service or port'),
  },
  {
    name: 'compose-host-name', re: /reach it at the host name `([^`]+)`/,
    holds: (m, _s, { compose }) => need(!!compose?.services.some((x) => x.name === m[1]), `${m[1]} is no service`),
  },
];

function applyRules(rules: Rule[], s: Statement, subject: Subject, verdict: Verdict, strict: boolean): void {
  const rule = rules.find((r) => r.re.test(s.text));
  if (!rule) {
    if (strict) verdict.problems.push(`unrecognized claim (add a rule to claimChecker.ts): "${s.text}"`);
    return;
  }
  verdict.checked++;
  verdict.rules.add(rule.name);
  const result = rule.holds(rule.re.exec(s.text)!, s, subject);
  if (result !== true) verdict.problems.push(`${result}: "${s.text}"`);
}

/** An example's server and ports against the app (or, with none, the server the file starts). */
function checkExample(s: Statement, subject: Subject, verdict: Verdict): void {
  const { app } = subject.context;
  const server = exampleServer(s.text);
  const fileServer = subject.dockerfile ? serverIn(startText(subject.dockerfile).split(/[\s",[\]]+/)) : null;
  const composeGeneric = subject.compose && !subject.compose.services.find((x) => x.name === s.service)?.builds;
  if (server) {
    verdict.checked++;
    const allowed = app ? [appServer(app)] : [fileServer, s.hovered];
    // A hover on a server shows that server (serving this app); `flask run`'s shows what replaces it in an image.
    if (app && s.hovered && s.hovered !== 'flask') allowed.push(s.hovered);
    if (!app && (s.hovered === 'flask' || (!s.hovered && fileServer === 'flask'))) allowed.push('gunicorn');
    verdict.rules.add(app ? `example-${server}-for-${appServer(app)}-app` : fileServer || s.hovered ? 'example-file-server' : 'example-server-without-any');
    if (!allowed.includes(server)) verdict.problems.push(`example runs ${server}, but ${app ? `the app is served by ${appServer(app)}` : `the file starts ${fileServer ?? 'no server'}`}: ${JSON.stringify(s.text)}`);
    else if (app && !s.text.includes(app.entry.replace(/\(\)$/, '')) && !s.text.includes(app.file.split('/').pop() ?? '\0')) verdict.problems.push(`example does not serve ${app.entry}: ${JSON.stringify(s.text)}`);
  } else if (!s.hovered && (s.node?.keyword === 'CMD' || s.node?.keyword === 'ENTRYPOINT')) {
    verdict.checked++;
    verdict.rules.add('example-neutral');
    if (app) verdict.problems.push(`example names no server, though the app's is ${appServer(app)}: ${JSON.stringify(s.text)}`);
  }
  if (app && !composeGeneric) {
    const wrong = examplePorts(s.text).filter((p) => p !== app.port);
    verdict.checked++;
    if (wrong.length) verdict.problems.push(`example uses port ${wrong.join(', ')}, the app listens on ${app.port}: ${JSON.stringify(s.text)}`);
  }
}

export function checkStatements(statements: Statement[], subject: Subject, verdict: Verdict = { checked: 0, problems: [], rules: new Set() }): Verdict {
  for (const s of statements) {
    if (s.kind === 'context') applyRules(CONTEXT_RULES, s, subject, verdict, true);
    else if (s.kind === 'title') applyRules(TITLE_RULES, s, subject, verdict, false);
    else if (s.kind === 'composeText') for (const sentence of s.text.split(/\n\n/)) applyRules(COMPOSE_RULES, { ...s, text: sentence }, subject, verdict, false);
    else checkExample(s, subject, verdict);
  }
  return verdict;
}
