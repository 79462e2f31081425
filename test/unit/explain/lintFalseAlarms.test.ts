import * as assert from 'node:assert/strict';
import { lintDockerfile, parseDockerfile } from '../../../src/core/explain';

/** The codes a Dockerfile raises, with their lines. */
function findings(text: string): string[] {
  return lintDockerfile(parseDockerfile(text)).map((f) => `${f.code}:${f.range.start.line + 1}`);
}

function raises(text: string, code: string): boolean {
  return findings(text).some((f) => f.startsWith(`${code}:`));
}

const FROM = 'FROM python:3.12-slim\nWORKDIR /app\n';

describe('lint: correct patterns from real Dockerfiles raise no alarm', () => {
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
