/**
 * The commands inside RUN, CMD and ENTRYPOINT: split at shell operators, with the program each one
 * runs once wrappers (`exec`, `python -m`, `uv run`, `VAR=value`) are looked through. Words keep
 * their positions, so a finding or a hover can point at `--no-cache-dir` itself.
 */
import type { InstructionNode, Word } from '../dockerfile';

const OPERATORS = new Set(['&&', '||', ';', '|', '&']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const VERSIONED = /^(python|pip)[\d.]+$/;
const SHORT_FLAGS = /^-[a-zA-Z]+$/;
const QUOTED = /^(['"]).*\1$/;
const SINGLE_QUOTE = 39;
const DOUBLE_QUOTE = 34;
const DOT = 46;
const DIGIT_0 = 48;
const DIGIT_9 = 57;
/** Programs that run the next word as the real command (a Set: every word of every command is looked up). */
const RUNNERS = new Set(['exec', 'dumb-init', 'opentelemetry-instrument', 'ddtrace-run']);
/** Tools whose `run` subcommand runs the next word (`uv run uvicorn ...`). */
const TOOL_RUN = new Set(['uv', 'poetry', 'pipenv', 'pdm', 'hatch', 'rye']);

export interface Command {
  words: Word[];
  /** The program, by its base name without a version suffix: pip3 → pip, /opt/venv/bin/uvicorn → uvicorn. */
  program: string;
  /** Index in words of the word naming the program. */
  at: number;
}

export function unquote(value: string): string {
  const first = value.charCodeAt(0);
  return (first === SINGLE_QUOTE || first === DOUBLE_QUOTE) && QUOTED.test(value) ? value.slice(1, -1) : value;
}

export function programName(value: string): string {
  const unquoted = unquote(value);
  const base = unquoted.slice(unquoted.lastIndexOf('/') + 1);
  const last = base.charCodeAt(base.length - 1);
  // Only pip3, python3.13 and the like have a version to drop.
  return (last === DOT || (last >= DIGIT_0 && last <= DIGIT_9)) && base.startsWith('p') ? base.replace(VERSIONED, '$1') : base;
}

/** Words split into commands at `&&`, `||`, `;`, `|`; a heredoc's lines are commands of their own. */
function split(node: InstructionNode): Word[][] {
  if (node.execForm) return node.words.length ? [node.words] : [];
  const heredoc = node.words[0]?.value.startsWith('<<');
  const groups: Word[][] = [];
  let group: Word[] = [];
  const end = () => {
    if (!group.length) return;
    groups.push(group);
    group = [];
  };
  let line = node.words[0]?.range.start.line;
  const words = heredoc ? node.words.slice(1, -1) : node.words;
  for (const word of words) {
    // Only a heredoc's lines end commands: other words' positions are not read here.
    if (heredoc) {
      if (word.range.start.line !== line) end();
      line = word.range.start.line;
    }
    if (word.value.length <= 2 && OPERATORS.has(word.value)) {
      end();
      continue;
    }
    const trailing = word.value.length > 1 && word.value.endsWith(';');
    group.push(trailing ? { ...word, value: word.value.slice(0, -1) } : word);
    if (trailing) end();
  }
  end();
  return groups;
}

/** Where the real program starts, looking through assignments, runners and `python -m`. */
function resolve(words: Word[]): { program: string; at: number } | null {
  let i = 0;
  while (i < words.length) {
    const value = unquote(words[i].value);
    const name = programName(value);
    if (value.includes('=') && ASSIGNMENT.test(value)) i++;
    else if (RUNNERS.has(name)) i++;
    else if (name === 'tini') i += words[i + 1]?.value === '--' ? 2 : 1;
    else if (TOOL_RUN.has(name) && words[i + 1]?.value === 'run') i += 2;
    else if (name === 'python' || name === 'python3') {
      let j = i + 1;
      while (j < words.length && SHORT_FLAGS.test(words[j].value) && words[j].value !== '-m' && words[j].value !== '-c') j++;
      if (words[j]?.value === '-m' && words[j + 1]) return { program: programName(words[j + 1].value), at: j + 1 };
      return { program: 'python', at: i };
    } else return { program: name, at: i };
  }
  return null;
}

/**
 * Lenses, hovers and every lint rule ask for the commands of the same instructions; a model is
 * never changed after parsing, so each instruction is split once and keeps its commands in a slot
 * of its own that is not enumerable (no copy, comparison or JSON of the node sees it). A WeakMap
 * from node to commands would do the same, but its entries cost the garbage collector on every
 * collection: most of the time a new document version spends collecting.
 */
const COMMANDS = Symbol('commands');

type WithCommands = InstructionNode & { [COMMANDS]?: Command[] };

export function commandsOf(node: InstructionNode): Command[] {
  const memo = (node as WithCommands)[COMMANDS];
  if (memo) return memo;
  const out: Command[] = [];
  for (const words of split(node)) {
    const found = resolve(words);
    if (found) out.push({ words, program: found.program, at: found.at });
  }
  Object.defineProperty(node, COMMANDS, { value: out });
  return out;
}

/** A word without its quotes, its range shrunk to match (so offsets inside the value stay right). */
function unquoted(word: Word): Word {
  const value = unquote(word.value);
  if (value === word.value || word.range.start.line !== word.range.end.line) return { ...word, value };
  const { start, end } = word.range;
  return { value, range: { start: { ...start, character: start.character + 1 }, end: { ...end, character: end.character - 1 } } };
}

/** The words after the program, unquoted. */
export function argsOf(command: Command): Word[] {
  return command.words.slice(command.at + 1).map(unquoted);
}

/** `pip install`, `apt-get install`, `uv sync`: the program and its first non-option word. */
export function subcommandOf(command: Command): string | null {
  // As the first of argsOf not starting with `-`, without unquoting every word of every command.
  for (let i = command.at + 1; i < command.words.length; i++) {
    const value = unquote(command.words[i].value);
    if (!value.startsWith('-')) return value;
  }
  return null;
}

export interface OptionValue {
  /** The word holding the value (for `--host=x` the same word as the option). */
  word: Word;
  value: string;
  /** Character offset of the value inside the word. */
  offset: number;
}

/**
 * The value of an option: `--host x`, `--host=x`, and for short options `-b x` or `-bx`. Later
 * occurrences win, as they do for the servers read here.
 */
export function optionValue(args: Word[], names: readonly string[]): OptionValue | null {
  let found: OptionValue | null = null;
  for (let i = 0; i < args.length; i++) {
    const value = args[i].value;
    for (const name of names) {
      if (value === name && args[i + 1]) found = { word: args[i + 1], value: args[i + 1].value, offset: 0 };
      else if (name.startsWith('--') && value.startsWith(`${name}=`)) found = { word: args[i], value: value.slice(name.length + 1), offset: name.length + 1 };
      else if (/^-\w$/.test(name) && value.startsWith(name) && value.length > 2 && !value.startsWith('--')) {
        found = { word: args[i], value: value.slice(2), offset: 2 };
      }
    }
  }
  return found;
}

export function hasOption(args: Word[], names: readonly string[]): Word | undefined {
  return args.find((a) => names.includes(a.value) || names.some((n) => n.startsWith('--') && a.value.startsWith(`${n}=`)));
}
