import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  composeHover, dockerfileHover, dockerfileLenses, explainDockerfile, fullMarkdown, LENS_TITLE_MAX, lintDockerfile, parseCompose,
  parseDockerfile, plainText, type ExplainContext, type Position,
} from '../../../src/core/explain';
import { appFacts, corpusDir, generateDir, loadCorpus } from './support';

const update = process.env.UPDATE_GOLDENS === '1';
const dockerfiles = loadCorpus().filter((c) => c.kind === 'dockerfile');
const generated = readFileSync(join(generateDir, 'services-celery', 'expected.Dockerfile'), 'utf8');
const celeryApp = appFacts({ ...JSON.parse(readFileSync(join(generateDir, 'services-celery', 'input.json'), 'utf8')).facts, portSource: 'source', file: 'app/main.py', line: 5 });

/** The position of the first occurrence of `needle` on the line that contains `lineHint`. */
function at(text: string, lineHint: string | RegExp, needle: string): Position {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => (typeof lineHint === 'string' ? l.includes(lineHint) : lineHint.test(l)));
  assert.ok(line >= 0, `no line with ${lineHint}`);
  return { line, character: lines[line].indexOf(needle) + 1 };
}

function hover(text: string, lineHint: string, needle: string, context: ExplainContext = {}): string {
  const found = dockerfileHover(parseDockerfile(text), at(text, lineHint, needle), context);
  assert.ok(found, `no hover on ${needle}`);
  return found.markdown;
}

describe('explain: golden explanations of the corpus', () => {
  for (const c of dockerfiles) {
    it(c.name, () => {
      const actual = `${explainDockerfile(parseDockerfile(c.text), c.context).map(plainText).join('\n\n')}\n`;
      const path = join(corpusDir, c.name, 'explain.golden.txt');
      if (update || !existsSync(path)) writeFileSync(path, actual);
      assert.equal(actual, readFileSync(path, 'utf8'), 'explain.golden.txt differs (UPDATE_GOLDENS=1 rewrites it; review the diff)');
    });
  }
});

describe('explain: lenses', () => {
  it('one lens per instruction, each title at most 60 characters', () => {
    for (const c of [...dockerfiles.map((d) => d.text), generated]) {
      const model = parseDockerfile(c);
      const lenses = dockerfileLenses(model);
      assert.equal(lenses.length, model.instructions.length);
      for (const l of lenses) assert.ok(l.title.length > 0 && l.title.length <= LENS_TITLE_MAX, l.title);
    }
  });

  it('says what each line of the generated Dockerfile does for this app', () => {
    const titles = dockerfileLenses(parseDockerfile(generated), { app: celeryApp }).map((l) => l.title);
    for (const canary of ['Copy requirements.txt before the code', 'Install dependencies — cached until requirements.txt changes',
      'Take /opt/venv from stage builder', 'Copy the code, last: edits rebuild only this layer', 'Run as app, not root',
      'Document port 8000, where uvicorn listens', 'Start uvicorn on 0.0.0.0:8000', 'Stage "builder" on python:3.12 (thrown away)']) {
      assert.ok(titles.includes(canary), `no lens "${canary}" in ${JSON.stringify(titles)}`);
    }
  });

  it('notices when the code is copied before the install', () => {
    const titles = dockerfileLenses(parseDockerfile('FROM python:3.12\nCOPY . .\nRUN pip install -r requirements.txt\n')).map((l) => l.title);
    assert.ok(titles.includes('Install dependencies — reruns on every code change'), titles.join(' | '));
  });
});

