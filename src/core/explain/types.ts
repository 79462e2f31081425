/**
 * What explain and lint take in and give back: plain data with LSP-style positions (0-based line
 * and character), so the editor adapter and the CLI turn the same results into lenses, hovers,
 * diagnostics, quick fixes or text.
 */
import type { AppFacts } from '../detect/types';
import type { Severity } from '../knowledge/lintRules';
import type { Range } from '../text/range';

export { contains, type ParseError, type Position, type Range } from '../text/range';

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
  /** Stable: DW1xx for Dockerfiles, DW2xx for compose files, DW3xx for Kubernetes manifests (see knowledge/lintRules.ts). */
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

/** The build context next to the Dockerfile, as far as an adapter could read it. */
export interface BuildContext {
  /** The .dockerignore text, or null when there is none. */
  dockerignore: string | null;
  /** Names of the files and folders at the context's top level (to know whether `.env` is there). */
  files: string[];
  /** Whether a path relative to the folder exists (a compose env_file); absent when unknown, and the checks that need it stay quiet. */
  exists?: (path: string) => boolean;
}

/** What explain and lint know beyond the file itself; every part is optional. */
export interface ExplainContext {
  /** The app this file belongs to, as detection found it. */
  app?: AppFacts | null;
  buildContext?: BuildContext | null;
  /** For a Kubernetes manifest: the texts of the other manifests in its folder (a Service's pods may be there). */
  neighbours?: readonly string[];
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
