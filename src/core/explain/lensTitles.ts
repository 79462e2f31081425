/**
 * The few words a CodeLens shows above an instruction: what this line does here, e.g. "Install
 * dependencies — cached until requirements.txt changes". At most LENS_TITLE_MAX characters.
 */
import { INSTRUCTIONS, UNKNOWN_INSTRUCTION } from '../knowledge/instructions';
import { copiesContext, copySources, isDependencyFile, isInstall, type Analysis } from './analysis';
import { argsOf, commandsOf, subcommandOf, type Command } from './commandLine';
import type { InstructionNode } from '../dockerfile';
import { exposedPort } from './listenPort';
import { LENS_TITLE_MAX } from './types';

export function fit(title: string): string {
  return title.length <= LENS_TITLE_MAX ? title : `${title.slice(0, LENS_TITLE_MAX - 1).trimEnd()}…`;
}

/** `a`, `a and b`, `a, b and c`. */
export function list(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function fromTitle(a: Analysis, node: InstructionNode): string {
  const stage = a.model.stages[node.stage];
  if (!stage) return INSTRUCTIONS.FROM.lens;
  if (stage.parent !== null) return `Continue from stage ${a.model.stages[stage.parent].name ?? stage.parent}`;
  const image = stage.image?.resolved ?? '?';
  if (a.model.stages.length === 1) return `Start from ${image}`;
  if (stage.final) return `Final image, on ${image}`;
  return `${stage.name ? `Stage "${stage.name}"` : 'Build stage'} on ${image} (thrown away)`;
}

/** Whether the dependencies are already in place when the code is copied (installed above, or copied from a builder). */
export function codeComesLast(a: Analysis, node: InstructionNode): boolean {
  const before = a.model.stages[node.stage]?.instructions.filter((n) => n.index < node.index) ?? [];
  return before.some((n) => a.installInputs.has(n) || (n.keyword === 'COPY' && n.flags.some((f) => f.name === 'from')));
}

/** Whether a later instruction of the stage writes a layer (RUN, COPY, ADD) that a code edit also rebuilds. */
function layersAfter(a: Analysis, node: InstructionNode): boolean {
  return a.model.stages[node.stage]?.instructions.some((n) => n.index > node.index && ['RUN', 'COPY', 'ADD'].includes(n.keyword)) ?? false;
}

function copyTitle(a: Analysis, node: InstructionNode): string {
  const from = node.flags.find((f) => f.name === 'from')?.value;
  const sources = copySources(node);
  if (from) return `Take ${sources.join(', ')} from stage ${from}`;
  if (copiesContext(node)) {
    if (!codeComesLast(a, node)) return 'Copy the whole build context';
    return layersAfter(a, node) ? 'Copy the code after the install: edits rebuild from here' : 'Copy the code, last: edits rebuild only this layer';
  }
  if (sources.length && sources.every(isDependencyFile)) return `Copy ${list(sources)} before the code`;
  return `Copy ${list(sources)} into the image`;
}

function installTitle(a: Analysis, node: InstructionNode): string {
  const inputs = a.installInputs.get(node);
  if (inputs === 'context') return 'Install dependencies — reruns on every code change';
  if (inputs?.length) return `Install dependencies — cached until ${list(inputs)} change${inputs.length > 1 ? '' : 's'}`;
  return 'Install dependencies';
}

function commandTitle(command: Command): string | null {
  const args = argsOf(command);
  const sub = subcommandOf(command);
  const operands = () => args.filter((w) => !w.value.startsWith('-') && w.value !== sub).map((w) => w.value);
  switch (command.program) {
    case 'pip': return sub === 'install' ? `Install ${list(operands())} with pip` : null;
    case 'apt-get': case 'apt': return sub === 'install' ? `Install system packages: ${operands().join(', ')}` : sub === 'update' ? null : `apt-get ${sub ?? ''}`.trim();
    case 'apk': return sub === 'add' ? `Install system packages: ${operands().join(', ')}` : null;
    case 'useradd': case 'adduser': return `Create the unprivileged user ${args.filter((w) => !w.value.startsWith('-')).pop()?.value ?? ''}`.trim();
    case 'groupadd': case 'addgroup': return null;
    case 'venv': return `Create a virtualenv in ${args.find((w) => !w.value.startsWith('-'))?.value ?? 'a folder'}`;
    default: return null;
  }
}

function runTitle(a: Analysis, node: InstructionNode): string {
  const commands = commandsOf(node);
  if (commands.some(isInstall)) return installTitle(a, node);
  for (const command of commands) {
    const title = commandTitle(command);
    if (title !== null) return title;
  }
  return commands[0] ? `Run ${commands[0].words.slice(commands[0].at, commands[0].at + 3).map((w) => w.value).join(' ')}` : INSTRUCTIONS.RUN.lens;
}

function startTitle(a: Analysis, node: InstructionNode): string {
  if (!a.effective.has(node)) {
    const replacing = [...a.effective].find((n) => n.keyword === node.keyword);
    return replacing ? `Replaced by the ${node.keyword} on line ${replacing.range.start.line + 1}` : `${node.keyword} of a build stage (not run)`;
  }
  const start = a.start;
  if (start && (start.node === node || node.keyword === 'CMD')) {
    if (start.server === 'python') return `Start the app: python ${start.script?.value ?? ''}`.trim();
    const host = start.host === null ? '?' : start.host === '' ? '0.0.0.0' : start.host;
    const where = start.socket ? 'a Unix socket' : `${host}:${start.port ?? '?'}`;
    return `Start ${start.server} on ${where}${start.devFlags.length ? ' (development mode)' : ''}`;
  }
  return node.keyword === 'CMD' ? 'Default command when the container starts' : INSTRUCTIONS.ENTRYPOINT.lens;
}

function exposeTitle(a: Analysis, node: InstructionNode): string {
  const ports = node.words.map((w) => w.value);
  const listen = a.listen;
  if (!listen || !a.final?.instructions.includes(node)) return `Document port ${list(ports)}`;
  const matches = node.words.some((w) => exposedPort(w.value) === listen.port);
  const who = a.start && a.start.server !== 'python' ? a.start.server : 'the app';
  return matches ? `Document port ${listen.port}, where ${who} listens` : `Document port ${list(ports)} (the app listens on ${listen.port})`;
}

function envTitle(node: InstructionNode): string {
  const [only] = node.properties;
  if (node.properties.length === 1 && only.name === 'PYTHONUNBUFFERED' && only.value) return 'Unbuffered output: logs show up at once';
  const venv = node.properties.length === 1 && only.name === 'PATH' ? /^"?([^:"]+)\/bin:/.exec(only.value ?? '')?.[1] : undefined;
  if (venv) return `Put ${venv}/bin first in PATH: its python runs`;
  return `Set ${list(node.properties.map((p) => p.name))}`;
}

