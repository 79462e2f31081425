import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DockerfileParser, From, JSONInstruction, PropertyInstruction } from 'dockerfile-ast';
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
  // Properties: quotes, variables with spaces in their default, the legacy form, escapes, comments, CRLF, no value.
  'ARG A\nARG B=1 C\nFROM python:3.13\nENV D="x y" E=\'p q\' F=${G:-a b} H=a\\ b\nENV LEGACY value with  spaces\nENV TWO words\n',
  'FROM python:3.13\nENV A=1 \\\n  # a comment\n  B="two \\\n  lines" \\\n  C=\\$HOME\nLABEL "org.name"="x" description=\'a "quoted" b\' \\ \n  other=z\nENV \\\n  LATE=1\n',
  '# escape=`\nFROM python:3.13\nENV A=a`b B="c`"d" `\n  C=e\r\nENV D= E\nENV F=`\n',
  // Image tags beside registries with ports, digests and variables.
  'ARG V=3\nFROM localhost:5000/team/app:1.2@sha256:abc AS a\nFROM python@sha256:def\nFROM ghcr.io:443/x\nFROM a:b@c\nFROM --platform=$P python:${V}-slim\nFROM python:3.13 \\\n  AS b\nFROM a/b:c\nFROM\n',
  'FROM python:${V:-3.13}-slim\nFROM ${REG:-a:5000}/app:${T:-1}@sha256:x\nFROM $IMG:1\nFROM py@${D:-@}\nFROM a:${X\nFROM ${A}${B:-:}\nFROM b:1 \\\n  AS c\n',
  'FROM python:3.13\r\nENV A=1 \\\r\n    B=2\r\nARG C="a\\\\b" D=\'e\\f\' E=${X} "F"=g\r\nENV\r\nLABEL\n',
];

describe('the Dockerfile model reads words, properties and image tags as dockerfile-ast does', () => {
  const texts = [...dockerfiles(fixtures).map((path) => readFileSync(path, 'utf8')), ...TRICKY];

  it(`on ${texts.length} Dockerfiles: the same words, properties and tags, values and ranges as getArguments, getProperties and getImageTagRange`, () => {
    for (const text of texts) {
      const model = parseDockerfile(text);
      const expected = DockerfileParser.parse(text).getInstructions();
      assert.equal(model.instructions.length, expected.length);
      model.instructions.forEach((node, i) => {
        const instruction = expected[i];
        if (instruction instanceof PropertyInstruction) {
          const properties = instruction.getProperties().map((p) => ({ name: p.getName(), value: p.getValue(), range: p.getRange(), nameRange: p.getNameRange() }));
          assert.deepEqual(node.properties, properties, `properties of ${instructionText(model, node)} (line ${node.range.start.line + 1})`);
        }
        if (instruction instanceof From) {
          assert.deepEqual(model.stages[node.stage]?.image?.tagRange ?? null, instruction.getImageTagRange(), `tag of line ${node.range.start.line + 1}`);
        }
        if (node.execForm && instruction instanceof JSONInstruction) return;
        const words = instruction.getArguments().map((a) => ({ value: a.getValue(), range: a.getRange() }));
        assert.deepEqual(node.words, words, `${instructionText(model, node)} (line ${node.range.start.line + 1})`);
      });
    }
  });
});
