/**
 * The TCP ports a Dockerfile's final image EXPOSEs, read with dockerfile-ast so continuation lines,
 * comments and escape directives are handled as Docker handles them.
 */
import { Arg, DockerfileParser, Env, From, type Instruction } from 'dockerfile-ast';

interface Stage {
  name: string | null;
  ports: number[];
  vars: Map<string, string>;
}

/** `$PORT`, `${PORT}`, `${PORT:-8000}`: enough for EXPOSE, which rarely holds more. */
function substitute(value: string, vars: Map<string, string>): string {
  return value.replace(/\$\{(\w+)(?::?-([^}]*))?\}|\$(\w+)/g, (_m, braced: string | undefined, fallback: string | undefined, bare: string | undefined) =>
    vars.get((braced ?? bare) as string) || (fallback ?? ''));
}

/** "8000", "8000/tcp", "8000-8010" (first of the range); UDP ports are not HTTP, so they are skipped. */
function tcpPort(spec: string): number | undefined {
  const match = /^(\d+)(?:-\d+)?(?:\/(tcp|udp|sctp))?$/i.exec(spec.trim());
  if (!match || (match[2] && match[2].toLowerCase() !== 'tcp')) return undefined;
  const port = Number(match[1]);
  return port > 0 && port < 65536 ? port : undefined;
}

function setVariables(instruction: Instruction, vars: Map<string, string>, globals: Map<string, string>): void {
  if (instruction instanceof Arg) {
    const property = instruction.getProperty();
    // An ARG without a value inside a stage takes the global default declared before the first FROM.
    if (property) vars.set(property.getName(), property.getValue() ?? globals.get(property.getName()) ?? '');
  } else if (instruction instanceof Env) {
    for (const property of instruction.getProperties()) vars.set(property.getName(), property.getValue() ?? '');
  }
}

/**
 * Ports of the last stage (the one `docker build` produces without --target), in order; a stage
 * built `FROM` an earlier stage inherits that stage's ports, as Docker does.
 */
export function exposedPorts(dockerfileText: string): number[] {
  const globals = new Map<string, string>();
  const stages: Stage[] = [];
  for (const instruction of DockerfileParser.parse(dockerfileText).getInstructions()) {
    const stage = stages[stages.length - 1];
    if (instruction instanceof From) {
      const base = instruction.getImage();
      const parent = stages.find((s) => s.name !== null && s.name === base?.toLowerCase());
      stages.push({
        name: instruction.getBuildStage()?.toLowerCase() ?? null,
        ports: parent ? [...parent.ports] : [],
        vars: new Map(parent?.vars ?? []),
      });
    } else if (!stage) {
      setVariables(instruction, globals, globals);
    } else if (instruction.getKeyword() === 'EXPOSE') {
      for (const argument of instruction.getArguments()) {
        const port = tcpPort(substitute(argument.getValue(), stage.vars));
        if (port !== undefined && !stage.ports.includes(port)) stage.ports.push(port);
      }
    } else {
      setVariables(instruction, stage.vars, globals);
    }
  }
  return stages[stages.length - 1]?.ports ?? [];
}
