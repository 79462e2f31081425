import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DockerfileParser, JSONInstruction } from 'dockerfile-ast';
import { instructionText, parseDockerfile } from '../../../src/core/dockerfile';

const fixtures = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures');

function dockerfiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return dockerfiles(path);
    return /dockerfile/i.test(name) && !name.endsWith('.json') ? [path] : [];
  });
}

/** Continuations, comments inside them, escaped spaces, the backtick escape, CRLF, heredocs. */
const TRICKY = [
  'FROM python:3.13-slim\nRUN pip install \\\n  # a comment line\n  fastapi \\ \n  uvicorn\\\nx\nRUN echo \\"quoted\\" \\$HOME a\\ b\n',
  '# escape=`\nFROM python:3.13\nRUN echo a `\n  b `$X c`d\nCOPY --chown=app:app `\n  . /app\n',
  'FROM python:3.13\r\nRUN apt-get update \\\r\n    && apt-get install -y gcc\r\nENV A=1 \\\r\n    B=2\r\n',
  'FROM python:3.13\nRUN <<EOF\nset -e\npip install x\nEOF\nCOPY <<EOF /app/x.txt\nhello\nEOF\n',
  'FROM python:3.13 AS build\nHEALTHCHECK --interval=5s CMD curl -f http://localhost/ || exit 1\nONBUILD RUN echo hi\nRUN \\\n',
];

describe('the Dockerfile model reads words as dockerfile-ast does', () => {
  const texts = [...dockerfiles(fixtures).map((path) => readFileSync(path, 'utf8')), ...TRICKY];

  it(`on ${texts.length} Dockerfiles: the same words, values and ranges as getArguments`, () => {
    for (const text of texts) {
      const model = parseDockerfile(text);
      const expected = DockerfileParser.parse(text).getInstructions();
      assert.equal(model.instructions.length, expected.length);
      model.instructions.forEach((node, i) => {
        const instruction = expected[i];
        if (node.execForm && instruction instanceof JSONInstruction) return;
        const words = instruction.getArguments().map((a) => ({ value: a.getValue(), range: a.getRange() }));
        assert.deepEqual(node.words, words, `${instructionText(model, node)} (line ${node.range.start.line + 1})`);
      });
    }
  });
});
