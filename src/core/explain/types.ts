/**
 * What explain and lint take in and give back: plain data with LSP-style positions (0-based line
 * and character), so the editor adapter and the CLI turn the same results into lenses, hovers,
 * diagnostics, quick fixes or text.
 */
import type { AppFacts } from '../detect/types';
import type { Severity } from '../knowledge/lintRules';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

// The rules own their severities (knowledge/lintRules); explain's readers keep importing it from here.
export type { Severity };

/** One change to a file. `file` names another file, relative to the linted file's folder (e.g. .dockerignore). */
export interface TextEdit {
  range: Range;
  newText: string;
  file?: string;
  /** The other file does not exist yet: create it with this text. */
  create?: boolean;
}

export interface Fix {
  /** What the fix does, as a quick fix menu shows it ("Bind to 0.0.0.0"). */
  title: string;
  edits: TextEdit[];
}

export interface Finding {
  /** Stable: DW1xx for Dockerfiles, DW2xx for compose files (see knowledge/lintRules.ts). */
  code: string;
  severity: Severity;
  range: Range;
  message: string;
  /** The hadolint rule that checks the same thing, when there is one. */
  hadolint: string | null;
  /** Where to read more. */
  reference: string;
  fix: Fix | null;
}

/** A syntax problem that stops Docker (or Compose) from reading the file at all. */
export interface ParseError {
  message: string;
  range: Range;
}

/** The build context next to the Dockerfile, as far as an adapter could read it. */
export interface BuildContext {
  /** The .dockerignore text, or null when there is none. */
  dockerignore: string | null;
  /** Names of the files and folders at the context's top level (to know whether `.env` is there). */
  files: string[];
}

/** What explain and lint know beyond the file itself; every part is optional. */
export interface ExplainContext {
  /** The app this file belongs to, as detection found it. */
  app?: AppFacts | null;
  buildContext?: BuildContext | null;
}

export interface LintOptions {
  /** Per rule code: turn it off, or give it another severity (a team's choice). */
  rules?: Record<string, Severity | 'off'>;
}

export interface Hover {
  range: Range;
  markdown: string;
}

/** Everything there is to say about one instruction; renderers turn it into a lens, a hover, text. */
export interface InstructionExplanation {
  /** 0-based index among the file's instructions. */
  index: number;
  range: Range;
  keyword: string;
  /** The instruction as written, on one line. */
  text: string;
  /** What it does here, in a few words (≤ 60 characters: a CodeLens title). */
  title: string;
  /** What the instruction does in general. */
  summary: string;
  /** Why this line is here for this app, when that can be known. */
  context: string[];
  /** The flags, commands and images it uses, each explained. */
  parts: { label: string; text: string }[];
  example: string;
  reference: string;
}

export interface Lens {
  range: Range;
  title: string;
  /** Index of the instruction the lens explains. */
  index: number;
}

export const LENS_TITLE_MAX = 60;

export function contains(r: Range, p: Position): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return afterStart && beforeEnd;
}
