/**
 * A Dockerfile as explain and lint see it: instructions with their flags and words (positions
 * included), grouped into build stages, with the stages that end up in the final image marked.
 * dockerfile-ast does the parsing (continuations, comments, escapes, heredocs, JSON forms).
 */
import { DockerfileParser, From, JSONInstruction, Keyword, ModifiableInstruction, PropertyInstruction, type Instruction } from 'dockerfile-ast';
import type { ParseError, Position, Range } from './types';

export interface Word {
  /** Without JSON quotes for the exec form; as written otherwise. */
  value: string;
  range: Range;
}

export interface FlagNode {
  name: string;
  value: string | null;
  range: Range;
  nameRange: Range;
  options: { name: string; value: string | null }[];
}

export interface PropertyNode {
  name: string;
  value: string | null;
  range: Range;
  nameRange: Range;
}

export interface InstructionNode {
  index: number;
  keyword: string;
  range: Range;
  keywordRange: Range;
  /** The whole instruction on one line, continuations joined. */
  text: string;
  flags: FlagNode[];
  /** The arguments after the flags: JSON strings for the exec form, words otherwise. */
  words: Word[];
  execForm: boolean;
  /** Where the arguments start (the `[` of the exec form), after the flags; null without arguments. */
  argumentsStart: Position | null;
  /** ENV, ARG and LABEL name=value pairs. */
  properties: PropertyNode[];
  /** Index of the stage it belongs to; -1 for ARGs before the first FROM. */
  stage: number;
}

export interface ImageRef {
  /** As written, e.g. python:${PYTHON_VERSION}-slim. */
  written: string;
  /** With the global ARG defaults substituted, e.g. python:3.13-slim. */
  resolved: string;
  /** Repository without registry or tag, lower case: "python", "postgres", "bitnami/redis". */
  repository: string;
  tag: string | null;
  digest: string | null;
  range: Range;
  tagRange: Range | null;
}

export interface Stage {
  index: number;
  from: InstructionNode;
  name: string | null;
  image: ImageRef | null;
  /** The earlier stage this one starts from (`FROM builder`), if any. */
  parent: number | null;
  instructions: InstructionNode[];
  /** The last stage, the one `docker build` produces. */
  final: boolean;
  /** The final stage or one it starts from: what is in these stages is in the image. */
  ships: boolean;
}

export interface DockerfileModel {
  lines: string[];
  instructions: InstructionNode[];
  stages: Stage[];
  /** ARGs declared before the first FROM, with their defaults. */
  globalArgs: Map<string, string>;
  errors: ParseError[];
}

const KEYWORDS = new Set<string>(Object.values(Keyword));
const EXEC_FORM_KEYWORDS = new Set(['CMD', 'ENTRYPOINT', 'RUN', 'SHELL', 'COPY', 'ADD', 'VOLUME']);

/** `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}` with the values known. */
export function substitute(value: string, vars: ReadonlyMap<string, string>): string {
  return value.replace(/\$\{(\w+)(?::?[-+]([^}]*))?\}|\$(\w+)/g, (whole, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare) as string;
    return vars.get(name) || fallback || (vars.has(name) ? '' : whole);
  });
}

function words(instruction: Instruction): { words: Word[]; execForm: boolean; argumentsStart: Position | null } {
  if (instruction instanceof JSONInstruction && EXEC_FORM_KEYWORDS.has(instruction.getKeyword())) {
    const strings = instruction.getJSONStrings();
    const bracket = instruction.getOpeningBracket();
    if (strings.length && bracket) {
      return { words: strings.map((s) => ({ value: s.getJSONValue(), range: s.getJSONRange() })), execForm: true, argumentsStart: bracket.getRange().start };
    }
  }
  const args = instruction.getArguments();
  return { words: args.map((a) => ({ value: a.getValue(), range: a.getRange() })), execForm: false, argumentsStart: args[0]?.getRange().start ?? null };
}

function flags(instruction: Instruction): FlagNode[] {
  if (!(instruction instanceof ModifiableInstruction)) return [];
  return instruction.getFlags().map((f) => ({
    name: f.getName(),
    value: f.getValue(),
    range: f.getRange(),
    nameRange: f.getNameRange(),
    options: f.getOptions().map((o) => ({ name: o.getName(), value: o.getValue() })),
  }));
}

function properties(instruction: Instruction): PropertyNode[] {
  const list = instruction instanceof PropertyInstruction ? instruction.getProperties() : [];
  return list.map((p) => ({ name: p.getName(), value: p.getValue(), range: p.getRange(), nameRange: p.getNameRange() }));
}

