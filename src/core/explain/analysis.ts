/**
 * Facts about a whole Dockerfile that explanations of single lines need (how the image starts,
 * which files each install depends on), computed once per file rather than once per line.
 */
import { argsOf, commandsOf, hasOption, subcommandOf, type Command } from './commandLine';
import { finalStage, type DockerfileModel, type InstructionNode, type Stage } from '../dockerfile';
import { listenPort, type ListenPort } from './listenPort';
import { serverStart, startInstructions, type ServerStart } from './serverStart';
import type { ExplainContext } from './types';

const DEPENDENCY_FILE = /(^|\/)(requirements[^/]*\.txt|pyproject\.toml|uv\.lock|poetry\.lock|pdm\.lock|Pipfile(\.lock)?|setup\.(py|cfg))$/;
const INSTALLERS = new Map([['pip', ['install']], ['uv', ['sync', 'pip']], ['poetry', ['install']], ['pipenv', ['install', 'sync']], ['pdm', ['install', 'sync']]]);

export interface Analysis {
  model: DockerfileModel;
  context: ExplainContext;
  final: Stage | undefined;
  start: ServerStart | null;
  listen: ListenPort | null;
  /** The CMD and ENTRYPOINT that take effect in the final image. */
  effective: Set<InstructionNode>;
  /** For each install RUN: the dependency files copied before it in its stage, or 'context' after COPY . . */
  installInputs: Map<InstructionNode, string[] | 'context'>;
}

export function isDependencyFile(path: string): boolean {
  return DEPENDENCY_FILE.test(path.replace(/^\.\//, ''));
}

export function isInstall(command: Command): boolean {
  // `pip install --no-deps .` installs the project alone once its code is in: no dependency comes with it.
  if (command.program === 'pip' && hasOption(argsOf(command), ['--no-deps'])) return false;
  return INSTALLERS.get(command.program)?.includes(subcommandOf(command) ?? '') ?? false;
}

function fromStage(node: InstructionNode): boolean {
  for (const flag of node.flags) if (flag.name === 'from') return true;
  return false;
}

/** COPY or ADD of the whole build context (`COPY . .`, `COPY ./ /app`), not from another stage. */
export function copiesContext(node: InstructionNode): boolean {
  if ((node.keyword !== 'COPY' && node.keyword !== 'ADD') || fromStage(node)) return false;
  // Every word but the last, the destination.
  for (let i = 0; i < node.words.length - 1; i++) if (node.words[i].value === '.' || node.words[i].value === './') return true;
  return false;
}

export function copySources(node: InstructionNode): string[] {
  return node.words.slice(0, -1).map((w) => w.value);
}

/**
 * Dependency files a RUN reads through a bind mount of the build context
 * (`--mount=type=bind,source=uv.lock,target=uv.lock`): as good as copied first, without a layer.
 */
function boundDependencyFiles(node: InstructionNode): string[] {
  const files: string[] = [];
  for (const flag of node.flags) {
    if (flag.name !== 'mount') continue;
    const option = (name: string) => flag.options.find((o) => o.name === name)?.value ?? null;
    // bind is the default type; `from=` mounts another stage or image, not the build context.
    if ((option('type') ?? 'bind') !== 'bind' || option('from') !== null) continue;
    const source = option('source') ?? option('src');
    if (source && isDependencyFile(source)) files.push(source);
  }
  return files;
}

function installInputs(model: DockerfileModel): Map<InstructionNode, string[] | 'context'> {
  const inputs = new Map<InstructionNode, string[] | 'context'>();
  for (const stage of model.stages) {
    let files: string[] = [];
    let context = false;
    for (const node of stage.instructions) {
      if ((node.keyword === 'COPY' || node.keyword === 'ADD') && !fromStage(node)) {
        if (copiesContext(node)) context = true;
        else for (const source of copySources(node)) if (isDependencyFile(source) && !files.includes(source)) files.push(source);
      } else if (node.keyword === 'RUN' && commandsOf(node).some(isInstall)) {
        const bound = boundDependencyFiles(node).filter((f) => !files.includes(f));
        inputs.set(node, context ? 'context' : [...files, ...bound]);
        files = [];
      }
    }
  }
  return inputs;
}

export function analyze(model: DockerfileModel, context: ExplainContext = {}): Analysis {
  const final = finalStage(model);
  const start = final ? serverStart(model, final) : null;
  const effective = new Set<InstructionNode>();
  if (final) {
    const { cmd, entrypoint } = startInstructions(model, final);
    if (cmd) effective.add(cmd);
    if (entrypoint) effective.add(entrypoint);
  }
  return {
    model, context, final, effective,
    start,
    listen: final ? listenPort(start, context.app) : null,
    installInputs: installInputs(model),
  };
}