export function lensTitle(a: Analysis, node: InstructionNode): string {
  const names = () => node.properties.map((p) => p.name);
  switch (node.keyword) {
    case 'FROM': return fit(fromTitle(a, node));
    case 'COPY': case 'ADD': return fit(copyTitle(a, node));
    case 'RUN': return fit(runTitle(a, node));
    case 'CMD': case 'ENTRYPOINT': return fit(startTitle(a, node));
    case 'EXPOSE': return fit(exposeTitle(a, node));
    case 'WORKDIR': return fit(`Work in ${node.words[0]?.value ?? '?'} from here on`);
    case 'USER': return fit(/^(root|0)(:|$)/.test(node.words[0]?.value ?? '') ? 'Run as root from here on' : `Run as ${node.words[0]?.value ?? '?'}, not root`);
    case 'ENV': return fit(envTitle(node));
    case 'ARG': return fit(node.properties.length === 1 && node.properties[0].value !== null
      ? `Build argument ${node.properties[0].name} (default ${node.properties[0].value})` : `Build argument ${list(names())}`);
    case 'LABEL': return fit(`Label the image: ${list(names().map((n) => n.split('.').pop() ?? n))}`);
    case 'HEALTHCHECK': {
      if (node.words[0]?.value.toUpperCase() === 'NONE') return 'Turn off the base image\'s health check';
      const interval = node.flags.find((f) => f.name === 'interval')?.value ?? '30s';
      return fit(`Check the app's health every ${interval}`);
    }
    case 'STOPSIGNAL': return fit(`Stop with ${node.words[0]?.value ?? '?'} instead of SIGTERM`);
    case 'VOLUME': return fit(`Mount point for data: ${node.words.map((w) => w.value).join(', ')}`);
    case 'SHELL': return fit(`Run shell forms with ${node.words.map((w) => w.value).join(' ')}`);
    default: return fit((INSTRUCTIONS[node.keyword] ?? UNKNOWN_INSTRUCTION).lens);
  }
}
