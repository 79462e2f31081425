/**
 * .gitignore patterns (the subset git documents: *, ?, **, [classes], !negation, trailing / for
 * folders, a / anywhere but the end anchors to the .gitignore's folder). The walk asks per entry,
 * so an ignored folder is never opened.
 */
export interface IgnoreRule {
  /** Folder of the .gitignore, relative to the tree root ('' for the root). */
  base: string;
  matches(relative: string): boolean;
  negate: boolean;
  dirOnly: boolean;
}

export function parseGitignore(text: string, base: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.replace(/(?<!\\)\s+$/, '');
    if (!line || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1);
    if (line.startsWith('\\#') || line.startsWith('\\!')) line = line.slice(1);
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.slice(0, -1);
    if (!line) continue;
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    rules.push({ base, negate, dirOnly, matches: matcher(line, anchored) });
  }
  return rules;
}

/** Whether `path` (relative to the tree root) is ignored; the last matching rule wins, as in git. */
export function isIgnored(rules: readonly IgnoreRule[], path: string, isDir: boolean): boolean {
  let ignored = false;
  for (const rule of rules) {
    if (rule.dirOnly && !isDir) continue;
    if (rule.base && !path.startsWith(`${rule.base}/`)) continue;
    const relative = rule.base ? path.slice(rule.base.length + 1) : path;
    if (rule.matches(relative)) ignored = !rule.negate;
  }
  return ignored;
}

/**
 * The commonest patterns (`node_modules`, `*.pyc`) are checked as plain string tests: the walk
 * asks once per entry of every folder, so a regex per entry per rule shows in the profile.
 */
function matcher(glob: string, anchored: boolean): (relative: string) => boolean {
  if (!anchored && !/[*?[\\]/.test(glob)) return (path) => path === glob || path.endsWith(`/${glob}`);
  if (!anchored && /^\*[^*?[\\/]+$/.test(glob)) {
    const suffix = glob.slice(1);
    return (path) => path.endsWith(suffix);
  }
  const regex = new RegExp(anchored ? `^${globToRegex(glob)}$` : `^(?:.*/)?${globToRegex(glob)}$`);
  return (path) => regex.test(path);
}

function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atStart = i === 0 || glob[i - 1] === '/';
        const atEnd = i + 2 === glob.length || glob[i + 2] === '/';
        if (atStart && atEnd) {
          // `**/` matches zero or more folders, a trailing `/**` everything inside.
          out += i + 2 === glob.length ? '.*' : '(?:.*/)?';
          i += 2;
          continue;
        }
      }
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
      } else {
        const inner = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        out += `[${inner}]`;
        i = close;
      }
    } else if (c === '\\' && i + 1 < glob.length) {
      out += escapeRegex(glob[++i]);
    } else {
      out += escapeRegex(c);
    }
  }
  return out;
}

function escapeRegex(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}
