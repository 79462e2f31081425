/**
 * What to do about a failed `docker build`: a small table of rules, each recognizing one cause in
 * the failing step's output and saying, in a sentence or two, how to fix it. First match wins, so
 * the specific rules come before the general ones.
 */
import dockerignore from '@balena/dockerignore';
import { explainSshFailure } from './sshErrors';

export type BuildHintId =
  | 'remote-engine'
  | 'buildx-missing'
  | 'unknown-instruction'
  | 'base-image-unavailable'
  | 'copy-source-missing'
  | 'local-requirement-missing'
  | 'headers-missing'
  | 'compiler-missing'
  | 'no-distribution';

export interface BuildHint {
  id: BuildHintId;
  message: string;
}

export interface HintFacts {
  /** The failing step's output and error lines, without BuildKit's prefixes. */
  text: string;
  /** The failing step as BuildKit names it, e.g. "[builder 5/5] RUN pip install ..." (absent when none failed). */
  step?: string;
  /** The build context's .dockerignore, to tell an excluded file from a missing one. */
  dockerignore?: string;
}

interface Rule {
  id: BuildHintId;
  explain(facts: HintFacts): string | undefined;
}

/** The package pip was building when the compiler failed. */
function packageBeingBuilt(text: string): string {
  const match = /(?:Building wheel for|Failed building wheel for|Running setup\.py install for) ([\w.-]+)/.exec(text);
  return match ? match[1] : 'A package';
}

const BUILDER_STAGE = 'Build it in a builder stage on the full python image (not -slim), which has compilers and headers, ' +
  'and copy the virtualenv into the slim runtime stage (Dockwright\'s multi-stage Dockerfile does this).';

/** Debian packages with the headers that C extensions most often ask for. */
const HEADER_PACKAGES: Record<string, string> = {
  'libpq-fe.h': 'libpq-dev',
  'ffi.h': 'libffi-dev',
  'openssl/ssl.h': 'libssl-dev',
  'mysql.h': 'default-libmysqlclient-dev',
};

/** The .dockerignore line that excludes `path`, if one does (the last match decides, as in Docker). */
function excludingRule(path: string, ignoreFile: string | undefined): string | undefined {
  if (!ignoreFile) return undefined;
  const patterns = ignoreFile.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  if (!dockerignore().add(patterns).ignores(path)) return undefined;
  return [...patterns].reverse().find((p) => !p.startsWith('!') && dockerignore().add(p).ignores(path));
}

/** ssh://user@host:port from the docker CLI's "command [ssh -l user -p port -- host docker system dial-stdio]". */
function sshEndpointIn(text: string): string | undefined {
  const m = /command \[ssh (.*?) -- (\S+) docker system dial-stdio\]/.exec(text);
  if (!m) return undefined;
  const user = /-l (\S+)/.exec(m[1])?.[1];
  const port = /-p (\d+)/.exec(m[1])?.[1];
  return `ssh://${user ? `${user}@` : ''}${m[2]}${port ? `:${port}` : ''}`;
}

