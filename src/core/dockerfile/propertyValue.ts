/**
 * A property's name or value as Docker sets it, read as dockerfile-ast's Property getValue reads it:
 * surrounding quotes dropped, escapes resolved, escaped newlines and comment lines inside the
 * continuation left out. Most values have none of these and come back as written.
 */

/** The first character that is not whitespace or an escaped newline; -1 when none (or an escape is followed by anything else). */
export function leadingNonWhitespace(content: string, escapeChar: string): number {
  for (let i = 0; i < content.length; i++) {
    const char = content.charAt(i);
    if (char === ' ' || char === '\t') continue;
    if (char !== escapeChar) return i;
    let next = -1;
    for (let j = i + 1; j < content.length && next === -1; j++) {
      const c = content.charAt(j);
      if (c === '\r') next = j + 1;
      else if (c === '\n') next = j;
      else if (c !== ' ' && c !== '\t') return -1;
    }
    if (next === -1) return -1;
    i = next;
  }
  return -1;
}

export function propertyValue(raw: string, escapeChar: string): string {
  const skip = leadingNonWhitespace(raw, escapeChar);
  // After an escaped newline, a comment line.
  let escaped = skip !== 0 && raw.charAt(skip) === '#';
  let value = raw.substring(skip);
  const first = value.charAt(0);
  const last = value.charAt(value.length - 1);
  const literal = first === '\'' || first === '"';
  const inSingle = first === '\'' && last === '\'';
  let inDouble = false;
  if (first === '"') {
    for (let i = 1; i < value.length; i++) {
      if (value.charAt(i) === escapeChar) i++;
      else if (value.charAt(i) === '"' && i === value.length - 1) inDouble = true;
    }
  }
  if (inSingle || inDouble) value = value.substring(1, value.length - 1);
  if (!escaped && !value.includes(escapeChar) && !value.includes('\n') && !value.includes('\r') && !value.includes('#')) return value;
  // Where whitespace after an escaped newline started: dropped if a newline or a comment follows.
  let commentCheck = -1;
  let escapedValue = '';
  parseValue: for (let i = 0; i < value.length; i++) {
    const char = value.charAt(i);
    if (char === escapeChar) {
      if (i + 1 === value.length) {
        escapedValue += escapeChar;
        break;
      }
      const next = value.charAt(i + 1);
      if (next === ' ' || next === '\t') {
        for (let j = i + 2; j < value.length; j++) {
          const after = value.charAt(j);
          if (after === ' ' || after === '\t') continue;
          if (after === '\r' || after === '\n') {
            escaped = true;
            i = after === '\r' ? j + 1 : j;
            continue parseValue;
          }
          if (!inDouble && !inSingle && !literal) {
            if (after === escapeChar) {
              escapedValue += next;
              i++;
            } else {
              escapedValue += next + after;
              i = j;
            }
            continue parseValue;
          }
          break;
        }
      }
      if (next === '\r') {
        escaped = true;
        i += 2;
      } else if (next === '\n') {
        escaped = true;
        i++;
      } else if (inSingle || (literal && !inDouble)) {
        escapedValue += escapeChar;
      } else if (inDouble) {
        if (next === escapeChar) i++;
        if (next !== '"') escapedValue += escapeChar;
      } else if (next === escapeChar) {
        escapedValue += escapeChar;
        i++;
      } else {
        escapedValue += next;
        i++;
      }
    } else if (char === ' ' || char === '\t') {
      if (escaped && commentCheck === -1) commentCheck = i;
      escapedValue += char;
    } else if (char === '\r' || char === '\n') {
      if (char === '\r') i++;
      if (escaped && commentCheck !== -1) {
        escapedValue = escapedValue.substring(0, escapedValue.length - (i - commentCheck - 1));
        commentCheck = -1;
      }
    } else if (char === '#' && escaped) {
      if (commentCheck !== -1) {
        escapedValue = escapedValue.substring(0, escapedValue.length - (i - commentCheck));
        commentCheck = -1;
      }
      for (let j = i + 1; j < value.length; j++) {
        const c = value.charAt(j);
        if (c === '\r' || c === '\n') {
          i = c === '\r' ? j + 1 : j;
          break;
        }
      }
    } else {
      if (escaped) {
        escaped = false;
        commentCheck = -1;
      }
      escapedValue += char;
    }
  }
  return escapedValue;
}
