// hadolint's own spec cases for every rule whose hadolint id a Dockwright rule names, rewritten as
// Dockerfiles of our own in test/fixtures/hadolint/cases.json: each agrees with hadolint, or is a
// documented difference that must still differ (one that disappears fails here and comes off the
// list). README's "Lint compared with hadolint" gives the same count. Below them, the cases where
// Dockwright once disagreed with hadolint's reading, each caught, or not, as Docker would read the file.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintDockerfile, parseDockerfile } from '../../../src/core/explain';
import { repo } from './support';

function found(text: string, code: string): string[] {
  return lintDockerfile(parseDockerfile(text)).filter((f) => f.code === code).map((f) => `${f.range.start.line + 1}: ${f.message}`);
}

function catches(text: string, code: string): void {
  assert.ok(found(text, code).length, `${code} not raised on:\n${text}`);
}

function catchesNot(text: string, code: string): void {
  assert.deepEqual(found(text, code), [], `${code} raised on:\n${text}`);
}

interface SpecCase {
  rule: string;
  hadolint: string;
  spec: string;
  hadolintSays: 'catches' | 'catchesNot';
  dockerfile: string;
  /** A key of `differences`: Dockwright reads this file otherwise, on purpose. */
  difference?: string;
}

interface SpecCases {
  differences: Record<string, string>;
  cases: SpecCase[];
}

const spec = JSON.parse(readFileSync(join(repo, 'test', 'fixtures', 'hadolint', 'cases.json'), 'utf8')) as SpecCases;

describe('lint: hadolint\'s own spec cases (test/fixtures/hadolint/cases.json)', () => {
  for (const c of spec.cases) {
    const title = `${c.rule} (${c.hadolint}) ${c.spec}: hadolint ${c.hadolintSays === 'catches' ? 'catches' : 'does not catch'}`;
    it(c.difference ? `${title}, Dockwright differs (${c.difference})` : title, () => {
      const raised = found(c.dockerfile, c.rule).length > 0;
      const agrees = raised === (c.hadolintSays === 'catches');
      if (!c.difference) assert.ok(agrees, `${c.rule} ${raised ? 'raised' : 'not raised'} on:\n${c.dockerfile}`);
      else {
        assert.ok(spec.differences[c.difference], `no reason for the difference ${c.difference}`);
        assert.ok(!agrees, `${c.rule} now agrees with hadolint on this case: take "${c.difference}" off it (and off README if unused):\n${c.dockerfile}`);
      }
    });
  }

  it('gives every documented difference a case, and README the same count and reasons', () => {
    const used = new Set(spec.cases.map((c) => c.difference).filter(Boolean));
    assert.deepEqual(Object.keys(spec.differences).filter((d) => !used.has(d)), [], 'differences no case uses');
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Lint compared with hadolint'));
    const agreeing = spec.cases.filter((c) => !c.difference).length;
    assert.match(section, new RegExp(`agrees on ${agreeing} of ${spec.cases.length} `));
    for (const key of used) {
      const count = spec.cases.filter((c) => c.difference === key).length;
      const named = `(${key}, ${count} case${count === 1 ? '' : 's'})`;
      assert.ok(section.includes(named), `README does not give the reason for ${key} as ${named}`);
    }
  });
});

const BASE = 'FROM python:3.12-slim\nWORKDIR /srv\n';

describe('lint: where Dockwright once read a file otherwise than hadolint', () => {
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

  describe('DW105 untagged image (DL3006)', () => {
    it('leaves an image the build must pass alone, and still catches an untagged default', () => {
      catchesNot('ARG BASE\nFROM python:${BASE}\n', 'DW105');
      catches('ARG BASE=debian\nFROM ${BASE}\n', 'DW105');
    });
  });

  describe('DW116 ADD of compressed files (DL3020)', () => {
    it('leaves ADD of any compressed file alone (Docker unpacks it if it holds a tar), not of a zip', () => {
      catchesNot(`${BASE}ADD vendor.tar.gz wheels.tar.zst /opt/\n`, 'DW116');
      catches(`${BASE}ADD vendor.zip /opt/\n`, 'DW116');
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

    it('takes APT::Install-Recommends set false with -o for --no-install-recommends, and only false', () => {
      const install = (options: string) => `${BASE}RUN apt-get update && apt-get ${options} install -y curl && rm -rf /var/lib/apt/lists/*\n`;
      catchesNot(install('-o "APT::Install-Recommends=0"'), 'DW107');
      catchesNot(install('--option=APT::Install-Recommends=off'), 'DW107');
      catches(install('-o APT::Install-Recommends=true'), 'DW107');
    });

    it('counts aptitude\'s lists, but leaves its recommends (its option is --without-recommends) alone', () => {
      catches(`${BASE}RUN aptitude update && aptitude install -y --without-recommends curl\n`, 'DW108');
      catchesNot(`${BASE}RUN aptitude update && aptitude install -y curl\n`, 'DW107');
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
