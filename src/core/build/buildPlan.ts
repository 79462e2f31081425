/**
 * A docker build, described as data. The docker adapter carries it out through the docker CLI
 * (so BuildKit, contexts and credentials work as in the user's terminal); a dry run prints it.
 */
export interface BuildPlan {
  /** Build context directory (absolute). */
  context: string;
  /** Dockerfile path, absolute or relative to the context; default <context>/Dockerfile. */
  dockerfile?: string;
  tags: string[];
  labels?: Record<string, string>;
  /** Build-time network: 'none' keeps RUN steps off the network. */
  network?: 'default' | 'none' | 'host';
  noCache?: boolean;
  target?: string;
  buildArgs?: Record<string, string>;
}

/** The docker CLI arguments for a plan (without the executable). */
export function buildArguments(plan: BuildPlan): string[] {
  const args = ['build', '--progress', 'plain'];
  if (plan.dockerfile) args.push('--file', plan.dockerfile);
  for (const tag of plan.tags) args.push('--tag', tag);
  for (const [key, value] of Object.entries(plan.labels ?? {})) args.push('--label', `${key}=${value}`);
  for (const [key, value] of Object.entries(plan.buildArgs ?? {})) args.push('--build-arg', `${key}=${value}`);
  if (plan.network && plan.network !== 'default') args.push('--network', plan.network);
  if (plan.noCache) args.push('--no-cache');
  if (plan.target) args.push('--target', plan.target);
  args.push(plan.context);
  return args;
}

/** A shell-safe rendering of the command, for logs and dry runs. */
export function renderCommand(executable: string, args: readonly string[]): string {
  const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return [executable, ...args].map(quote).join(' ');
}
