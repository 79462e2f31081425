/**
 * A Dockerfile as the rest of Dockwright sees it: instructions with their flags and words
 * (positions included), grouped into build stages, with the final stage and the stages that end up
 * in the final image marked. One parse makes it (parse.ts); explain, lint, build, the dashboard and
 * detection all read this model rather than the text.
 */
import type { ParseError, Position, Range } from '../text/range';

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
  /** The image it starts from; null when it starts from an earlier stage (see parent). */
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