describe('explain: why a line is here', () => {
  const explanations = explainDockerfile(parseDockerfile(generated), { app: celeryApp });
  const of = (keyword: string, text: string) => explanations.find((e) => e.keyword === keyword && e.text.includes(text));

  it('dependency files are copied first so code changes do not reinstall', () => {
    assert.match(of('COPY', 'requirements.txt')?.context.join(' ') ?? '', /so a code change doesn't reinstall dependencies/);
  });

  it('0.0.0.0 because 127.0.0.1 is unreachable from the host', () => {
    assert.match(of('CMD', 'uvicorn')?.context.join(' ') ?? '', /0\.0\.0\.0 because 127\.0\.0\.1 inside a container is unreachable from the host/);
  });

  it('the port is where the server listens, and the app comes from detection', () => {
    assert.match(of('EXPOSE', '8000')?.context.join(' ') ?? '', /uvicorn listens on 8000, per the CMD on line 58/);
    assert.match(of('CMD', 'uvicorn')?.context.join(' ') ?? '', /found in app\/main\.py:5/);
  });

  it('a python script: the port comes from the app source', () => {
    const text = 'FROM python:3.12-slim\nEXPOSE 5001\nCMD ["python", "app.py"]\n';
    const app = appFacts({ framework: 'flask', port: 5001, portSource: 'source', file: 'app.py' });
    const expose = explainDockerfile(parseDockerfile(text), { app }).find((e) => e.keyword === 'EXPOSE');
    assert.match(expose?.context.join(' ') ?? '', /port 5001 .*per app\.py/i);
  });

  it('the full explanation lists what lint found on the line, with its fix', () => {
    const text = 'FROM python:3.12-slim\nCMD ["uvicorn", "main:app"]\n';
    const model = parseDockerfile(text);
    const cmd = explainDockerfile(model).find((e) => e.keyword === 'CMD');
    assert.ok(cmd);
    const markdown = fullMarkdown(cmd, lintDockerfile(model).filter((f) => f.range.start.line === 1), 'Dockerfile');
    assert.match(markdown, /DW101/);
    assert.match(markdown, /Quick fix: Bind to 0\.0\.0\.0/);
    assert.match(markdown, /https:\/\/docs\.docker\.com\/reference\/dockerfile\/#cmd/);
  });
});

describe('explain: hovers', () => {
  it('an instruction keyword: summary, example and the reference link', () => {
    const markdown = hover(generated, 'RUN PIP_PYTHON=/opt/venv/bin/python pip install', 'RUN');
    assert.match(markdown, /\*\*RUN\*\*/);
    assert.match(markdown, /```dockerfile/);
    assert.match(markdown, /\(https:\/\/docs\.docker\.com\/reference\/dockerfile\/#run\)/);
  });

  it('flags: --no-cache-dir, --chown, --from, --mount=type=cache, HEALTHCHECK timings', () => {
    const noCache = hover(generated, 'RUN PIP_PYTHON=/opt/venv/bin/python pip install', '--no-cache-dir');
    assert.match(noCache, /~\/\.cache\/pip/);
    assert.match(noCache, /```dockerfile\nRUN pip install --no-cache-dir/, 'a hover shows an example');
    assert.match(noCache, /\[Reference: pip install\]\(https:\/\/pip\.pypa\.io/);
    assert.match(hover('FROM python:3.12-slim\nCOPY --chown=app:app . .\n', 'COPY --chown', '--chown'), /belong to root/);
    assert.match(hover(generated, 'COPY --from', '--from'), /multi-stage/);
    assert.match(hover('FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install x\n', 'RUN', '--mount'), /never becomes part of the image/);
    assert.match(hover(generated, 'HEALTHCHECK', '--start-period'), /do not count/);
  });

  it('a server option explains 0.0.0.0', () => {
    assert.match(hover(generated, 'CMD ["uvicorn"', '--host'), /0\.0\.0\.0/);
    assert.match(hover(generated, 'CMD ["uvicorn"', '0.0.0.0'), /0\.0\.0\.0/);
  });

  it('the base image tag', () => {
    const markdown = hover('FROM python:3.13-slim AS runtime\n', 'FROM', '3.13-slim');
    assert.match(markdown, /slim/);
    assert.match(markdown, /150 MB/);
    assert.match(hover('FROM python AS runtime\n', 'FROM', 'python'), /latest/);
  });

  it('the apt clean-up, useradd options and PYTHONUNBUFFERED', () => {
    const text = 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*\n'
      + 'RUN useradd --create-home app\nENV PYTHONUNBUFFERED=1\n';
    assert.match(hover(text, 'apt-get', '--no-install-recommends'), /recommends/);
    assert.match(hover(text, 'apt-get', 'rm'), /same RUN/);
    assert.match(hover(text, 'useradd', '--create-home'), /home folder/);
    assert.match(hover(text, 'PYTHONUNBUFFERED', 'PYTHONUNBUFFERED'), /docker logs/);
  });

  it('every position of every corpus file hovers without throwing', () => {
    for (const c of dockerfiles) {
      const model = parseDockerfile(c.text);
      c.text.split('\n').forEach((line, l) => {
        for (let ch = 0; ch <= line.length; ch++) dockerfileHover(model, { line: l, character: ch }, c.context);
      });
    }
  });
});

describe('explain: compose hovers', () => {
  const text = readFileSync(join(generateDir, 'services-celery', 'expected.compose.yaml'), 'utf8');
  const model = parseCompose(text);
  const composeAt = (lineHint: string | RegExp, needle: string, context: ExplainContext = {}) => {
    const found = composeHover(model, at(text, lineHint, needle), context);
    assert.ok(found, `no hover on ${needle}`);
    return found.markdown;
  };

  it('keys: ports, depends_on, healthcheck, volumes, restart, profiles, env_file', () => {
    assert.match(composeAt('ports:', 'ports'), /HOST:CONTAINER/);
    assert.match(composeAt('depends_on:', 'depends_on'), /service_healthy/);
    assert.match(composeAt('healthcheck:', 'healthcheck'), /service_healthy/);
    assert.match(composeAt('restart:', 'restart'), /unless-stopped/);
    assert.match(composeAt('profiles:', 'profiles'), /--profile dev/);
    assert.match(composeAt('env_file:', 'env_file'), /\.env/);
    assert.match(composeAt('    volumes: [postgres-data', 'volumes'), /named volume/);
  });

  it('values: a port mapping, a named volume, a condition, a service name in a URL', () => {
    assert.match(composeAt('ports:', '127.0.0.1', { app: celeryApp }), /Only this machine/);
    assert.match(composeAt('volumes: [postgres-data', 'postgres-data'), /survives/);
    assert.match(composeAt('condition: service_healthy', 'service_healthy'), /healthcheck passes/);
    assert.match(composeAt('DATABASE_URL', '@postgres'), /service names are host names/);
    assert.match(composeAt(/^ {2}postgres:/, 'postgres'), /host name `postgres`/);
    assert.match(composeAt(/^ {6}postgres:/, 'postgres'), /waits/i);
  });
});