function imageRef(from: From, globals: ReadonlyMap<string, string>): ImageRef | null {
  const written = from.getImage();
  const range = from.getImageRange();
  if (!written || !range) return null;
  const resolved = substitute(written, globals);
  const [withoutDigest, digest] = resolved.split('@');
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  const tag = colon > slash ? withoutDigest.slice(colon + 1) : null;
  const path = (colon > slash ? withoutDigest.slice(0, colon) : withoutDigest).toLowerCase().split('/');
  // A first part with a dot or a port is a registry (ghcr.io/..., localhost:5000/...), not a namespace.
  if (path.length > 1 && (/[.:]/.test(path[0]) || path[0] === 'localhost')) path.shift();
  if (path[0] === 'library') path.shift();
  return { written, resolved, repository: path.join('/'), tag, digest: digest ?? null, range, tagRange: from.getImageTagRange() };
}

function oneLine(instruction: Instruction, lines: string[]): string {
  const { start, end } = instruction.getRange();
  const parts: string[] = [];
  for (let l = start.line; l <= end.line; l++) {
    const line = lines[l] ?? '';
    const text = line.slice(l === start.line ? start.character : 0, l === end.line ? end.character : undefined);
    if (l > start.line && /^\s*#/.test(text)) continue;
    parts.push(text.replace(/\\\s*$/, '').trim());
  }
  return parts.filter(Boolean).join(' ');
}

export function parseDockerfile(text: string): DockerfileModel {
  const lines = text.split(/\r?\n/);
  const ast = DockerfileParser.parse(text);
  const globalArgs = new Map<string, string>();
  const instructions: InstructionNode[] = [];
  const stages: Stage[] = [];
  const errors: ParseError[] = [];
  for (const instruction of ast.getInstructions()) {
    const keyword = instruction.getKeyword();
    const { words: w, execForm, argumentsStart } = words(instruction);
    const node: InstructionNode = {
      index: instructions.length, keyword, range: instruction.getRange(), keywordRange: instruction.getInstructionRange(),
      text: oneLine(instruction, lines), flags: flags(instruction), words: w, execForm, argumentsStart, properties: properties(instruction),
      stage: stages.length - 1,
    };
    instructions.push(node);
    if (!KEYWORDS.has(keyword)) {
      errors.push({ message: `unknown instruction: ${instruction.getInstruction()}`, range: node.keywordRange });
    } else if (instruction instanceof From) {
      const image = imageRef(instruction, globalArgs);
      if (!image) errors.push({ message: 'FROM needs an image to start from', range: node.range });
      const stageName = image ? image.resolved.toLowerCase() : '';
      const parent = stages.find((s) => s.name !== null && s.name === stageName && !stageName.includes(':'));
      node.stage = stages.length;
      stages.push({
        index: stages.length, from: node, name: instruction.getBuildStage()?.toLowerCase() ?? null, image: parent ? null : image,
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

function markShipping(stages: Stage[]): void {
  const last = stages[stages.length - 1];
  if (!last) return;
  last.final = true;
  for (let s: Stage | undefined = last; s; s = s.parent === null ? undefined : stages[s.parent]) s.ships = true;
}

/** The stage and the stages it starts from, oldest first: what the stage inherits (ENV, USER, WORKDIR). */
export function stageChain(model: DockerfileModel, stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s; s = s.parent === null ? undefined : model.stages[s.parent]) chain.unshift(s);
  return chain;
}

/** The instructions of a stage including those it inherits from its parent stages, in order. */
export function inherited(model: DockerfileModel, stage: Stage): InstructionNode[] {
  return stageChain(model, stage).flatMap((s) => s.instructions);
}

/** The ENV values a stage sees (its own and inherited), later ones winning. */
export function stageEnv(model: DockerfileModel, stage: Stage): Map<string, string> {
  const env = new Map<string, string>();
  for (const node of inherited(model, stage)) {
    if (node.keyword === 'ENV') for (const p of node.properties) env.set(p.name, p.value ?? '');
  }
  return env;
}

/** The stage whose image the final image is built on: the first ancestor that starts from an image. */
export function baseImageOf(model: DockerfileModel, stage: Stage): ImageRef | null {
  return stageChain(model, stage)[0]?.image ?? null;
}

export function finalStage(model: DockerfileModel): Stage | undefined {
  return model.stages[model.stages.length - 1];
}

export function instructionAt(model: DockerfileModel, line: number): InstructionNode | undefined {
  return model.instructions.find((i) => i.range.start.line <= line && line <= i.range.end.line);
}
