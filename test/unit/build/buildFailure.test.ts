// Build failure analysis on real BuildKit output: each test/fixtures/build-output/<case> holds a
// Dockerfile and the output.txt its build printed on the engine (re-capture with capture.sh there).
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeBuildFailure, currentStep, type FailedStep } from '../../../src/core/build/buildFailure';
import type { BuildHintId } from '../../../src/core/knowledge/buildHints';

const casesDir = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'build-output');

interface Expected {
  step?: Partial<FailedStep>;
  /** Canary substrings: each must be in one of the lines that matter. */
  lines: string[];
  hint: BuildHintId;
  /** Canary substrings of the hint's message. */
  hintSays: string[];
}

const RUN_FASTMATH = 'RUN pip install --no-cache-dir ./vendor/fastmath';
const RUN_REQUIREMENTS = 'RUN pip install --no-cache-dir -r requirements.txt';

const EXPECTED: Record<string, Expected> = {
  'compiler-missing': {
    step: { name: `[4/4] ${RUN_FASTMATH}`, position: '4/4', stage: undefined, instruction: RUN_FASTMATH },
    lines: [`error: command 'x86_64-linux-gnu-gcc' failed: No such file or directory`, 'ERROR: Failed building wheel for fastmath',
      'executor failed running'],
    hint: 'compiler-missing',
    hintSays: ['fastmath', 'compiler', 'builder stage', 'full python image'],
  },
  'multi-stage-compiler-missing': {
    step: { stage: 'builder', position: '5/5', instruction: RUN_FASTMATH },
    lines: [`'x86_64-linux-gnu-gcc' failed: No such file or directory`],
    hint: 'compiler-missing',
    hintSays: ['fastmath', 'builder stage'],
  },
  'headers-missing': {
    step: { position: '5/5', instruction: RUN_FASTMATH },
    lines: ['fatal error: Python.h: No such file or directory', 'ERROR: Failed building wheel for fastmath'],
    hint: 'headers-missing',
    hintSays: ['fastmath', 'Python.h', 'builder stage'],
  },
  'copy-source-missing': {
    step: { name: '[3/4] COPY requirements.txt .', instruction: 'COPY requirements.txt .' },
    lines: ['"/requirements.txt" not found'],
    hint: 'copy-source-missing',
    hintSays: ['requirements.txt is not in the build context'],
  },
  'copy-excluded': {
    step: { instruction: 'COPY requirements.txt .' },
    lines: ['"/requirements.txt" not found'],
    hint: 'copy-source-missing',
    hintSays: ['excluded by .dockerignore', '"*.txt"', '!requirements.txt'],
  },
  'no-distribution': {
    step: { position: '4/4', instruction: RUN_REQUIREMENTS },
    lines: ['ERROR: No matching distribution found for definitely-not-a-real-package==9.9'],
    hint: 'no-distribution',
    hintSays: ['definitely-not-a-real-package==9.9', 'name and version', 'network'],
  },
  'local-requirement-missing': {
    step: { instruction: RUN_REQUIREMENTS },
    lines: [`ERROR: Invalid requirement: './vendor/x'`, `Hint: It looks like a path.`],
    hint: 'local-requirement-missing',
    hintSays: ['./vendor/x', 'COPY vendor/x before the RUN pip install'],
  },
  'parse-error': {
    lines: ['dockerfile parse error line 3: unknown instruction: RUNN'],
    hint: 'unknown-instruction',
    hintSays: ['Line 3', '"RUNN"'],
  },
  'base-image-unavailable': {
    step: { stage: 'internal', instruction: 'load metadata for docker.io/library/python:3.99-slim' },
    lines: ['failed to do request'],
    hint: 'base-image-unavailable',
    hintSays: ['docker.io/library/python:3.99-slim', 'tag'],
  },
  'buildx-missing': {
    lines: ['BuildKit is enabled but the buildx component is missing or broken.'],
    hint: 'buildx-missing',
    hintSays: ['buildx', 'dockwright.docker.path'],
  },
};

function read(name: string, file: string): string | undefined {
  const path = join(casesDir, name, file);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

describe('analyzeBuildFailure on captured BuildKit output', () => {
  it('has an expectation for every captured case', () => {
    const cases = readdirSync(casesDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    assert.deepEqual(cases.sort(), Object.keys(EXPECTED).sort());
  });

  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`${name}: the failing step, the lines that matter and a "${expected.hint}" hint`, () => {
      const output = read(name, 'output.txt');
      assert.ok(output, `${name}/output.txt is missing: run capture.sh`);
      const failure = analyzeBuildFailure(output, { dockerignore: read(name, '.dockerignore') });
      if (expected.step) {
        assert.ok(failure.step, 'no failing step found');
        for (const [key, value] of Object.entries(expected.step)) {
          assert.equal(failure.step[key as keyof FailedStep], value, `step.${key}`);
        }
      } else {
        assert.equal(failure.step, undefined);
      }
      for (const canary of expected.lines) {
        assert.ok(failure.lines.some((l) => l.includes(canary)), `no line with "${canary}" in:\n${failure.lines.join('\n')}`);
      }
      assert.ok(failure.lines.length <= 12, `${failure.lines.length} lines is not "the lines that matter"`);
      assert.ok(failure.lines.every((l) => !/^#\d+ /.test(l)), 'BuildKit prefixes left in the lines');
      assert.equal(failure.hint?.id, expected.hint, failure.hint?.message);
      for (const canary of expected.hintSays) assert.ok(failure.hint.message.includes(canary), `hint lacks "${canary}": ${failure.hint.message}`);
    });
  }

  it('leaves out pip\'s wrapper lines and the progress of other steps', () => {
    const failure = analyzeBuildFailure(read('multi-stage-compiler-missing', 'output.txt') ?? '');
    assert.ok(!failure.lines.some((l) => /subprocess-exited-with-error|originates from a subprocess|useradd|venv/.test(l)),
      failure.lines.join('\n'));
  });

  it('gives no hint for a cause it does not know, but still the step and its last lines', () => {
    const output = [
      '#7 [3/3] RUN ./configure',
      '#7 0.101 checking for something... no',
      '#7 0.102 giving up',
      '#7 ERROR: executor failed running [/bin/sh -c ./configure]: exit code: 2',
    ].join('\n');
    assert.deepEqual(analyzeBuildFailure(output), {
      step: { name: '[3/3] RUN ./configure', stage: undefined, position: '3/3', instruction: 'RUN ./configure' },
      lines: ['checking for something... no', 'giving up', 'executor failed running [/bin/sh -c ./configure]: exit code: 2'],
      hint: undefined,
    });
  });
});

describe('currentStep', () => {
  it('names the latest step of the Dockerfile, not BuildKit\'s internal ones', () => {
    const output = read('multi-stage-compiler-missing', 'output.txt') ?? '';
    const upToCopy = output.slice(0, output.indexOf('#10 sha256'));
    assert.equal(currentStep(upToCopy), '[builder 4/5] COPY vendor ./vendor');
    assert.equal(currentStep('#1 [internal] load build definition from Dockerfile\n'), undefined);
  });
});
