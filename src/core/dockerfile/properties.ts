/**
 * The name=value pairs of ENV, ARG and LABEL, exactly as dockerfile-ast's PropertyInstruction
 * getProperties reads them: quotes keep spaces inside a value, `${...}` is one piece, the legacy
 * `ENV NAME value with spaces` form, escapes dropped and comment lines inside a continuation skipped.
 * dockerfile-ast builds a document position for every piece through a search; the model reads them
 * with its one line table. test/unit/dockerfile/arguments.test.ts holds the two readings equal on
 * every fixture.
 */
import type { Range } from '../text/range';
import type { LineTable } from './lineTable';
import { onlyContinuations } from './arguments';
import type { PropertyNode, Word } from './model';
import { leadingNonWhitespace, propertyValue } from './propertyValue';

/** What the pieces of one instruction are read from. */
interface Source {
  text: string;
  lines: LineTable;
  escapeChar: string;
}

const WHITESPACE = /\s/;
const isWhitespace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/** The last character that is not whitespace, nor an escaped newline before the end. */
function trailingNonWhitespace(content: string, escapeChar: string): number {
  for (let i = content.length - 1; i >= 0; i--) {
    const char = content.charAt(i);
    if (char === ' ' || char === '\t') continue;
    if (char !== '\n' && char !== '\r') return i;
    const from = char === '\n' && content.charAt(i - 1) === '\r' ? i - 1 : i;
    for (let j = from - 1; j >= 0; j--) {
      const c = content.charAt(j);
      if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '\n' && c !== escapeChar) return j;
    }
    return content.length;
  }
  return content.length;
}

/**
 * Whether the pieces are the instruction's words: no quotes, escapes that only continue lines, no
 * lone carriage return and no `${...}` with whitespace in it. Then whitespace alone separates the
 * pieces, as it does the words, and most ENV, ARG and LABEL instructions are read once.
 */
function piecesAreWords(fullArgs: string, escapeChar: string): boolean {
  if (fullArgs.includes('"') || fullArgs.includes('\'') || !onlyContinuations(fullArgs, escapeChar)) return false;
  // The pieces' reading takes a carriage return for the start of \r\n: a lone one is read otherwise.
  for (let at = fullArgs.indexOf('\r'); at !== -1; at = fullArgs.indexOf('\r', at + 1)) if (fullArgs.charAt(at + 1) !== '\n') return false;
  for (let at = fullArgs.indexOf('${'); at !== -1; at = fullArgs.indexOf('${', at + 2)) {
    const close = fullArgs.indexOf('}', at + 2);
    if (close === -1 || WHITESPACE.test(fullArgs.substring(at + 2, close))) return false;
  }
  return true;
}

