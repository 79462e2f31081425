/**
 * ARG and ENV: what `$VAR` means where. Docker substitutes variables in most instructions at build
 * time with the ARGs the stage declared (an ARG without a value takes the default declared before
 * the first FROM) and the ENVs it set or inherited; the running container sees only the ENVs.
 */
import type { DockerfileModel, InstructionNode, Stage } from './model';
import { inherited } from './stages';

const VARIABLE = /\$\{(\w+)(?::?[-+]([^}]*))?\}|\$(\w+)/g;

/** `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}` with the values known; unknown ones stay as written. */
export function substitute(value: string, vars: ReadonlyMap<string, string>): string {
  if (!value.includes('$')) return value;
  return value.replace(VARIABLE, (whole, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare) as string;
    return vars.get(name) || fallback || (vars.has(name) ? '' : whole);
  });
}

/** The ENV values a stage sees (its own and inherited), later ones winning: the container's environment. */
export function stageEnv(model: DockerfileModel, stage: Stage): Map<string, string> {
  const env = new Map<string, string>();
  for (const node of inherited(model, stage)) {
    if (node.keyword === 'ENV') for (const p of node.properties) env.set(p.name, p.value ?? '');
  }
  return env;
}

/**
 * Walks a stage's instructions (inherited ones first) with the build-time variables each one sees,
 * before its own ARG or ENV takes effect.
 */
export function withBuildVariables(model: DockerfileModel, stage: Stage, visit: (node: InstructionNode, vars: ReadonlyMap<string, string>) => void): void {
  const vars = new Map<string, string>();
  for (const node of inherited(model, stage)) {
    visit(node, vars);
    if (node.keyword === 'ARG') for (const p of node.properties) vars.set(p.name, p.value ?? model.globalArgs.get(p.name) ?? '');
    else if (node.keyword === 'ENV') for (const p of node.properties) vars.set(p.name, p.value ?? '');
  }
}
