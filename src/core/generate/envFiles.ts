/**
 * The three small files around the environment: `.env.example` (tracked: every variable the app
 * reads, what it is for, no secret values), the local `.env` (untracked: the secrets compose
 * interpolates, generated at random) and the `.gitignore` line that keeps `.env` out of version
 * control. Existing files are never replaced: what they lack is appended, and what they hold stays.
 */
import type { AppEnvironment } from './environment';

/** The .env.example text: each variable with where the app reads it and what compose gives it. */
export function envExampleText(env: AppEnvironment, appName: string): string {
  const lines = [
    `# Environment of ${appName}. Copy to .env and fill in (Containerize creates .env with random secrets).`,
    '# compose.yaml reads .env; never commit .env.',
  ];
  const locals = new Map(env.local.map((v) => [v.name, v]));
  for (const v of env.local) {
    if (env.documented.some((d) => d.variable.name === v.name)) continue;
    lines.push('', `# ${v.name}: ${v.note}.`, `${v.name}=`);
  }
  for (const { variable, setting } of env.documented) {
    const what = [variable.required ? 'required' : 'optional', variable.secret ? 'secret' : null, variable.purpose.replace(/-/g, ' ')]
      .filter(Boolean).join(', ');
    lines.push('', `# ${variable.name} (${what}), read at ${variable.file}:${variable.line}.`);
    if (locals.has(variable.name)) lines.push(`${variable.name}=`);
    else if (setting) lines.push(`# compose.yaml sets it: ${setting.note}.`, `# ${variable.name}=${variable.secret ? '' : setting.value}`);
    else lines.push(`# ${variable.name}=`);
  }
  return `${lines.join('\n')}\n`;
}

/** The local .env text for the variables compose needs; `random` makes each secret. */
export function localEnvText(env: AppEnvironment, random: () => string): string {
  const lines = ['# Local settings for docker compose: not committed, not copied into the image.'];
  for (const v of env.local) {
    lines.push(`# ${v.note}`, `${v.name}=${v.value === 'random' ? random() : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

const NAME = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/;
/** Names a dotenv text assigns, also the commented-out `# NAME=` lines of an example. */
function assigned(text: string, commented: boolean): Set<string> {
  const names = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const m = NAME.exec(commented ? line.replace(/^\s*#\s?/, '') : line);
    if (m) names.add(m[1]);
  }
  return names;
}

/**
 * An env file with the variables of `proposed` that `current` lacks appended, each with the comment
 * lines just above it; the current values are kept as they are.
 */
export function mergeEnvFile(current: string, proposed: string, commented = false): string {
  const have = assigned(current, commented);
  const blocks: string[][] = [];
  let pending: string[] = [];
  for (const line of proposed.split(/\r?\n/)) {
    const m = NAME.exec(commented ? line.replace(/^\s*#\s?/, '') : line);
    const isComment = /^\s*#/.test(line) && !(commented && m);
    if (m && !isComment) {
      if (!have.has(m[1])) blocks.push([...pending, line]);
      pending = [];
    } else if (line.trim() === '') pending = [];
    else pending.push(line);
  }
  if (!blocks.length) return current;
  const sep = current === '' || current.endsWith('\n') ? '' : '\n';
  return `${current}${sep}\n${blocks.map((b) => b.join('\n')).join('\n\n')}\n`;
}

/** Whether a .gitignore already keeps a root `.env` out of version control. */
export function ignoresEnv(gitignore: string): boolean {
  let ignored = false;
  for (const raw of gitignore.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    const pattern = (negated ? line.slice(1) : line).replace(/^\//, '').replace(/^\*\*\//, '');
    if (['.env', '.env*', '*.env', '.env/', '.*'].includes(pattern)) ignored = !negated;
  }
  return ignored;
}

/** The .gitignore with `.env` added when it does not already ignore it. */
export function gitignoreWithEnv(current: string | null): string {
  if (current !== null && ignoresEnv(current)) return current;
  const base = current ?? '';
  const sep = base === '' || base.endsWith('\n') ? '' : '\n';
  return `${base}${sep}${base ? '\n' : ''}# Local secrets for docker compose (Dockwright)\n.env\n`;
}
