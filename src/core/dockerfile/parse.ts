/**
 * Text to DockerfileModel. dockerfile-ast does the parsing (continuations, comments, escapes,
 * heredocs, JSON forms); this reads each instruction once into plain data and groups the stages.
 */
import {
  Add, Arg, Cmd, Copy, DockerfileParser, Entrypoint, Env, From, Healthcheck, JSONInstruction, Keyword, Label, ModifiableInstruction, Onbuild,
  PropertyInstruction, Run, Shell, Stopsignal, User, Volume, Workdir, type Instruction,
} from 'dockerfile-ast';
import type { ParseError, Position } from '../text/range';
import { rawArguments } from './arguments';
import { imageRef } from './imageRef';
import { LineTable } from './lineTable';
import type { DockerfileModel, FlagNode, InstructionNode, Stage, Word } from './model';
import { readProperties } from './properties';
import { markShipping } from './stages';

/**
 * Each keyword as one string: dockerfile-ast upper-cases every keyword anew, and every reader of the
 * model compares keywords, which costs a comparison of characters for a string made anew.
 */
const KEYWORDS = new Map<string, string>(Object.values(Keyword).map((k) => [k, k]));
/**
 * dockerfile-ast makes each instruction of the class its keyword names, so the class tells the
 * keyword without getKeyword's reading and upper-casing of the text (EXPOSE, MAINTAINER and unknown
 * keywords have no class of their own and are read).
 */
const KEYWORD_OF_CLASS = new Map<unknown, string>([
  [Add, Keyword.ADD], [Arg, Keyword.ARG], [Cmd, Keyword.CMD], [Copy, Keyword.COPY], [Entrypoint, Keyword.ENTRYPOINT], [Env, Keyword.ENV],
  [From, Keyword.FROM], [Healthcheck, Keyword.HEALTHCHECK], [Label, Keyword.LABEL], [Onbuild, Keyword.ONBUILD], [Run, Keyword.RUN],
  [Shell, Keyword.SHELL], [Stopsignal, Keyword.STOPSIGNAL], [User, Keyword.USER], [Volume, Keyword.VOLUME], [Workdir, Keyword.WORKDIR],
]);
/**
 * The classes tested for each instruction, read once: the bundle reaches each name imported from
 * dockerfile-ast through a getter, a call per use.
 */
const CLASSES = { JSONInstruction, ModifiableInstruction, PropertyInstruction, From };
const EXEC_FORM_KEYWORDS = new Set(['CMD', 'ENTRYPOINT', 'RUN', 'SHELL', 'COPY', 'ADD', 'VOLUME']);

/** What each instruction is read with: the text, its line table and the escape character. */
interface Source {
  text: string;
  lines: LineTable;
  escapeChar: string;
}

function words(instruction: Instruction, keyword: string, flagCount: number, source: Source): { words: Word[]; execForm: boolean; argumentsStart: Position | null } {
  if (instruction instanceof CLASSES.JSONInstruction && EXEC_FORM_KEYWORDS.has(keyword)) {
    const strings = instruction.getJSONStrings();
    const bracket = instruction.getOpeningBracket();
    // `ENTRYPOINT []` is the JSON form too: an empty array, which resets what the base image set.
    if (bracket && (strings.length || instruction.getClosingBracket())) {
      return { words: strings.map((s) => ({ value: s.getJSONValue(), range: s.getJSONRange() })), execForm: true, argumentsStart: bracket.getRange().start };
    }
  }
  // As dockerfile-ast's getArguments: the flags are the first words.
  const all = rawArguments(instruction, source.text, source.lines, source.escapeChar);
  const args = flagCount ? all.slice(flagCount) : all;
  return { words: args, execForm: false, argumentsStart: args[0]?.range.start ?? null };
}

function flags(instruction: Instruction): FlagNode[] {
  if (!(instruction instanceof CLASSES.ModifiableInstruction)) return [];
  return instruction.getFlags().map((f) => ({
    name: f.getName(),
    value: f.getValue(),
    range: f.getRange(),
    nameRange: f.getNameRange(),
    options: f.getOptions().map((o) => ({ name: o.getName(), value: o.getValue() })),
  }));
}

/** `FROM image AS name`: the name as written, as dockerfile-ast's getBuildStage reads it from the same words. */
function buildStage(words: Word[], source: Source): string | null {
  if (words.length <= 2 || words[1].value.toUpperCase() !== 'AS') return null;
  const { start, end } = words[2].range;
  return source.text.substring(source.lines.offsetAt(start), source.lines.offsetAt(end));
}

export function parseDockerfile(text: string): DockerfileModel {
  const lines = text.includes('\r') ? text.split(/\r?\n/) : text.split('\n');
  const ast = DockerfileParser.parse(text);
  const source: Source = { text, lines: new LineTable(text), escapeChar: ast.getEscapeCharacter() };
  const globalArgs = new Map<string, string>();
  const instructions: InstructionNode[] = [];
  const stages: Stage[] = [];
  const errors: ParseError[] = [];
  for (const instruction of ast.getInstructions()) {
    const written = KEYWORD_OF_CLASS.get(instruction.constructor) ?? instruction.getKeyword();
    const keyword = KEYWORDS.get(written) ?? written;
    const flagNodes = flags(instruction);
    const { words: w, execForm, argumentsStart } = words(instruction, keyword, flagNodes.length, source);
    const range = instruction.getRange();
    const keywordRange = instruction.getInstructionRange();
    const node: InstructionNode = {
      index: instructions.length, keyword, range, keywordRange, flags: flagNodes, words: w, execForm, argumentsStart,
      properties: instruction instanceof CLASSES.PropertyInstruction ? readProperties(source, keywordRange, range, w) : [],
      stage: stages.length - 1,
    };
    instructions.push(node);
    if (!KEYWORDS.has(written)) {
      errors.push({ message: `unknown instruction: ${instruction.getInstruction()}`, range: node.keywordRange });
    } else if (instruction instanceof CLASSES.From) {
      const image = imageRef(instruction, node.words[0], globalArgs, source);
      if (!image) errors.push({ message: 'FROM needs an image to start from', range: node.range });
      const stageName = image ? image.resolved.toLowerCase() : '';
      const parent = stages.find((s) => s.name !== null && s.name === stageName && !stageName.includes(':'));
      node.stage = stages.length;
      stages.push({
        index: stages.length, from: node, name: buildStage(node.words, source)?.toLowerCase() ?? null, image: parent ? null : image,
        parent: parent ? parent.index : null, instructions: [node], final: false, ships: false,
      });
    } else if (stages.length === 0) {
      if (keyword === 'ARG') for (const p of node.properties) globalArgs.set(p.name, p.value ?? '');
      else errors.push({ message: `${keyword} before the first FROM: only ARG may come before it`, range: node.keywordRange });
    } else {
      stages[stages.length - 1].instructions.push(node);
    }
  }
  if (instructions.length && !stages.length && !errors.length) {
    errors.push({ message: 'no FROM instruction: every Dockerfile starts from a base image', range: instructions[0].range });
  }
  markShipping(stages);
  return { lines, instructions, stages, globalArgs, errors };
}
