/**
 * What a COPY of the whole build context says about the .dockerignore beside it: only what its
 * rules really exclude (matched as Docker matches them), and what they should but do not.
 */
import { excludedPaths } from '../generate/dockerignore';
import { list } from './lensTitles';
import type { BuildContext } from './types';

/** What should never be copied into an image, and what it is, for the sentence that asks to add it. */
const KEEP_OUT: { path: string; what: string }[] = [
  { path: '.env', what: 'a .env file (secrets)' },
  { path: '.git', what: 'the git history' },
  { path: '.venv', what: 'a local virtualenv (built for this machine, not the image)' },
  { path: 'venv', what: 'a local virtualenv (built for this machine, not the image)' },
];

/** The paths of KEEP_OUT the rules exclude and those they let through (`venv` only when the folder has one). */
function keepOutStatus(build: BuildContext & { dockerignore: string }): { excluded: string[]; missing: string[] } {
  const excluded = excludedPaths(build.dockerignore, KEEP_OUT.map((k) => k.path));
  const missing = KEEP_OUT.map((k) => k.path).filter((p) => !excluded.includes(p) && (p !== 'venv' || build.files.includes(p)));
  return { excluded, missing };
}

/** Sentences for the explanation of `COPY . .`; none when the build context is unknown. */
export function dockerignoreNotes(build: BuildContext | null | undefined): string[] {
  if (!build) return [];
  if (build.dockerignore === null) {
    return ['There is no .dockerignore: everything in the folder is copied, a .env file, the git history and any local virtualenv included.'];
  }
  const { excluded, missing } = keepOutStatus({ ...build, dockerignore: build.dockerignore });
  const out: string[] = [];
  if (excluded.length) out.push(`.dockerignore keeps ${list(excluded)} out of the build context.`);
  if (missing.length) {
    const what = [...new Set(missing.map((p) => KEEP_OUT.find((k) => k.path === p)?.what ?? p))];
    out.push(`.dockerignore does not exclude ${list(missing)}: add ${missing.length > 1 ? 'them' : 'it'}, or ${list(what)} in the folder would be copied into the image.`);
  }
  return out;
}
