import * as assert from 'node:assert/strict';
import { Keyword } from 'dockerfile-ast';
import { COMPOSE_KEYS } from '../../../src/core/knowledge/composeKeys';
import { FLAGS } from '../../../src/core/knowledge/flags';
import { INSTRUCTIONS } from '../../../src/core/knowledge/instructions';
import { COMMANDS } from '../../../src/core/knowledge/shellCommands';

describe('explain knowledge', () => {
  it('explains every Dockerfile instruction, MAINTAINER as deprecated', () => {
    assert.deepEqual(Object.values(Keyword).filter((k) => !INSTRUCTIONS[k]), []);
    assert.match(INSTRUCTIONS.MAINTAINER.summary, /^Deprecated/);
    for (const [keyword, k] of Object.entries(INSTRUCTIONS)) {
      assert.ok(k.lens.length <= 60, keyword);
      assert.ok(k.example.length > 0, keyword);
    }
  });

  it('explains the flags people meet', () => {
    for (const flag of ['FROM --platform', 'FROM AS', 'COPY --from', 'COPY --chown', 'COPY --chmod', 'COPY --link', 'RUN --mount=type=cache',
      'RUN --mount=type=secret', 'RUN --mount=type=bind', 'HEALTHCHECK --interval', 'HEALTHCHECK --timeout', 'HEALTHCHECK --start-period',
      'HEALTHCHECK --retries']) assert.ok(FLAGS[flag], flag);
  });

  it('explains the commands inside RUN: pip, apt-get, useradd', () => {
    assert.ok(COMMANDS['pip install'].flags?.['--no-cache-dir']);
    assert.ok(COMMANDS['apt-get install'].flags?.['--no-install-recommends']);
    assert.match(COMMANDS.rm.text, /\/var\/lib\/apt\/lists/);
    assert.ok(COMMANDS.useradd.flags?.['--create-home']);
  });

  it('explains the compose keys', () => {
    for (const key of ['service.build', 'service.ports', 'service.environment', 'service.env_file', 'service.depends_on', 'depends_on.condition',
      'service.healthcheck', 'service.volumes', 'volumes', 'service.restart', 'service.profiles', 'service.command']) assert.ok(COMPOSE_KEYS[key], key);
    assert.match(COMPOSE_KEYS['service.ports'].text, /HOST:CONTAINER/);
  });
});
