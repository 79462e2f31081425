import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES } from '../../../src/core/knowledge/lintRules';
import { lintDockerfile, parseDockerfile, type ExplainContext } from '../../../src/core/explain';
import { appFacts, applyEdits, codes, generateDir, lint, loadCorpus } from './support';

const corpus = loadCorpus();

describe('lint: the corpus of Dockerfiles, compose files and manifests', () => {
  for (const c of corpus) {
    it(`${c.name}: ${c.description}`, () => {
      const findings = lint(c.kind, c.text, c.context);
      assert.deepEqual(codes(findings), c.expect, findings.map((f) => `${f.code}:${f.range.start.line + 1} ${f.message}`).join('\n'));
      if (c.recommended) {
        const alarms = findings.filter((f) => f.severity !== 'info');
        assert.deepEqual(alarms.map((f) => f.message), [], 'a recommended file raises no error and no warning');
      }
    });
  }

  it('covers every rule: each code is expected in some case', () => {
    const seen = new Set(corpus.flatMap((c) => c.expect.map((e) => e.split(':')[0])));
    assert.deepEqual(ALL_RULES.map((r) => r.code).filter((code) => !seen.has(code)), []);
  });

  it('has at least 15 rules with stable, unique codes and names', () => {
    assert.ok(ALL_RULES.length >= 15, `${ALL_RULES.length} rules`);
    assert.equal(new Set(ALL_RULES.map((r) => r.code)).size, ALL_RULES.length);
    assert.equal(new Set(ALL_RULES.map((r) => r.name)).size, ALL_RULES.length);
    for (const r of ALL_RULES) assert.match(r.code, /^DW[123]\d\d$/);
  });
});

describe('lint: no false alarm on what Dockwright generates', () => {
  for (const name of readdirSync(generateDir).sort()) {
    it(name, () => {
      const input = JSON.parse(readFileSync(join(generateDir, name, 'input.json'), 'utf8'));
      const context: ExplainContext = {
        // As detection reports it: the port found in the source, a .env next to the code.
        app: appFacts({ ...input.facts, portSource: 'source', file: 'app/main.py', line: 3 }),
        buildContext: { dockerignore: readFileSync(join(generateDir, name, 'expected.dockerignore'), 'utf8'), files: ['.env', '.env.local', '.git', 'app', 'requirements.txt'] },
      };
      for (const [kind, file] of [['dockerfile', 'expected.Dockerfile'], ['compose', 'expected.compose.yaml']] as const) {
        const findings = lint(kind, readFileSync(join(generateDir, name, file), 'utf8'), context);
        assert.deepEqual(findings.map((f) => `${file}:${f.range.start.line + 1} ${f.code} ${f.message}`), []);
      }
    });
  }
});

describe('lint: quick fixes', () => {
  const withFixes = corpus.flatMap((c) => lint(c.kind, c.text, c.context).filter((f) => f.fix).map((f) => ({ c, f })));

  it('offers a fix for most rules', () => {
    const fixed = new Set(withFixes.map(({ f }) => f.code));
    assert.ok(fixed.size >= 18, `fixes for ${[...fixed].sort().join(', ')}`);
  });

  for (const { c, f } of withFixes) {
    it(`${c.name}: "${f.fix?.title}" removes ${f.code} on line ${f.range.start.line + 1}`, () => {
      const own = f.fix?.edits.filter((e) => !e.file) ?? [];
      const other = f.fix?.edits.filter((e) => e.file) ?? [];
      const fixedText = applyEdits(c.text, own);
      const context = { ...c.context };
      if (other.length && c.context.buildContext) {
        const ignore = applyEdits(c.context.buildContext.dockerignore ?? '', other);
        context.buildContext = { ...c.context.buildContext, dockerignore: ignore };
      }
      const before = lint(c.kind, c.text, c.context).filter((x) => x.code === f.code).length;
      const after = lint(c.kind, fixedText, context);
      assert.equal(after.filter((x) => x.code === f.code).length, before - 1, `after the fix:\n${fixedText}`);
      const syntax = (list: typeof after) => list.filter((x) => ['DW100', 'DW200', 'DW300'].includes(x.code)).map((x) => x.message);
      // A fix of a syntax finding removes that one; any other fix leaves the syntax findings as they were.
      const syntaxBefore = syntax(lint(c.kind, c.text, c.context)).filter((m) => m !== f.message);
      assert.deepEqual(syntax(after), syntaxBefore, `the fix broke the syntax:\n${fixedText}`);
    });
  }
});

describe('lint: specific fixes give the expected text', () => {
  const fixText = (text: string, code: string, context: ExplainContext = {}) => {
    const found = lintDockerfile(parseDockerfile(text), context).find((f) => f.code === code);
    assert.ok(found?.fix, `no fix for ${code}`);
    return applyEdits(text, found.fix.edits);
  };

  it('binds uvicorn to 0.0.0.0 in the exec form', () => {
    assert.equal(fixText('FROM python:3.12-slim\nCMD ["uvicorn", "main:app", "--port", "8000"]\n', 'DW101'),
      'FROM python:3.12-slim\nCMD ["uvicorn", "--host", "0.0.0.0", "main:app", "--port", "8000"]\n');
  });

  it('replaces a loopback bind of gunicorn, keeping the port', () => {
    assert.equal(fixText('FROM python:3.12-slim\nCMD gunicorn --bind=127.0.0.1:5000 app:app\n', 'DW101'),
      'FROM python:3.12-slim\nCMD gunicorn --bind=0.0.0.0:5000 app:app\n');
  });

  it('moves the code after the install and copies the requirements first', () => {
    assert.equal(fixText('FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\n', 'DW102'),
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt ./\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n');
  });

  it('converts a shell-form CMD to the exec form', () => {
    assert.equal(fixText('FROM python:3.12-slim\nCMD uvicorn main:app --host 0.0.0.0\n', 'DW112'),
      'FROM python:3.12-slim\nCMD ["uvicorn", "main:app", "--host", "0.0.0.0"]\n');
  });

  it('serves a Flask app with gunicorn instead of flask run', () => {
    const app = appFacts({ framework: 'flask', entry: 'app:app', port: 5000, server: 'gunicorn' });
    assert.equal(fixText('FROM python:3.12-slim\nCMD ["flask", "run", "--host=0.0.0.0"]\n', 'DW115', { app }),
      'FROM python:3.12-slim\nCMD ["gunicorn", "--bind", "0.0.0.0:5000", "--workers", "2", "--access-logfile", "-", "app:app"]\n');
  });
});
