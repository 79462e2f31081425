/**
 * Whether the image can build, run and keep running safely: an image name Docker rejects, a base
 * past its end of life, a final image with no command of its own, an in-project virtualenv sent
 * with the code.
 */
import { baseImageOf, inherited, type DockerfileModel, type ImageRef } from '../../dockerfile';
import { excludedPaths } from '../../generate/dockerignore';
import { endsOfLife } from '../../knowledge/endOfLife';
import { MESSAGES } from '../../knowledge/lintRules';
import { copiesContext } from '../analysis';
import type { Range } from '../types';
import { replace } from '../edits';
import { finding, fix, type DockerfileCheck } from './finding';
import { ignoreEdit } from './secretRules';

/** Where a version comes from: the global ARG whose default the FROM substitutes, else the image itself. */
function versionRange(model: DockerfileModel, image: ImageRef): Range {
  const variable = /\$\{?(\w+)/.exec(image.written.slice(image.written.indexOf(':') + 1))?.[1];
  if (!variable) return image.range;
  const arg = model.instructions.find((n) => n.stage === -1 && n.keyword === 'ARG' && n.properties.some((p) => p.name === variable && p.value));
  return arg?.properties.find((p) => p.name === variable)?.range ?? image.range;
}

/** The final image's base only: a builder stage's Python does not ship. */
const endOfLife: DockerfileCheck = ({ model, final }) => {
  const image = baseImageOf(model, final);
  if (!image || image.digest) return [];
  const ends = endsOfLife(image.repository, image.resolved.includes(':') ? image.resolved.slice(image.resolved.lastIndexOf(':') + 1) : null);
  if (!ends.length) return [];
  return [finding('endOfLife', versionRange(model, image), MESSAGES.endOfLife(image.resolved, ends))];
};

/** The final stage (with what it inherits from earlier stages) sets no CMD or ENTRYPOINT. */
const noCmd: DockerfileCheck = ({ model, final }) => {
  if (!final) return [];
  const nodes = inherited(model, final);
  if (nodes.some((n) => n.keyword === 'CMD' || n.keyword === 'ENTRYPOINT')) return [];
  const image = baseImageOf(model, final);
  // FROM scratch has no default either; an image not built on Python may bring its own command (nginx, a runtime image).
  if (image && image.repository !== 'python' && image.repository !== 'scratch') return [];
  const last = nodes[nodes.length - 1] ?? final.from;
  return [finding('noCmd', last.range, MESSAGES.noCmd(image?.resolved ?? 'the base image'))];
};

/** uv always keeps the project's virtualenv in .venv; a .venv folder in the context says someone's tool does. */
const venvNotIgnored: DockerfileCheck = ({ model, context }) => {
  const build = context.buildContext;
  if (!build) return [];
  const why = build.files.includes('.venv') ? 'This folder has a virtualenv (.venv)'
    : build.files.includes('uv.lock') ? 'uv keeps the project\'s virtualenv in .venv' : null;
  if (!why) return [];
  const copy = model.stages.filter((s) => s.ships).flatMap((s) => s.instructions).find(copiesContext);
  if (!copy || excludedPaths(build.dockerignore ?? '', ['.venv']).length) return [];
  return [finding('venvNotIgnored', copy.range, MESSAGES.venvNotIgnored(why),
    fix(MESSAGES.venvIgnoreFix, ignoreEdit(build, ['.venv'])))];
};

/** `FROM Python:3.9`: Docker reads the name as a reference and refuses upper case in it. */
const upperCaseImage: DockerfileCheck = ({ model }) => model.stages.flatMap((stage) => {
  const image = stage.image;
  if (!image || image.written.includes('$')) return [];
  const name = image.written.split('@')[0].replace(/:[^/:]*$/, '');
  if (name === name.toLowerCase()) return [];
  const lower = image.written.replace(name, name.toLowerCase());
  return [finding('syntax', image.range, MESSAGES.upperCaseImage(image.written), fix(MESSAGES.pinFix(lower), replace(image.range, lower)))];
});

export const LIFECYCLE_CHECKS: DockerfileCheck[] = [upperCaseImage, endOfLife, noCmd, venvNotIgnored];
