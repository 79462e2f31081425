/**
 * The instruction flags people meet in Python Dockerfiles, keyed `KEYWORD --flag` (and
 * `RUN --mount=type=X` per mount type). Each says what it does and when to reach for it.
 */
import { REFERENCE } from './references';

export interface FlagKnowledge {
  text: string;
  example: string;
  reference: string;
}

const HEALTHCHECK_TIMING = (what: string, byDefault: string): FlagKnowledge => ({
  text: `${what} (default ${byDefault}). Write durations like \`10s\` or \`1m30s\`.`,
  example: 'HEALTHCHECK --interval=10s --timeout=5s --start-period=15s --retries=3 CMD ["python", "healthcheck.py"]',
  reference: REFERENCE.instruction('HEALTHCHECK'),
});

export const FLAGS: Record<string, FlagKnowledge> = {
  'FROM --platform': {
    text: 'Builds on the variant of the base image for another platform, e.g. `linux/amd64` on an ARM laptop. '
      + 'Leave it out to match the machine that builds; set it only when something you install exists for one architecture alone.',
    example: 'FROM --platform=linux/amd64 python:3.13-slim',
    reference: REFERENCE.instruction('FROM'),
  },
  'FROM AS': {
    text: 'Names this stage. Later stages refer to it with `COPY --from=NAME` or start from it with `FROM NAME`, '
      + 'and `docker build --target NAME` stops the build there.',
    example: 'FROM python:3.13 AS builder',
    reference: REFERENCE.multiStage,
  },
  'COPY --from': {
    text: 'Copies from an earlier stage (or any image) instead of the build context. This is how a multi-stage build keeps '
      + 'only the result, such as a virtualenv, and leaves compilers and caches behind in the stage it came from.',
    example: 'COPY --from=builder /opt/venv /opt/venv',
    reference: REFERENCE.copyFrom,
  },
  'COPY --chown': {
    text: 'Gives the copied files to a user and group (`user:group`, names or numbers) as they are copied. '
      + 'Without it they belong to root. A separate `RUN chown` would store every file a second time in a new layer.',
    example: 'COPY --chown=app:app . .',
    reference: REFERENCE.copyChown,
  },
  'COPY --chmod': {
    text: 'Sets the permissions of the copied files in the same layer, e.g. `--chmod=755` for a start script.',
    example: 'COPY --chmod=755 entrypoint.sh /usr/local/bin/',
    reference: REFERENCE.copyChown,
  },
  'COPY --link': {
    text: 'Puts the files in a layer that does not depend on the layers below it, so BuildKit can reuse it even after the base image changes.',
    example: 'COPY --link --from=builder /opt/venv /opt/venv',
    reference: REFERENCE.copyLink,
  },
  'ADD --checksum': {
    text: 'Checks a downloaded file against its sha256 checksum and fails the build if it differs.',
    example: 'ADD --checksum=sha256:24454f83... https://example.com/tool.tar.gz /opt/',
    reference: REFERENCE.addChecksum,
  },
  'RUN --mount=type=cache': {
    text: 'Mounts a folder that survives from one build to the next but never becomes part of the image. '
      + 'Point it at pip\'s download cache (`target=/root/.cache/pip`) and reinstalls get fast while the image stays small; '
      + '`--no-cache-dir` is then unnecessary.',
    example: 'RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt',
    reference: REFERENCE.runMount('cache'),
  },
  'RUN --mount=type=secret': {
    text: 'Makes a secret given with `docker build --secret id=NAME,...` readable during this RUN only, as a file under `/run/secrets/`. '
      + 'Nothing of it is written to a layer: the safe way to use a token, e.g. for a private package index.',
    example: 'RUN --mount=type=secret,id=pip_index,target=/root/.config/pip/pip.conf pip install -r requirements.txt',
    reference: REFERENCE.runMount('secret'),
  },
  'RUN --mount=type=bind': {
    text: 'Makes files from the build context (or from another stage) visible during this RUN without copying them into a layer, '
      + 'e.g. a requirements file that only the install needs.',
    example: 'RUN --mount=type=bind,source=requirements.txt,target=/tmp/requirements.txt pip install -r /tmp/requirements.txt',
    reference: REFERENCE.runMount('bind'),
  },
  'RUN --mount=type=ssh': {
    text: 'Forwards your SSH agent to this RUN (with `docker build --ssh default`), e.g. to install a dependency from a private git repository.',
    example: 'RUN --mount=type=ssh pip install git+ssh://git@github.com/you/private-lib.git',
    reference: REFERENCE.runMount('ssh'),
  },
  'RUN --mount=type=tmpfs': {
    text: 'Mounts an in-memory folder for this RUN: scratch space that never reaches a layer.',
    example: 'RUN --mount=type=tmpfs,target=/tmp make',
    reference: REFERENCE.runMount('tmpfs'),
  },
  'RUN --network': {
    text: 'Chooses the network of this RUN: `none` proves a step needs no downloads, `host` uses the host\'s network.',
    example: 'RUN --network=none python -m compileall /app',
    reference: REFERENCE.runNetwork,
  },
  'HEALTHCHECK --interval': HEALTHCHECK_TIMING('Time between two checks', '30s'),
  'HEALTHCHECK --timeout': HEALTHCHECK_TIMING('How long one check may run before it counts as failed', '30s'),
  'HEALTHCHECK --start-period': HEALTHCHECK_TIMING('Time the app gets to start; failed checks in it do not count towards the retries', '0s'),
  'HEALTHCHECK --start-interval': HEALTHCHECK_TIMING('Time between checks during the start period (Docker Engine 25 and later)', '5s'),
  'HEALTHCHECK --retries': {
    text: 'How many failed checks in a row mark the container unhealthy (default 3).',
    example: 'HEALTHCHECK --retries=3 CMD ["python", "healthcheck.py"]',
    reference: REFERENCE.instruction('HEALTHCHECK'),
  },
};

/** The knowledge for a flag, by instruction and flag name (and mount type for RUN --mount). */
export function flagKnowledge(keyword: string, name: string, options: { name: string; value: string | null }[] = []): FlagKnowledge | undefined {
  if (keyword === 'RUN' && name === 'mount') {
    const type = options.find((o) => o.name === 'type')?.value ?? 'bind';
    return FLAGS[`RUN --mount=type=${type}`];
  }
  const key = keyword === 'ADD' && name !== 'checksum' ? `COPY --${name}` : `${keyword} --${name}`;
  return FLAGS[key];
}