const RULES: Rule[] = [
  {
    // DOCKER_HOST=ssh://…: the CLI could not reach the remote engine, before any step ran.
    id: 'remote-engine',
    explain: ({ text }) => {
      const endpoint = sshEndpointIn(text);
      const failure = endpoint ? explainSshFailure({ text, endpoint }) : undefined;
      return failure && `${failure.message} ${failure.fix}`;
    },
  },
  {
    id: 'buildx-missing',
    explain: ({ text }) => /BuildKit is enabled but the buildx component is missing/.test(text)
      ? 'This docker CLI needs the buildx plugin to build: install it (docker-buildx-plugin, or docker-buildx on Debian), ' +
        'or set dockwright.docker.path to a docker CLI that can build.'
      : undefined,
  },
  {
    id: 'unknown-instruction',
    explain: ({ text }) => {
      const match = /parse error (?:on )?line (\d+): unknown instruction: (\S+)/i.exec(text);
      return match
        ? `Line ${match[1]} of the Dockerfile starts with "${match[2]}", which is not an instruction: check its spelling ` +
          '(FROM, RUN, COPY, ENV, …) and that the line before it, if it continues, ends with "\\".'
        : undefined;
    },
  },
  {
    id: 'base-image-unavailable',
    explain: ({ step, text }) => {
      const image = /load metadata for (\S+)/.exec(step ?? '')?.[1] ??
        /pull access denied for ([^,\s]+)|failed to resolve source metadata for (\S+)/.exec(text)?.slice(1).find(Boolean);
      return image
        ? `The base image ${image} could not be found or pulled: check its name and tag, the network or proxy, ` +
          'and `docker login` if it is in a private registry.'
        : undefined;
    },
  },
  {
    id: 'copy-source-missing',
    explain: ({ step, text, dockerignore: ignoreFile }) => {
      const copying = /^\[[^\]]*\] (COPY|ADD)\b/i.test(step ?? '') || /COPY failed|failed to compute cache key/.test(text);
      const path = /"\/?([^"]+)"?:? not found/.exec(text)?.[1] ?? /stat ([^:\s]+): file does not exist/.exec(text)?.[1];
      if (!copying || !path) return undefined;
      const rule = excludingRule(path, ignoreFile);
      return rule
        ? `${path} is excluded by .dockerignore (the line "${rule}"), so COPY cannot see it: remove that line or add "!${path}".`
        : `${path} is not in the build context: check that it exists in the folder the build runs in ` +
          '(COPY paths are relative to that folder, not to the Dockerfile) and is spelled the same.';
    },
  },
  {
    id: 'local-requirement-missing',
    explain: ({ text }) => {
      const match = /Invalid requirement: '(\.{1,2}\/[^']+)'|File '(\.{1,2}\/[^']+)' does not exist|Directory '(\.{1,2}\/[^']+)' is not installable/.exec(text);
      const path = match?.slice(1).find(Boolean);
      return path
        ? `The requirements install the local package ${path}, which is not in the image when pip runs: ` +
          `COPY ${path.replace(/^\.\//, '')} before the RUN pip install (and check that .dockerignore keeps it).`
        : undefined;
    },
  },
  {
    id: 'headers-missing',
    explain: ({ text }) => {
      const header = /fatal error: ([\w./+-]+\.h): No such file or directory/.exec(text)?.[1];
      if (!header) return undefined;
      const pkg = packageBeingBuilt(text);
      if (header === 'Python.h') return `${pkg} needs a compiler and the Python headers (Python.h), and this image has no headers. ${BUILDER_STAGE}`;
      const dev = HEADER_PACKAGES[header];
      return `${pkg} needs the C header ${header}: install ${dev ?? 'the library\'s -dev package'} in the build stage ` +
        '(apt-get install), or use a release of the package that ships a binary wheel.';
    },
  },
  {
    id: 'compiler-missing',
    explain: ({ text }) => /command '[^']*(?:gcc|cc|g\+\+|clang)' failed: No such file or directory|(?:gcc|cc): (?:command )?not found|unable to execute '[^']*gcc'/.test(text)
      ? `${packageBeingBuilt(text)} compiles a C extension and needs a compiler, which this image does not have. ${BUILDER_STAGE}`
      : undefined,
  },
  {
    id: 'no-distribution',
    explain: ({ text }) => {
      const requirement = /No matching distribution found for (\S+)/.exec(text)?.[1];
      return requirement
        ? `pip found no release of ${requirement} to install: check the name and version in your requirements ` +
          '(a typo, a version that does not exist or does not support this Python), and that the build can reach ' +
          'the package index (network, proxy, PIP_INDEX_URL).'
        : undefined;
    },
  },
];

export function hintFor(facts: HintFacts): BuildHint | undefined {
  for (const rule of RULES) {
    const message = rule.explain(facts);
    if (message) return { id: rule.id, message };
  }
  return undefined;
}
