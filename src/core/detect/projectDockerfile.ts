import { finalStage, imagePorts, parseDockerfile, type DockerfileModel, type InstructionNode } from '../dockerfile';
import { basename, join } from './paths';
import { commandLine, type CommandLine } from './procfile';
import type { ProjectFiles } from './projectFiles';

/**
 * What a project's own Dockerfile says about how it runs, read once per project root: its Python,
 * its start commands, the port it exposes and the FLASK_APP it sets.
 */
export interface ProjectDockerfile {
  file: string;
  /** The Python of the image it builds from, or the build ARG that picks it, or a floating tag. */
  python: { version: string; line: number } | { arg: string; line: number } | { floating: string; line: number } | null;
  /** ENTRYPOINT then CMD of the final stage (the last of each: the ones the image runs), as command lines. */
  starts: (CommandLine & { line: number })[];
  /** The first port the final image EXPOSEs. */
  port: { port: number; line: number } | null;
  /** `ENV FLASK_APP=…` in the final stage. */
  flaskApp: { value: string; line: number }[];
}

/** `python:3.11.3-slim`, `python:3.12`; other images name it in the tag (`uv:python3.12-bookworm-slim`). */
const PYTHON_TAG = /^(3)\.(\d+)(?:[.-]|$)/;
const PYTHON_IN_TAG = /(?:^|[^a-z])python-?(3)\.(\d+)(?![\d])/i;
const ARG_IN_IMAGE = /\$\{?(\w+)/;

/** The project's Dockerfile (`Dockerfile`, else `Dockerfile.*` or `*.Dockerfile` at its root), or null. */
export async function readProjectDockerfile(files: ProjectFiles, root: string): Promise<ProjectDockerfile | null> {
  const named = join(root, 'Dockerfile');
  const file = files.has(named) ? named
    : [...files.filesIn(root)].filter((f) => /^Dockerfile\.|\.Dockerfile$/i.test(basename(f))).sort()[0];
  const text = file ? await files.text(file) : null;
  if (!file || text === null) return null;
  const model = parseDockerfile(text);
  const [exposed] = imagePorts(model);
  const final = finalStage(model);
  const flaskApp = (final?.instructions ?? []).filter((i) => i.keyword === 'ENV').flatMap((i) => i.properties
    .filter((p) => p.name === 'FLASK_APP' && p.value).map((p) => ({ value: p.value as string, line: i.range.start.line + 1 })));
  return {
    file, python: pythonOf(model), starts: starts(model), flaskApp,
    port: exposed ? { port: exposed.port, line: exposed.node.range.start.line + 1 } : null,
  };
}

function pythonOf(model: DockerfileModel): ProjectDockerfile['python'] {
  // The final stage runs the app; earlier stages build for it (with the same Python, normally).
  for (const stage of [...model.stages].reverse()) {
    const image = stage.image;
    if (!image) continue;
    const line = stage.from.range.start.line + 1;
    // The tag as written: an ARG default (`ARG PYTHON_VERSION=3.13`) is a value the build may
    // override, and it is what Dockwright's own generated Dockerfiles hold, so it declares nothing.
    const written = image.written.split('@')[0];
    const colon = written.indexOf(':', written.lastIndexOf('/') + 1);
    const tag = colon < 0 ? '' : written.slice(colon + 1);
    const official = (colon < 0 ? written : written.slice(0, colon)).replace(/^(?:docker\.io\/)?(?:library\/)?/, '') === 'python';
    const version = official ? PYTHON_TAG.exec(tag) : PYTHON_IN_TAG.exec(tag);
    if (version) return { version: `${version[1]}.${Number(version[2])}`, line };
    const arg = ARG_IN_IMAGE.exec(tag);
    if (arg && (official || /python/i.test(tag))) return { arg: arg[1], line };
    if (official) return { floating: image.written, line };
  }
  return null;
}

function starts(model: DockerfileModel): ProjectDockerfile['starts'] {
  const final = finalStage(model);
  const last = (keyword: string): InstructionNode | undefined => final?.instructions.filter((i) => i.keyword === keyword).pop();
  return [last('ENTRYPOINT'), last('CMD')].flatMap((instruction) => (instruction
    ? [{ ...commandLine(instruction.words.map((w) => w.value)), line: instruction.range.start.line + 1 }] : []));
}
