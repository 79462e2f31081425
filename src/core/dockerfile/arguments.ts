/**
 * The words of an instruction after its keyword, exactly as dockerfile-ast's Instruction
 * getRawArguments reads them (escaped newlines join a word, comment lines inside a continuation are
 * skipped, the escape character is dropped before any character but `$`). dockerfile-ast recomputes
 * them, with a position search per word, on every call; the model reads them once with one line
 * table. test/unit/dockerfile/arguments.test.ts holds the two readings equal on every fixture.
 */
import type { Instruction } from 'dockerfile-ast';
import type { Position } from '../text/range';
import type { Word } from './model';
import type { LineTable } from './lineTable';

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const HASH = 35;

/**
 * The words that whitespace separates, but for lone `skip` characters (an escape that only continues
 * the line; -1 for none). No word spans a line here, so the scan counts lines itself rather than
 * searching the line table for each word's start and end.
 */
function plainWords(fullArgs: string, skip: number, offset: number, start: Position): Word[] {
  const args: Word[] = [];
  let line = start.line;
  let lineStart = offset - start.character;
  let found = -1;
  for (let i = 0; i <= fullArgs.length; i++) {
    const code = i < fullArgs.length ? fullArgs.charCodeAt(i) : SPACE;
    if (code !== SPACE && code !== TAB && code !== LF && code !== CR) {
      if (found === -1) found = i;
      continue;
    }
    if (found !== -1) {
      if (i - found !== 1 || fullArgs.charCodeAt(found) !== skip) {
        const first = offset + found - lineStart;
        args.push({ value: fullArgs.slice(found, i), range: { start: { line, character: first }, end: { line, character: first + i - found } } });
      }
      found = -1;
    }
    // A line ends at \n, \r\n or \r, as the line table counts them.
    if (code === LF || (code === CR && fullArgs.charCodeAt(i + 1) !== LF)) {
      line++;
      lineStart = offset + i + 1;
    }
  }
  return args;
}

/**
 * Whether every escape character only continues the line, as in most multi-line RUNs: after a space
 * or tab, before optional spaces and a newline, with no comment line after it. Such an escape joins
 * no word and drops nothing, so the words are what whitespace separates, the escapes left out.
 */
export function onlyContinuations(fullArgs: string, escapeChar: string): boolean {
  const length = fullArgs.length;
  for (let at = fullArgs.indexOf(escapeChar); at !== -1; at = fullArgs.indexOf(escapeChar, at + 1)) {
    const before = fullArgs.charCodeAt(at - 1);
    if (before !== SPACE && before !== TAB) return false;
    let next = at + 1;
    while (next < length && (fullArgs.charCodeAt(next) === SPACE || fullArgs.charCodeAt(next) === TAB)) next++;
    if (fullArgs.charCodeAt(next) === CR) next++;
    if (fullArgs.charCodeAt(next) !== LF) return false;
    for (let code = fullArgs.charCodeAt(next); code === SPACE || code === TAB || code === LF || code === CR; code = fullArgs.charCodeAt(next)) next++;
    if (fullArgs.charCodeAt(next) === HASH) return false;
  }
  return true;
}

export function rawArguments(instruction: Instruction, text: string, lines: LineTable, escapeChar: string): Word[] {
  const keyword = instruction.getInstructionRange();
  const keywordStart = lines.offsetAt(keyword.start);
  const extra = lines.offsetAt(keyword.end) - keywordStart;
  const range = instruction.getRange();
  const fullArgs = text.substring(lines.offsetAt(range.start), lines.offsetAt(range.end)).substring(extra);
  const offset = keywordStart + extra;
  let line = keyword.start.line;
  const word = (value: string, from: number, to: number): Word => {
    const start = lines.positionAt(offset + from, line);
    const end = lines.positionAt(offset + to, start.line);
    line = end.line;
    return { value, range: { start, end } };
  };
  // Without the escape character, or with escapes that only continue lines, nothing is joined, dropped or commented out.
  if (!fullArgs.includes(escapeChar)) return plainWords(fullArgs, -1, offset, lines.positionAt(offset, line));
  if (onlyContinuations(fullArgs, escapeChar)) return plainWords(fullArgs, escapeChar.charCodeAt(0), offset, lines.positionAt(offset, line));
  const args: Word[] = [];
  let start = false;
  let comment = false;
  let found = -1;
  // Whitespace seen inside an escaped newline sequence, and whether we are in such a sequence.
  let escapedWhitespaceDetected = false;
  let escaping = false;
  let escapeMarker = -1;
  // The word's value, read as slices of fullArgs: `value` holds what is done, [from, to) the run being read.
  let value = '';
  let from = -1;
  let to = -1;
  const append = (at: number, length: number) => {
    if (at !== to) {
      if (from !== -1) value += fullArgs.slice(from, to);
      from = at;
    }
    to = at + length;
  };
  const escapedArg = () => (from === -1 ? value : value + fullArgs.slice(from, to));
  const clear = () => {
    value = '';
    from = -1;
    to = -1;
  };
  const escapeCode = escapeChar.charCodeAt(0);
  for (let i = 0; i < fullArgs.length; i++) {
    // Character codes: this loop reads every character of every instruction.
    const code = fullArgs.charCodeAt(i);
    if (code === SPACE || code === TAB || code === LF || code === CR) {
      if (escaping) {
        escapedWhitespaceDetected = true;
        if (code === LF || code === CR) {
          escapedWhitespaceDetected = false;
          if (comment) {
            comment = false;
            start = true;
          }
        }
        continue;
      } else if (found !== -1) {
        args.push(word(escapedArg(), found, escapeMarker === -1 ? i : escapeMarker));
        escapeMarker = -1;
        clear();
        found = -1;
      }
    } else if (code === escapeCode) {
      const next = fullArgs.charAt(i + 1);
      if (next === ' ' || next === '\t') {
        whitespaceCheck: for (let j = i + 2; j < fullArgs.length; j++) {
          switch (fullArgs.charAt(j)) {
            case ' ':
            case '\t':
              continue;
            case '\r':
            case '\n':
              // \r\n ends the line as \n does; i lands on its last character.
              if (fullArgs.charAt(j) === '\r') j++;
              comment = false;
              escaping = true;
              start = true;
              if (found !== -1) escapeMarker = i;
              i = j;
              break whitespaceCheck;
            default:
              escapeMarker = i;
              if (found === -1) i = j - 1;
              break whitespaceCheck;
          }
        }
      } else if (next === '\r' || next === '\n') {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i += next === '\r' ? 2 : 1;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          args.push(word(escapedArg(), found, escapeMarker));
          clear();
          found = -1;
        }
        escapeMarker = -1;
        escapedWhitespaceDetected = false;
        escaping = false;
        if (next === '$') append(i, 2);
        else if (next === '') break;
        else append(i + 1, 1);
        if (found === -1) found = i;
        i++;
      }
    } else if (!comment) {
      if (start && code === HASH) {
        comment = true;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          args.push(word(escapedArg(), found, escapeMarker));
          clear();
          found = -1;
        }
        escapedWhitespaceDetected = false;
        escaping = false;
        escapeMarker = -1;
        append(i, 1);
        if (found === -1) found = i;
      }
      start = false;
    }
  }
  if (found !== -1) args.push(word(escapedArg(), found, escapeMarker === -1 ? fullArgs.length : escapeMarker));
  return args;
}
