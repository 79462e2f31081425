/**
 * Hovers on a Dockerfile: the instruction keyword, a flag, the base image and its tag, a variable,
 * or a command (and its options) inside RUN, CMD, ENTRYPOINT and HEALTHCHECK.
 */
import { ENV_VARS } from '../knowledge/envVars';
import { FLAGS, flagKnowledge } from '../knowledge/flags';
import { IMAGES, tagParts } from '../knowledge/images';
import { REFERENCE } from '../knowledge/references';
import { commandKnowledge, flagName } from '../knowledge/shellCommands';
import { analyze, type Analysis } from './analysis';
import { argsOf, commandsOf, subcommandOf } from './commandLine';
import { instructionAt, type DockerfileModel, type InstructionNode } from '../dockerfile';
import { commandExample, withAppPort } from './examples';
import { explainInstructionIn } from './explainInstruction';
import { hoverMarkdown, partMarkdown } from './render';
import { contains, type ExplainContext, type Hover, type Position } from './types';

function imageHover(a: Analysis, node: InstructionNode, position: Position): Hover | null {
  const image = a.model.stages[node.stage]?.image;
  if (!image || !contains(image.range, position)) return null;
  const known = IMAGES[image.repository];
  const text = [known?.text ?? `The image ${image.repository}.`, ...tagParts(image.repository, image.tag, image.digest)].join('\n\n');
  const reference = image.repository === 'python' ? REFERENCE.pythonImage : REFERENCE.image(image.repository);
  const example = image.repository === 'python' ? 'FROM python:3.13-slim' : `FROM ${image.repository}:<version>`;
  return { range: image.range, markdown: partMarkdown(image.resolved, 'base image', text, example, reference) };
}

function stageNameHover(node: InstructionNode, position: Position): Hover | null {
  const word = node.words.slice(1).find((w) => contains(w.range, position));
  if (!word) return null;
  const knowledge = FLAGS['FROM AS'];
  return { range: word.range, markdown: partMarkdown('AS', 'stage name', knowledge.text, knowledge.example, knowledge.reference) };
}

function flagHover(a: Analysis, node: InstructionNode, position: Position): Hover | null {
  const flag = node.flags.find((f) => contains(f.range, position));
  const knowledge = flag && flagKnowledge(node.keyword, flag.name, flag.options);
  if (!flag || !knowledge) return null;
  return { range: flag.range, markdown: partMarkdown(`--${flag.name}`, node.keyword, knowledge.text, withAppPort(knowledge.example, a.context.app), knowledge.reference) };
}

function variableHover(node: InstructionNode, position: Position): Hover | null {
  const property = node.properties.find((p) => contains(p.range, position));
  const text = property && ENV_VARS[property.name];
  if (!property || !text) return null;
  return { range: property.nameRange, markdown: partMarkdown(property.name, node.keyword, text, `${node.keyword} ${property.name}=${property.value ?? ''}`, REFERENCE.pythonEnv) };
}

function commandHover(a: Analysis, node: InstructionNode, position: Position): Hover | null {
  const words = node.keyword === 'HEALTHCHECK'
    ? { ...node, words: node.words.slice(1).map((w) => ({ ...w, value: w.value.replace(/^\[?"?|"?,?\]?$/g, '') })), execForm: true }
    : node;
  for (const command of commandsOf(words)) {
    const index = command.words.findIndex((w) => contains(w.range, position));
    if (index < 0) continue;
    const word = command.words[index];
    const sub = subcommandOf(command);
    const knowledge = commandKnowledge(command.program, sub);
    if (!knowledge) return null;
    const name = commandKnowledge(command.program, null) === knowledge ? command.program : `${command.program} ${sub}`;
    const reference = knowledge.reference ?? REFERENCE.instruction(node.keyword);
    const example = commandExample(command.program, knowledge.example, a.context.app);
    const args = argsOf(command);
    const at = index - command.at - 1;
    // On a flag's value (`0.0.0.0` after `--host`), explain the flag.
    const option = at < 0 ? undefined : args[at]?.value.startsWith('-') ? args[at] : args[at - 1]?.value.startsWith('-') && !args[at - 1].value.includes('=') ? args[at - 1] : undefined;
    const flag = option ? flagName(option.value) : null;
    const flagText = flag ? knowledge.flags?.[flag] : undefined;
    if (flag && flagText) return { range: word.range, markdown: partMarkdown(flag, name, flagText, example, reference) };
    return { range: word.range, markdown: partMarkdown(name, node.keyword, knowledge.text, example, reference) };
  }
  return null;
}

export function hoverIn(a: Analysis, position: Position): Hover | null {
  const node = instructionAt(a.model, position.line);
  if (!node || !contains(node.range, position)) return null;
  if (contains(node.keywordRange, position)) return { range: node.keywordRange, markdown: hoverMarkdown(explainInstructionIn(a, node)) };
  const specific = flagHover(a, node, position)
    ?? (node.keyword === 'FROM' ? imageHover(a, node, position) ?? stageNameHover(node, position) : null)
    ?? (node.keyword === 'ENV' || node.keyword === 'ARG' ? variableHover(node, position) : null)
    ?? (['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK'].includes(node.keyword) ? commandHover(a, node, position) : null);
  return specific ?? { range: node.range, markdown: hoverMarkdown(explainInstructionIn(a, node)) };
}

export function dockerfileHover(model: DockerfileModel, position: Position, context: ExplainContext = {}): Hover | null {
  return hoverIn(analyze(model, context), position);
}
