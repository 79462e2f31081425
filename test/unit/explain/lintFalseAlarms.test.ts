import * as assert from 'node:assert/strict';
import { lintDockerfile, parseDockerfile } from '../../../src/core/explain';
import { classifyEnv, isSecretName } from '../../../src/core/knowledge/envPurposes';

/** The codes a Dockerfile raises, with their lines. */
function findings(text: string): string[] {
  return lintDockerfile(parseDockerfile(text)).map((f) => `${f.code}:${f.range.start.line + 1}`);
}

function raises(text: string, code: string): boolean {
  return findings(text).some((f) => f.startsWith(`${code}:`));
}

const FROM = 'FROM python:3.12-slim\nWORKDIR /app\n';

describe('lint: correct patterns from real Dockerfiles raise no alarm', () => {
  describe('DW103 uv and Poetry caches', () => {
    it('flags uv sync and poetry install that keep their download caches, not those that do not', () => {
      assert.ok(raises(`${FROM}RUN uv sync --frozen\n`, 'DW103'));
      assert.ok(raises(`${FROM}RUN poetry install -n --only main\n`, 'DW103'), "Poetry's -n is --no-interaction");
      for (const ok of ['RUN uv sync --frozen --no-cache', 'RUN UV_NO_CACHE=1 uv sync', 'RUN --mount=type=cache,target=/root/.cache/uv uv sync',
        'RUN poetry install --no-cache', 'RUN poetry install && rm -rf /root/.cache/pypoetry', 'RUN uv pip list']) {
        assert.ok(!raises(`${FROM}${ok}\n`, 'DW103'), ok);
      }
    });
  });

  describe('DW107/DW108 apt', () => {
    it('says nothing about apt options or lists on an Alpine base, which has no apt at all', () => {
      const alpine = 'FROM python:3.12-alpine\nWORKDIR /app\nRUN apt-get update\nRUN apt-get update && apt-get install -y gcc\n';
      assert.deepEqual(findings(alpine).filter((f) => /^DW10[78]/.test(f)), []);
      const slim = alpine.replace('-alpine', '-slim');
      assert.ok(raises(slim, 'DW107') && raises(slim, 'DW108'), 'the same lines on a Debian base are flagged');
    });
  });

  describe('DW103 pip cache', () => {
    for (const option of ['--no-cache', '--no-cache-d', '--no-ca', '--no-cache-dir']) {
      it(`accepts pip's prefix ${option}`, () => {
        assert.equal(raises(`${FROM}RUN pip install ${option} flask\n`, 'DW103'), false);
      });
    }

    it('still flags an ambiguous prefix and a plain install', () => {
      assert.equal(raises(`${FROM}RUN pip install --no-c flask\n`, 'DW103'), true);
      assert.equal(raises(`${FROM}RUN pip install flask\n`, 'DW103'), true);
    });

    for (const path of ['/root/.cache/pip', '~/.cache/pip', '/root/.cache', '/root/.cache/pip/*', '"$HOME/.cache/pip"']) {
      it(`accepts a RUN that removes ${path} after the install`, () => {
        assert.equal(raises(`${FROM}RUN pip install flask && rm -rf ${path}\n`, 'DW103'), false);
      });
    }

    it('still flags a removal before the install or of another directory', () => {
      assert.equal(raises(`${FROM}RUN rm -rf /root/.cache/pip && pip install flask\n`, 'DW103'), true);
      assert.equal(raises(`${FROM}RUN pip install flask && rm -rf /tmp/pip\n`, 'DW103'), true);
    });
  });
});

describe('lint: DW112 and the JSON form', () => {
  for (const empty of ['[]', '[ ]']) {
    it(`takes ENTRYPOINT ${empty} for the JSON form that resets the entrypoint`, () => {
      const text = `${FROM}ENTRYPOINT ${empty}\nCMD ["python", "app.py"]\n`;
      assert.equal(raises(text, 'DW112'), false);
      assert.equal(parseDockerfile(text).instructions[2].execForm, true);
    });
  }

  it('still flags a shell-form ENTRYPOINT', () => {
    assert.equal(raises(`${FROM}ENTRYPOINT python app.py\n`, 'DW112'), true);
  });
});

describe('lint: DW102 and dependencies installed before the code', () => {
  const UV = 'FROM python:3.12-slim\nCOPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/uv\nWORKDIR /app\n';
  const BIND = '--mount=type=cache,target=/root/.cache/uv --mount=type=bind,source=uv.lock,target=uv.lock --mount=type=bind,source=pyproject.toml,target=pyproject.toml';

  it("accepts uv's documented pattern: bind-mounted lock, sync without the project, COPY ., sync", () => {
    const text = `${UV}RUN ${BIND} \\\n    uv sync --frozen --no-install-project --no-dev\nCOPY . .\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen --no-dev\n`;
    assert.equal(raises(text, 'DW102'), false);
  });

  it('accepts the same pattern with the lock copied first, and with ADD', () => {
    const text = `${UV}COPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-install-project\nADD . .\nRUN uv sync --frozen\n`;
    assert.equal(raises(text, 'DW102'), false);
  });

  it('still flags COPY . before the only dependency install', () => {
    assert.equal(raises(`${UV}COPY . .\nRUN uv sync --frozen\n`, 'DW102'), true);
    assert.equal(raises(`${FROM}RUN pip install gunicorn\nCOPY . .\nRUN pip install -r requirements.txt\n`, 'DW102'), true);
  });

  it('still flags a bind mount of another stage or of files the install does not read', () => {
    const fromStage = '--mount=type=bind,from=deps,source=uv.lock,target=uv.lock --mount=type=bind,from=deps,source=pyproject.toml,target=pyproject.toml';
    assert.equal(raises(`${UV}RUN ${fromStage} uv sync --no-install-project\nCOPY . .\nRUN uv sync\n`, 'DW102'), true);
    assert.equal(raises(`${UV}RUN --mount=type=bind,source=uv.lock,target=uv.lock uv sync --no-install-project\nCOPY . .\nRUN uv sync\n`, 'DW102'), true);
  });
});

describe('lint: DW110 and what a secret is', () => {
  for (const line of ['ENV GOOGLE_USE_ID_TOKEN=true', 'ENV USE_TOKEN=1', 'ENV AUTH_TOKEN=false', 'ENV API_KEY_REQUIRED=yes', 'ARG USE_ID_TOKEN=true',
    'ENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D', 'ENV JWT_SECRET_EXPIRE_MINUTES=60']) {
    it(`no alarm on a flag, a number or a public key: ${line}`, () => {
      assert.equal(raises(`${FROM}${line}\n`, 'DW110'), false);
    });
  }

  for (const line of ['ENV SECRET_KEY=abc123', 'ENV DB_PASSWORD=hunter2', 'ENV github_token=ghp_x', 'ENV SECRETKEY=abc', 'ARG API_KEY', 'ENV DATABASE_URL=postgresql://app:pw@db/app']) {
    it(`still flags ${line}`, () => {
      assert.equal(raises(`${FROM}${line}\n`, 'DW110'), true);
    });
  }

  it('uses the same definition as the detection of app settings', () => {
    assert.equal(isSecretName('GOOGLE_USE_ID_TOKEN'), false);
    assert.equal(isSecretName('AUTH_TOKEN', '', 'true'), false);
    assert.equal(isSecretName('AUTH_TOKEN', '', 's3cr3t'), true);
    assert.equal(classifyEnv('AUTH_TOKEN').secret, true);
  });
});
