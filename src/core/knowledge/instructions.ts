/**
 * What each Dockerfile instruction does, for learners: a lens title for when nothing more specific
 * can be said, a short summary, and an example. Written for Python web apps; the reference link
 * carries the full story.
 */
export interface InstructionKnowledge {
  /** A CodeLens title when the explainer has nothing more specific to say. */
  lens: string;
  summary: string;
  example: string;
}

export const INSTRUCTIONS: Record<string, InstructionKnowledge> = {
  FROM: {
    lens: 'Start a build stage from a base image',
    summary: 'Starts a build stage on top of an existing image; every later instruction adds a layer to it. '
      + 'A Dockerfile can have several stages: the last one is the image you get, the earlier ones only exist to be copied from.',
    example: 'FROM python:3.13-slim AS runtime',
  },
  ARG: {
    lens: 'Declare a build argument',
    summary: 'Declares a variable that exists only while the image is built, set with `docker build --build-arg NAME=value`. '
      + 'An ARG before the first FROM can be used in FROM lines; a stage must declare it again to use it inside. '
      + 'Build arguments are kept in the image history, so they are no place for passwords or tokens.',
    example: 'ARG PYTHON_VERSION=3.13',
  },
  ENV: {
    lens: 'Set environment variables in the image',
    summary: 'Sets environment variables that stay in the image: the following build steps and every container see them. '
      + 'At run time `docker run -e NAME=value` or compose `environment:` can override them.',
    example: 'ENV PYTHONUNBUFFERED=1',
  },
  WORKDIR: {
    lens: 'Change into the working folder',
    summary: 'Sets the folder that the following RUN, COPY, ADD, CMD and ENTRYPOINT use as their current directory, and creates it if needed. '
      + 'Without one, relative paths point at `/`, where your files would mix with the system\'s.',
    example: 'WORKDIR /app',
  },
  COPY: {
    lens: 'Copy files into the image',
    summary: 'Copies files from the build context (the folder given to `docker build`) into the image, as a new layer. '
      + 'Docker reuses that layer from its cache for as long as the copied files stay the same, so what is copied, and when, decides how much a rebuild redoes.',
    example: 'COPY requirements.txt ./',
  },
  ADD: {
    lens: 'Add files (downloads and archives too)',
    summary: 'Works like COPY, and can also download a URL or unpack a local tar archive into the image. '
      + 'For ordinary files COPY is clearer: it does exactly one thing.',
    example: 'ADD --checksum=sha256:... https://example.com/tool.tar.gz /opt/',
  },
  RUN: {
    lens: 'Run a command while building',
    summary: 'Runs a command during the build and stores the files it changed as a new layer. '
      + 'The layer comes from the cache as long as this line and everything above it are unchanged; files deleted by a later RUN still weigh in the earlier layer.',
    example: 'RUN pip install --no-cache-dir -r requirements.txt',
  },
  CMD: {
    lens: 'Default command of the container',
    summary: 'The command a container runs when it starts, unless `docker run IMAGE other command` or compose `command:` replace it. '
      + 'Only the last CMD of the final stage counts.',
    example: 'CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]',
  },
  ENTRYPOINT: {
    lens: 'Program every container runs',
    summary: 'The program a container always runs; CMD, or the words after the image name in `docker run`, become its arguments. '
      + 'Useful for an image that behaves like one command; a web app usually needs only CMD.',
    example: 'ENTRYPOINT ["gunicorn"]',
  },
  EXPOSE: {
    lens: 'Document the port the app listens on',
    summary: 'Records which port the app listens on inside the container. It opens nothing by itself: '
      + '`docker run -p HOST:CONTAINER` or compose `ports:` publish a port on your machine.',
    example: 'EXPOSE 8000',
  },
  USER: {
    lens: 'Switch to another user',
    summary: 'The user (and optionally the group) that the following RUN instructions and the container itself run as. '
      + 'Without USER everything runs as root, so a bug in the app hands an attacker root inside the container.',
    example: 'USER app',
  },
  LABEL: {
    lens: 'Add metadata to the image',
    summary: 'Attaches key=value metadata to the image, shown by `docker inspect`. '
      + 'The `org.opencontainers.image.*` keys (title, source, version, licenses) are understood by registries and scanners.',
    example: 'LABEL org.opencontainers.image.source="https://github.com/you/app"',
  },
  HEALTHCHECK: {
    lens: 'How Docker checks the app is healthy',
    summary: 'A command Docker runs inside the container at intervals; its exit code marks the container healthy (0) or, after some failures, unhealthy. '
      + 'compose `depends_on: condition: service_healthy` waits for it, and `docker ps` shows it.',
    example: 'HEALTHCHECK --interval=30s --timeout=3s CMD ["python", "-c", "import urllib.request; urllib.request.urlopen(\'http://127.0.0.1:8000/\')"]',
  },
  SHELL: {
    lens: 'Change the shell of the shell form',
    summary: 'Replaces the shell that runs the shell form of RUN, CMD and ENTRYPOINT (`/bin/sh -c` on Linux). '
      + 'A common choice is bash with `-o pipefail`, so a failure on the left of a pipe fails the build.',
    example: 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
  },
  ONBUILD: {
    lens: 'Instruction for images built on this one',
    summary: 'Stores an instruction that runs later, when another Dockerfile starts FROM this image. '
      + 'App images rarely need it, and it surprises whoever builds on top.',
    example: 'ONBUILD COPY . /app',
  },
  STOPSIGNAL: {
    lens: 'Signal that asks the app to stop',
    summary: 'The signal `docker stop` sends to the main process (SIGTERM unless changed). '
      + 'If the process is still running after the grace period (10 seconds by default), Docker kills it.',
    example: 'STOPSIGNAL SIGINT',
  },
  VOLUME: {
    lens: 'Declare a mount point for data',
    summary: 'Marks a folder as a volume: each container gets a fresh anonymous volume there unless one is mounted. '
      + 'Data there outlives the container, but changes later build steps make to that folder are thrown away.',
    example: 'VOLUME /data',
  },
  MAINTAINER: {
    lens: 'Author of the image (deprecated)',
    summary: 'Deprecated way to record who maintains the image. A label says the same and tools read it: '
      + '`LABEL org.opencontainers.image.authors="name <email>"`.',
    example: 'LABEL org.opencontainers.image.authors="Ada <ada@example.com>"',
  },
};

/** For an instruction Docker does not know. */
export const UNKNOWN_INSTRUCTION: InstructionKnowledge = {
  lens: 'Unknown instruction: the build stops here',
  summary: 'Docker does not know this instruction and refuses to build the file. Check the spelling against the reference.',
  example: 'RUN echo "instructions are FROM, RUN, COPY, CMD, ..."',
};