/** The pieces after the keyword: what getPropertyArguments returns. */
function pieces(source: Source, keyword: Range, range: Range, words: Word[]): Word[] {
  const { text, lines, escapeChar } = source;
  const args: Word[] = [];
  const nameEnd = lines.offsetAt(keyword.end);
  const fullArgs = text.substring(lines.offsetAt(range.start), lines.offsetAt(range.end)).substring(nameEnd - lines.offsetAt(keyword.start));
  if (piecesAreWords(fullArgs, escapeChar)) return words;
  const start = leadingNonWhitespace(fullArgs, escapeChar);
  if (start === -1) return args;
  const base = nameEnd + start;
  const fromLine = keyword.start.line;
  // An escaped newline was just read: whitespace does not end a piece then.
  let escaped = keyword.start.line !== lines.positionAt(base, fromLine).line;
  let endingEscape = false;
  // Where the escape character that started an escaped newline was.
  let mark = -1;
  const content = fullArgs.substring(start, trailingNonWhitespace(fullArgs, escapeChar) + 1);
  let argStart = escaped ? -1 : 0;
  let spaced = false;
  const piece = (from: number, to: number, valueEnd = to) => {
    args.push({ value: content.substring(from, valueEnd), range: { start: lines.positionAt(base + from, fromLine), end: lines.positionAt(base + to, fromLine) } });
  };
  argumentLoop: for (let i = 0; i < content.length; i++) {
    const char = content.charAt(i);
    if (char === escapeChar) {
      if (i + 1 === content.length) {
        endingEscape = true;
        break;
      }
      if (!escaped) mark = i;
      const next = content.charAt(i + 1);
      if (next === ' ' || next === '\t') {
        if (!isWhitespace(content.charAt(i + 2))) {
          i++;
          continue;
        }
        for (let j = i + 2; j < content.length; j++) {
          const c = content.charAt(j);
          if (c === '\r' || c === '\n') {
            escaped = true;
            i = c === '\r' ? j + 1 : j;
            continue argumentLoop;
          }
          if (c === ' ' || c === '\t') continue;
          // An escaped space not at the end of the line: it ends the piece.
          piece(argStart, i + 2, i);
          argStart = j;
          break;
        }
        i = argStart - 1;
      } else if (next === '\r' || next === '\n') {
        escaped = true;
        i += next === '\r' ? 2 : 1;
      } else {
        if (argStart === -1) argStart = i;
        if (next === escapeChar) i++;
      }
    } else if (char === '\'' || char === '"') {
      if (spaced) {
        if (argStart !== -1) piece(argStart, mark);
        argStart = i;
        spaced = false;
      }
      if (argStart === -1) argStart = i;
      for (let j = i + 1; j < content.length; j++) {
        const c = content.charAt(j);
        if (c === char) {
          // More after the closing quote: it is all one piece.
          if (content.charAt(j + 1) !== ' ' && content.charAt(j + 1) !== '') {
            i = j;
            continue argumentLoop;
          }
          piece(argStart, j + 1);
          i = j;
          argStart = -1;
          continue argumentLoop;
        } else if (c === escapeChar) {
          j++;
        }
      }
      break;
    } else if (char === ' ' || char === '\t') {
      if (escaped) {
        if (argStart !== -1) spaced = true;
      } else if (argStart !== -1) {
        piece(argStart, i);
        argStart = -1;
      }
    } else if (char === '\r' || char === '\n') {
      if (char === '\r') i++;
      spaced = false;
    } else if (char === '#') {
      if (escaped) {
        // A comment line inside the continuation.
        for (let j = i + 1; j < content.length; j++) {
          const c = content.charAt(j);
          if (c === '\r' || c === '\n') {
            i = c === '\r' ? j + 1 : j;
            spaced = false;
            continue argumentLoop;
          }
        }
        if (argStart !== -1) {
          piece(argStart, mark);
          argStart = -1;
        }
        break;
      } else if (argStart === -1) {
        argStart = i;
      }
    } else {
      if (spaced) {
        if (argStart !== -1) piece(argStart, mark);
        argStart = i;
        spaced = false;
      }
      escaped = false;
      if (argStart === -1) argStart = i;
      if (char === '$' && content.charAt(i + 1) === '{') {
        // A variable is one piece, spaces in its quoted default included.
        let singleQuotes = false;
        let doubleQuotes = false;
        let escapedVariable = false;
        for (let j = i + 1; j < content.length; j++) {
          const c = content.charAt(j);
          if (c === escapeChar) {
            escapedVariable = true;
          } else if (c === '\'') {
            singleQuotes = !singleQuotes;
            escapedVariable = false;
          } else if (c === '"') {
            doubleQuotes = !doubleQuotes;
            escapedVariable = false;
          } else if (c === ' ' || c === '\t') {
            if (escapedVariable || singleQuotes || doubleQuotes) continue;
            i = j - 1;
            continue argumentLoop;
          } else if (c === '}') {
            i = j;
            continue argumentLoop;
          } else if (c !== '\r' && c !== '\n') {
            escapedVariable = false;
          }
        }
        break;
      }
    }
  }
  if (argStart !== -1 && argStart !== content.length) piece(argStart, endingEscape ? content.length - 1 : content.length);
  return args;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** One property from its piece, and the piece holding its value in the `NAME value` form. */
function property(source: Source, arg: Word, valuePiece?: Word): PropertyNode {
  const { text, lines, escapeChar } = source;
  const argStart = lines.offsetAt(arg.range.start);
  const read = (r: Range) => propertyValue(text.substring(lines.offsetAt(r.start), lines.offsetAt(r.end)), escapeChar);
  let nameRange = arg.range;
  const equals = arg.value.indexOf('=');
  if (equals !== -1) {
    const initial = arg.value.charAt(0);
    const before = arg.value.charAt(equals - 1);
    // The name may be quoted ("NAME"=value) when the quote closes before the `=`.
    if ((initial === '"' && before === '"') || (initial === '\'' && before === '\'') || (initial !== '"' && initial !== '\'')) {
      nameRange = { start: arg.range.start, end: lines.positionAt(argStart + equals, arg.range.start.line) };
    }
  }
  const name = read(nameRange);
  if (valuePiece) {
    return { name, value: read(valuePiece.range), range: { start: nameRange.start, end: valuePiece.range.end }, nameRange };
  }
  if (sameRange(nameRange, arg.range)) return { name, value: null, range: arg.range, nameRange };
  const valueRange = {
    start: lines.positionAt(argStart + arg.value.indexOf('=') + 1, arg.range.start.line),
    end: lines.positionAt(lines.offsetAt(arg.range.end), arg.range.start.line),
  };
  return { name, value: read(valueRange), range: arg.range, nameRange };
}

/**
 * The properties of an ENV, ARG or LABEL whose keyword and whole instruction span these ranges;
 * `words` are its words (rawArguments), the pieces when whitespace alone separates them.
 */
export function readProperties(source: Source, keyword: Range, range: Range, words: Word[]): PropertyNode[] {
  const args = pieces(source, keyword, range, words);
  if (args.length === 0) return [];
  if (args.length === 1) return [property(source, args[0])];
  const legacy = args[0].value.indexOf('=') === -1;
  if (args.length === 2) return legacy ? [property(source, args[0], args[1])] : [property(source, args[0]), property(source, args[1])];
  if (!legacy) return args.map((a) => property(source, a));
  // `ENV NAME value with spaces`: everything after the name is its value.
  const valueRange = { start: args[1].range.start, end: args[args.length - 1].range.end };
  const value = source.text.substring(source.lines.offsetAt(valueRange.start), source.lines.offsetAt(valueRange.end));
  return [property(source, args[0], { value, range: valueRange })];
}
