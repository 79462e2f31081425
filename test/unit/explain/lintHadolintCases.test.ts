// The cases where Dockwright disagreed with the spec of the hadolint rule its rule names (DL3042,
// DL3020, DL3045, DL3002, DL3015, DL3009), in Dockerfiles of our own: each is caught, or not, as
// Docker would read the file.
import * as assert from 'node:assert/strict';
import { lintDockerfile, parseDockerfile } from '../../../src/core/explain';

function found(text: string, code: string): string[] {
  return lintDockerfile(parseDockerfile(text)).filter((f) => f.code === code).map((f) => `${f.range.start.line + 1}: ${f.message}`);
}

function catches(text: string, code: string): void {
  assert.ok(found(text, code).length, `${code} not raised on:\n${text}`);
}

function catchesNot(text: string, code: string): void {
  assert.deepEqual(found(text, code), [], `${code} raised on:\n${text}`);
}

const BASE = 'FROM python:3.12-slim\nWORKDIR /srv\n';

describe('lint: hadolint spec cases', () => {
  describe('DW103 pip cache (DL3042)', () => {
    it('honours PIP_NO_CACHE_DIR given to the pip command itself', () => {
      catchesNot(`${BASE}RUN PIP_NO_CACHE_DIR=1 pip install flask\n`, 'DW103');
      catchesNot(`${BASE}RUN PIP_NO_CACHE_DIR="true" python -m pip install flask\n`, 'DW103');
    });

    it('honours PIP_NO_CACHE_DIR exported earlier in the same RUN', () => {
      catchesNot(`${BASE}RUN export PIP_NO_CACHE_DIR=1 && pip install flask gunicorn\n`, 'DW103');
    });

    it('still catches a PIP_NO_CACHE_DIR set for another command, or exported after the install', () => {
      catches(`${BASE}RUN PIP_NO_CACHE_DIR=1 true && pip install flask\n`, 'DW103');
      catches(`${BASE}RUN pip install flask && export PIP_NO_CACHE_DIR=1\n`, 'DW103');
    });

    it('takes any value of PIP_NO_CACHE_DIR as pip does: off, false and 0 turn the cache off too', () => {
      // pip disables its cache for every valid value (a compatibility quirk it documents in its option handling).
      catchesNot(`${BASE}RUN PIP_NO_CACHE_DIR=off pip install flask\n`, 'DW103');
      catchesNot(`FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=false\nRUN pip install flask\n`, 'DW103');
      catchesNot(`FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN export PIP_NO_CACHE_DIR=0 && pip install flask\n`, 'DW103');
    });

    it('accepts a tmpfs or cache mount on pip\'s cache', () => {
      catchesNot(`${BASE}RUN --mount=type=tmpfs,target=/root/.cache/pip pip install flask\n`, 'DW103');
      catchesNot(`${BASE}RUN --mount=type=cache,target=/root/.cache pip install flask\n`, 'DW103');
      catchesNot(`${BASE}RUN --mount=type=cache,target=/root/.cache/pip/ pip install flask\n`, 'DW103');
    });

    it('is not silenced by a mount somewhere else', () => {
      catches(`${BASE}RUN --mount=type=cache,target=/var/cache/apt pip install flask\n`, 'DW103');
      catches(`${BASE}RUN --mount=type=tmpfs,target=/tmp pip install flask\n`, 'DW103');
      catches(`${BASE}RUN --mount=type=bind,source=requirements.txt,target=/root/.cache/pip/requirements.txt pip install -r requirements.txt\n`, 'DW103');
    });
  });

  describe('DW116 ADD of local files (DL3020)', () => {
    it('leaves ADD of a quoted local archive alone: ADD unpacks it, COPY would not', () => {
      catchesNot(`${BASE}ADD "vendor.tar.gz" /opt/vendor/\n`, 'DW116');
      catchesNot(`${BASE}ADD 'wheels.tgz' /opt/\n`, 'DW116');
    });

    it('still tells a quoted plain file to use COPY', () => {
      catches(`${BASE}ADD "settings.toml" /srv/\n`, 'DW116');
    });
  });

  describe('DW118 relative destination without WORKDIR (DL3045)', () => {
    it('takes a quoted absolute path or variable for what it is', () => {
      catchesNot('FROM python:3.12-slim\nCOPY app.py "/srv/app.py"\n', 'DW118');
      catchesNot('FROM python:3.12-slim\nARG TARGET=/srv\nCOPY app.py "$TARGET"\n', 'DW118');
      catchesNot('FROM python:3.12-slim\nCOPY app.py \'/srv/\'\n', 'DW118');
    });

    it('still catches a quoted relative path', () => {
      catches('FROM python:3.12-slim\nCOPY app.py "srv/"\n', 'DW118');
    });
  });

  describe('DW104 root user (DL3002)', () => {
    it('catches an explicit USER root last, even on scratch', () => {
      catches('FROM scratch\nCOPY server /server\nUSER root\nENTRYPOINT ["/server"]\n', 'DW104');
      catches('FROM python:3.12-slim AS base\nUSER app\nFROM scratch\nUSER 0:0\n', 'DW104');
    });

    it('still says nothing about scratch without USER, or with a user last', () => {
      catchesNot('FROM scratch\nCOPY server /server\nENTRYPOINT ["/server"]\n', 'DW104');
      catchesNot('FROM scratch\nUSER root\nCOPY server /server\nUSER 65534\n', 'DW104');
    });
  });

  describe('DW107/DW108 apt (DL3015, DL3009)', () => {
    it('reads options before the subcommand as apt-get does', () => {
      catches(`${BASE}RUN apt-get update && apt-get -o Dpkg::Options::=--force-confnew install -y curl && rm -rf /var/lib/apt/lists/*\n`, 'DW107');
      catches(`${BASE}RUN apt-get update && apt-get -y -qq install curl && rm -rf /var/lib/apt/lists/*\n`, 'DW107');
      catches(`${BASE}RUN apt-get update && apt-get -qq -o APT::Install-Suggests=0 install curl\n`, 'DW108');
      catchesNot(`${BASE}RUN apt-get update && apt-get -o Dpkg::Use-Pty=0 install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n`, 'DW107');
    });

    it('catches apt-get update alone in a RUN and says to combine it with the install', () => {
      const text = `${BASE}RUN apt-get update\nRUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n`;
      const messages = found(text, 'DW108');
      assert.equal(messages.length, 1, messages.join('\n'));
      assert.match(messages[0], /^3: .*same RUN/);
      catches(`${BASE}RUN apt-get -qq update\n`, 'DW108');
    });

    it('leaves an update alone when its lists are removed or kept in a cache mount', () => {
      catchesNot(`${BASE}RUN apt-get update && rm -rf /var/lib/apt/lists/*\n`, 'DW108');
      catchesNot(`${BASE}RUN --mount=type=cache,target=/var/lib/apt apt-get update\n`, 'DW108');
    });
  });
});
