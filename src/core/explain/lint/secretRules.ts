/**
 * Secrets that end up in the image: .env files and keys copied in (by name, or by `COPY . .` when
 * .dockerignore lets them through), and secret-looking ENV and ARG values.
 */
import { excludedPaths } from '../../generate/dockerignore';
import { isSecretName, URL_WITH_PASSWORD } from '../../knowledge/envPurposes';
import { MESSAGES } from '../../knowledge/lintRules';
import { instructionText, type InstructionNode } from '../../dockerfile';
import { copiesContext } from '../analysis';
import { deleteInstruction, deleteWord } from '../edits';
import type { BuildContext, Position, TextEdit } from '../types';
import { finding, fix, type DockerfileCheck } from './finding';

const SECRET_FILE = /^(\.env(\.(?!example$|sample$|template$|dist$|defaults?$)[\w.-]+)?|.*\.(pem|key|p12|pfx)|id_(rsa|ecdsa|ed25519)|\.netrc|\.pypirc|credentials\.json)$/i;

/** Templates of an env file (`.env.dev-sample`, `.env.example.local`) hold placeholders, not secrets. */
const ENV_TEMPLATE = /^\.env[.-].*(example|sample|template|dist|default)/i;

function isSecretFile(path: string): boolean {
  const name = path.replace(/\/$/, '').split('/').pop() ?? '';
  return SECRET_FILE.test(name) && !ENV_TEMPLATE.test(name);
}

function sources(node: InstructionNode) {
  return node.words.slice(0, -1);
}

/** Where to append to .dockerignore (or the new file's text), given its current text. */
export function ignoreEdit(context: BuildContext, names: string[]): TextEdit {
  const text = context.dockerignore;
  if (text === null) return { file: '.dockerignore', create: true, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `${names.join('\n')}\n` };
  const lines = text.split(/\r?\n/);
  const end: Position = { line: lines.length - 1, character: lines[lines.length - 1].length };
  const lead = text === '' || text.endsWith('\n') ? '' : '\n';
  return { file: '.dockerignore', range: { start: end, end }, newText: `${lead}${names.join('\n')}\n` };
}

const secretFiles: DockerfileCheck = ({ model, context }) => {
  const out = [];
  const copies = model.stages.filter((s) => s.ships).flatMap((s) => s.instructions)
    .filter((n) => (n.keyword === 'COPY' || n.keyword === 'ADD') && !n.flags.some((f) => f.name === 'from'));
  for (const node of copies) {
    const named = sources(node).filter((w) => isSecretFile(w.value));
    for (const word of named) {
      const edit = sources(node).length === 1 ? deleteInstruction(model, node) : deleteWord(node, word);
      out.push(finding('secretFiles', word.range, MESSAGES.secretCopied(word.value), fix(MESSAGES.removeLineFix, edit)));
    }
  }
  const build = context.buildContext;
  const wholeContext = copies.find(copiesContext);
  if (build && wholeContext) {
    const secrets = build.files.filter(isSecretFile);
    const ignored = new Set(excludedPaths(build.dockerignore ?? '', secrets));
    const leaking = secrets.filter((f) => !ignored.has(f));
    if (leaking.length) {
      const names = leaking.join(', ');
      out.push(finding('secretFiles', wholeContext.range, MESSAGES.secretNotIgnored(instructionText(model, wholeContext), names, build.dockerignore !== null),
        fix(MESSAGES.ignoreFix(names), ignoreEdit(build, leaking))));
    }
  }
  return out;
};

/** A value that is only a variable (`$TOKEN`, `${TOKEN:-x}`): the secret is not written in the Dockerfile. */
const VARIABLE_ONLY = /^(\$\w+|\$\{\w+(:?[-+][^}]*)?\})$/;

const secretEnv: DockerfileCheck = ({ model }) => {
  const out = [];
  // Loops rather than filter and flatMap: every ENV and ARG of the file passes here, most with nothing to say.
  for (const node of model.instructions) {
    if (node.keyword !== 'ENV' && node.keyword !== 'ARG') continue;
    for (const p of node.properties) {
      if (node.keyword === 'ARG') {
        if (isSecretName(p.name, '', p.value)) out.push(finding('secretEnv', p.range, MESSAGES.secretArg(p.name), null, 'warning'));
        continue;
      }
      const value = p.value ?? '';
      if ((isSecretName(p.name, '', value) || URL_WITH_PASSWORD.test(value)) && value !== '' && !VARIABLE_ONLY.test(value)) {
        out.push(finding('secretEnv', p.range, MESSAGES.secretEnv(p.name)));
      }
    }
  }
  return out;
};

export const SECRET_CHECKS: DockerfileCheck[] = [secretFiles, secretEnv];
