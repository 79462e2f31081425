// Every lens, every hover at every position and every full explanation, over the project's fixtures
// and the real Dockerfiles and projects beside the repository (../shared/corpus, read in place when
// there): each thing said about "here", this file or this app is checked against the file and the
// facts given with it (claimChecker.ts). The fixtures cover each pattern, so the suite stands alone.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { detect } from '../../../src/core/detect/detect';
import { appForFolder, isComposeFileName } from '../../../src/core/explain/appChoice';
import {
  analyze, composeHover, explainInstructionIn, fullMarkdown, hoverIn, lensesIn, lintIn, parseCompose, parseDockerfile,
  type BuildContext, type ExplainContext,
} from '../../../src/core/explain';
import { commandsOf } from '../../../src/core/explain/commandLine';
import { diskFileView } from '../../../src/workspace/diskFileView';
import { checkStatements, type Statement, type Subject, type Verdict } from './claimChecker';
import { loadGrammar } from '../detect/support';
import { appFacts, loadCorpus, repo } from './support';

const SHARED = join(repo, '..', 'shared', 'corpus');

interface Subjectfile { name: string; kind: 'dockerfile' | 'compose'; text: string; context: ExplainContext }

/** The pieces of a hover's or full explanation's markdown: "Here" sentences, the title, the examples. */
function statementsOf(markdown: string, base: Omit<Statement, 'kind' | 'text'>): Statement[] {
  const out: Statement[] = [];
  const lines = markdown.split('\n');
  const title = /^\*\*[A-Z]+\*\* · (.*)$/.exec(lines[0]) ?? (/^# /.test(lines[0]) ? /^\*\*(.*)\*\*$/.exec(lines[4] ?? '') : null);
  if (title) out.push({ ...base, kind: 'title', text: title[1].replace(/\\(.)/g, '$1') });
  let why = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('## ')) why = line === '## Why it is here';
    const here = /^\*Here:\* (.*)$/.exec(line) ?? (why ? /^- (.*)$/.exec(line) : null);
    if (here) out.push({ ...base, kind: 'context', text: here[1] });
    const fence = /^(`{3,})(\w+)$/.exec(line);
    if (fence) {
      const end = lines.indexOf(fence[1], i + 1);
      const code = lines.slice(i + 1, end).join('\n');
      // The fence right under the file's name is the line itself, not an example.
      if (!(lines[0].startsWith('# ') && i === 2)) out.push({ ...base, kind: 'example', text: code });
      i = end;
    }
  }
  return out;
}

function dockerfileStatements(text: string, context: ExplainContext, name: string): Statement[] {
  const model = parseDockerfile(text);
  const a = analyze(model, context);
  const findings = lintIn(a);
  const out: Statement[] = lensesIn(a).map((l) => ({ kind: 'title', text: l.title, node: model.instructions[l.index] }));
  for (const node of model.instructions) {
    out.push(...statementsOf(fullMarkdown(explainInstructionIn(a, node), findings.filter((f) => f.range.start.line === node.range.start.line), name), { node }));
  }
  const seen = new Set<string>();
  text.split('\n').forEach((line, l) => {
    for (let ch = 0; ch <= line.length; ch++) {
      const hover = hoverIn(a, { line: l, character: ch });
      const node = model.instructions.find((n) => n.range.start.line <= l && l <= n.range.end.line);
      if (!hover || !node || seen.has(hover.markdown)) continue;
      seen.add(hover.markdown);
      const hovered = commandsOf(node).find((c) => c.words.some((w) => w.range.start.line === l && w.range.start.character <= ch && ch <= w.range.end.character));
      out.push(...statementsOf(hover.markdown, { node, hovered: hovered && !hover.markdown.startsWith(`**${node.keyword}**`) ? hovered.program : undefined }));
    }
  });
  return out;
}

function composeStatements(text: string, context: ExplainContext): Statement[] {
  const model = parseCompose(text);
  const out: Statement[] = [];
  const seen = new Set<string>();
  text.split('\n').forEach((line, l) => {
    for (let ch = 0; ch <= line.length; ch++) {
      const hover = composeHover(model, { line: l, character: ch }, context);
      if (!hover || seen.has(hover.markdown)) continue;
      seen.add(hover.markdown);
      const service = model.services.find((s) => {
        const [start, end] = s.map.range ?? [0, 0];
        const offset = model.lineCounter.lineStarts[l] + ch;
        return start <= offset && offset <= end;
      })?.name;
      const body = hover.markdown.split('\n\n').slice(1).join('\n\n');
      out.push({ kind: 'composeText', text: body, service }, ...statementsOf(hover.markdown, { service }).filter((s) => s.kind === 'example'));
    }
  });
  return out;
}

function check(file: Subjectfile, verdict: Verdict): Verdict {
  const subject: Subject = file.kind === 'compose'
    ? { compose: parseCompose(file.text), context: file.context }
    : { dockerfile: parseDockerfile(file.text), text: file.text, context: file.context };
  const statements = file.kind === 'compose' ? composeStatements(file.text, file.context) : dockerfileStatements(file.text, file.context, file.name);
  const before = verdict.problems.length;
  checkStatements(statements, subject, verdict);
  for (let i = before; i < verdict.problems.length; i++) verdict.problems[i] = `${file.name}: ${verdict.problems[i]}`;
  return verdict;
}

const fresh = (): Verdict => ({ checked: 0, problems: [], rules: new Set() });

/** The project's fixtures: the corpus cases, each also with a gunicorn app, a uvicorn app and no app, and each .dockerignore pattern. */
function fixtureFiles(): Subjectfile[] {
  const gunicornApp = appFacts({ framework: 'flask', entry: 'app:app', module: 'app', file: 'app.py', server: 'gunicorn', port: 5000, dependencies: ['flask', 'gunicorn'] });
  const uvicornApp = appFacts({ port: 8080, portSource: 'source' });
  const contexts: { label: string; context: (c: ExplainContext) => ExplainContext }[] = [
    { label: 'as given', context: (c) => c },
    { label: 'gunicorn app', context: (c) => ({ ...c, app: gunicornApp }) },
    { label: 'uvicorn app', context: (c) => ({ ...c, app: uvicornApp }) },
    { label: 'no app, no context', context: () => ({}) },
    { label: '.dockerignore with .venv', context: (c) => ({ ...c, buildContext: { dockerignore: '.git\n.venv\n**/__pycache__\n.env\n', files: ['.env', '.venv', 'app'] } }) },
    { label: '.dockerignore without .venv', context: (c) => ({ ...c, buildContext: { dockerignore: '.git\n*.pyc\n', files: ['.venv', 'venv', 'app'] } }) },
    { label: 'no .dockerignore', context: (c) => ({ ...c, buildContext: { dockerignore: null, files: ['app', 'requirements.txt'] } }) },
  ];
  // The claim checker reads Dockerfile and compose explanations; manifests have their own tests (manifest.test.ts).
  return loadCorpus().flatMap((c) => (c.kind === 'manifest' ? [] : [{ ...c, kind: c.kind }])).flatMap((c) => contexts.map(({ label, context }) => ({ name: `${c.name} (${label})`, kind: c.kind, text: c.text, context: context(c.context) })));
}

/** The Dockerfiles and compose files of ../shared/corpus/dockerfiles, without app or build context (only the file was collected). */
function sharedFiles(): Subjectfile[] {
  const dir = join(SHARED, 'dockerfiles');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => !/\.(json|tsv|txt|md)$/.test(f)).sort().map((name) => ({
    name, kind: /compose\.ya?ml$/i.test(name) ? 'compose' : 'dockerfile', text: readFileSync(join(dir, name), 'utf8'), context: {},
  }));
}

function walk(dir: string, depth = 0): string[] {
  if (depth > 3) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (['node_modules', '.git', 'frontend'].includes(name)) return [];
    if (statSync(path).isDirectory()) return walk(path, depth + 1);
    return /(^|\.)Dockerfile$|^Dockerfile\./.test(name) || isComposeFileName(name) ? [path] : [];
  });
}

/** As the CLI and the editor read it: the Dockerfile's own ignore file first, then the folder's .dockerignore. */
function buildContextOf(file: string): BuildContext {
  const folder = dirname(file);
  const ignore = [join(folder, `${basename(file)}.dockerignore`), join(folder, '.dockerignore')].find((f) => existsSync(f));
  return { dockerignore: ignore ? readFileSync(ignore, 'utf8') : null, files: readdirSync(folder) };
}

/** The Dockerfiles and compose files of the real projects, each with the app detected in its folder and its build context. */
async function realworldFiles(): Promise<Subjectfile[]> {
  const dir = join(SHARED, 'realworld');
  if (!existsSync(dir)) return [];
  const out: Subjectfile[] = [];
  for (const project of readdirSync(dir).filter((p) => p !== 'truth' && statSync(join(dir, p)).isDirectory()).sort()) {
    for (const file of walk(join(dir, project))) {
      const app = appForFolder(await detect(diskFileView(dirname(file)), { root: project, loadGrammar }));
      out.push({ name: relative(dir, file), kind: isComposeFileName(basename(file)) ? 'compose' : 'dockerfile', text: readFileSync(file, 'utf8'), context: { app, buildContext: buildContextOf(file) } });
    }
  }
  return out;
}

function report(label: string, files: Subjectfile[], verdict: Verdict): void {
  console.log(`      ${label}: ${verdict.checked} statements checked over ${files.length} files (${verdict.rules.size} kinds of claim)`);
}

describe('explanations say only what is true of this file and this app', function () {
  this.timeout(120_000);

  it('the project\'s fixtures, with each app and .dockerignore pattern', () => {
    const files = fixtureFiles();
    const verdict = fresh();
    for (const f of files) check(f, verdict);
    report('fixtures', files, verdict);
    assert.deepEqual(verdict.problems, []);
    // Each pattern is exercised, so the suite stands without ../shared.
    for (const rule of ['dockerignore-keeps', 'dockerignore-lets-through', 'no-dockerignore', 'example-gunicorn-for-gunicorn-app',
      'example-uvicorn-for-uvicorn-app', 'example-file-server', 'example-neutral', 'serves-app', 'pid1', 'user-rights', 'compose-app-port']) {
      assert.ok(verdict.rules.has(rule), `no fixture exercises ${rule}`);
    }
  });

  it('the real Dockerfiles and compose files of ../shared/corpus/dockerfiles', function () {
    const files = sharedFiles();
    if (!files.length) {
      console.log(`    skipped: no corpus at ${SHARED} (it lives beside the repository, in ../shared)`);
      this.skip();
    }
    const verdict = fresh();
    for (const f of files) check(f, verdict);
    report('shared dockerfiles', files, verdict);
    assert.deepEqual(verdict.problems, []);
  });

  it('the real projects of ../shared/corpus/realworld, with their detected app and .dockerignore', async function () {
    const files = await realworldFiles();
    if (!files.length) {
      console.log(`    skipped: no corpus at ${SHARED} (it lives beside the repository, in ../shared)`);
      this.skip();
    }
    const verdict = fresh();
    for (const f of files) check(f, verdict);
    report('realworld projects', files, verdict);
    assert.deepEqual(verdict.problems, []);
  });

  it('catches a false claim: a .dockerignore that keeps out less than said, a uvicorn example for a gunicorn app', () => {
    const text = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["gunicorn", "--bind", "0.0.0.0:5000", "app:app"]\n';
    const model = parseDockerfile(text);
    const [, , copy, cmd] = model.instructions;
    const subject: Subject = {
      dockerfile: model, text,
      context: { app: appFacts({ framework: 'flask', entry: 'app:app', module: 'app', file: 'app.py', server: 'gunicorn', port: 5000 }), buildContext: { dockerignore: '.git\n.env\n', files: ['.venv'] } },
    };
    const verdict = checkStatements([
      // What the explanation said before: virtualenvs are kept out, though nothing excludes .venv.
      { kind: 'context', node: copy, text: '.dockerignore keeps .env, .git and .venv out of the build context.' },
      { kind: 'context', node: copy, text: '.dockerignore keeps files such as .env, .git and virtualenvs out of the image.' },
      { kind: 'example', node: cmd, text: 'CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]' },
      { kind: 'context', node: cmd, text: 'Exec form: uvicorn runs as PID 1 and receives SIGTERM from docker stop, so it can finish requests and exit cleanly.' },
    ], subject);
    assert.equal(verdict.problems.length, 5, verdict.problems.join('\n'));
    assert.match(verdict.problems[0], /does not exclude \.venv/);
    assert.match(verdict.problems[1], /unrecognized claim/);
    assert.match(verdict.problems[2], /runs uvicorn, but the app is served by gunicorn/);
    assert.match(verdict.problems[3], /port 8000/);
    assert.match(verdict.problems[4], /uvicorn is not the process/);
    // And the same file's own explanations pass.
    assert.deepEqual(check({ name: 'gunicorn', kind: 'dockerfile', text, context: subject.context }, fresh()).problems, []);
  });
});
