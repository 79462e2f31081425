/**
 * The full explanation of one instruction: what it does in general, why it is here for this app,
 * and what each flag, command, image tag and variable in it means.
 */
import { ENV_VARS } from '../knowledge/envVars';
import { FLAGS, flagKnowledge } from '../knowledge/flags';
import { IMAGES, tagParts } from '../knowledge/images';
import { INSTRUCTIONS, UNKNOWN_INSTRUCTION } from '../knowledge/instructions';
import { REFERENCE } from '../knowledge/references';
import { commandKnowledge, flagName } from '../knowledge/shellCommands';
import { analyze, copiesContext, isInstall, type Analysis } from './analysis';
import { argsOf, commandsOf, hasOption, programName, subcommandOf } from './commandLine';
import { instructionText, stageEnv, type DockerfileModel, type InstructionNode } from '../dockerfile';
import { dockerignoreNotes } from './dockerignoreNotes';
import { instructionExample } from './examples';
import { codeComesLast, lensTitle } from './lensTitles';
import { appLocation, appPortSource } from './listenPort';
import type { ServerStart } from './serverStart';
import type { ExplainContext, InstructionExplanation } from './types';
import type { AppFacts } from '../detect/types';

type Part = InstructionExplanation['parts'][number];

function flagParts(node: InstructionNode): Part[] {
  return node.flags.flatMap((f) => {
    const k = flagKnowledge(node.keyword, f.name, f.options);
    return k ? [{ label: `--${f.name}${f.name === 'mount' ? `=type=${f.options.find((o) => o.name === 'type')?.value ?? 'bind'}` : ''}`, text: k.text }] : [];
  });
}

/** Each command in a RUN or CMD, and the flags of it that the knowledge explains. */
function commandParts(node: InstructionNode): Part[] {
  const parts: Part[] = [];
  const seen = new Set<string>();
  for (const command of commandsOf(node)) {
    const sub = subcommandOf(command);
    const knowledge = commandKnowledge(command.program, sub);
    if (!knowledge) continue;
    const label = knowledge === commandKnowledge(command.program, null) ? command.program : `${command.program} ${sub}`;
    if (!seen.has(label)) parts.push({ label, text: knowledge.text });
    seen.add(label);
    for (const arg of argsOf(command)) {
      const name = arg.value.startsWith('-') ? flagName(arg.value) : '';
      const text = name && knowledge.flags?.[name];
      if (text && !seen.has(`${label} ${name}`)) {
        parts.push({ label: `${name}`, text });
        seen.add(`${label} ${name}`);
      }
    }
  }
  return parts;
}

function imageParts(a: Analysis, node: InstructionNode): Part[] {
  const stage = a.model.stages[node.stage];
  const image = stage?.image;
  if (!image) return [];
  const known = IMAGES[image.repository];
  const parts: Part[] = known ? [{ label: image.repository, text: known.text }] : [];
  const tags = tagParts(image.repository, image.tag, image.digest);
  if (tags.length) parts.push({ label: image.tag ? `:${image.tag}` : 'no tag', text: tags.join(' ') });
  return parts;
}

function variableParts(node: InstructionNode): Part[] {
  return node.properties.filter((p) => ENV_VARS[p.name]).map((p) => ({ label: p.name, text: ENV_VARS[p.name] }));
}

function fromContext(a: Analysis, node: InstructionNode): string[] {
  const stage = a.model.stages[node.stage];
  const app = a.context.app;
  if (!stage) return [];
  const out: string[] = [];
  if (a.model.stages.length > 1) {
    out.push(stage.final ? 'This is the last stage: the image you run is what this stage ends with.'
      : 'Nothing from this stage reaches the final image, except what a later stage copies out of it with --from.');
  }
  const version = /^(\d+\.\d+)/.exec(stage.image?.tag ?? '')?.[1];
  if (app?.pythonVersion && version && stage.image?.repository === 'python') {
    out.push(version === app.pythonVersion ? `Python ${version} is the version the project declares.`
      : `The project declares Python ${app.pythonVersion}, but this image has Python ${version}.`);
  }
  return out;
}

function copyContext(a: Analysis, node: InstructionNode): string[] {
  if (copiesContext(node)) {
    return [codeComesLast(a, node)
      ? 'It comes after the dependency install, so editing code rebuilds only this layer and the ones after it.'
      : 'It copies everything the build context holds; .dockerignore decides what stays out.', ...dockerignoreNotes(a.context.buildContext)];
  }
  const install = [...a.installInputs].find(([run, inputs]) => run.stage === node.stage && run.index > node.index && Array.isArray(inputs)
    && node.words.slice(0, -1).some((w) => inputs.includes(w.value)));
  return install ? [`Copied before the code, so a code change doesn't reinstall dependencies: the install on line ${install[0].range.start.line + 1} stays cached until these files change.`] : [];
}

/** Whether the server is the process the exec form starts (itself, or through `python -m`), not a wrapper's child. */
function serverIsPid1(start: ServerStart, node: InstructionNode): boolean {
  if (!node.execForm || start.node !== node) return false;
  const first = programName(start.command.words[0]?.value ?? '');
  return first === start.server || (first === 'python' && start.command.at > 0);
}

/**
 * Whether the start command serves the detected app: it names its entry, module or file, or (for
 * `flask run`) FLASK_APP does, or neither does and Flask finds app.py or wsgi.py by itself.
 */
function namesApp(a: Analysis, start: ServerStart, app: AppFacts): boolean {
  const names = new Set([app.entry, app.entry.replace(/\(\)$/, ''), app.module]);
  const values = argsOf(start.command).map((w) => w.value.replace(/^--app=/, ''));
  const flaskApp = start.server === 'flask' && a.final ? stageEnv(a.model, a.final).get('FLASK_APP') : undefined;
  if (flaskApp) values.push(flaskApp);
  else if (start.server === 'flask' && !hasOption(argsOf(start.command), ['--app', '-A'])) return app.module === 'app' || app.module === 'wsgi';
  return values.map((v) => v.replace(/^\.\//, '')).some((v) => names.has(v) || (v.endsWith('.py') && (app.file === v || app.file.endsWith(`/${v}`))));
}

function startContext(a: Analysis, node: InstructionNode): string[] {
  const start = a.start;
  const app = a.context.app;
  if (!a.effective.has(node) || !start) return [];
  const out: string[] = [];
  if (start.host === '0.0.0.0' || start.host === '') out.push('0.0.0.0 because 127.0.0.1 inside a container is unreachable from the host: a published port arrives on the container\'s network interface.');
  if (serverIsPid1(start, node)) out.push(`Exec form: ${start.server} runs as PID 1 and receives SIGTERM from docker stop, so it can finish requests and exit cleanly.`);
  if (app?.file && namesApp(a, start, app)) out.push(`Serves ${app.entry}, the ${app.framework === 'fastapi' ? 'FastAPI' : 'Flask'} app found in ${appLocation(app)}.`);
  return out;
}

function exposeContext(a: Analysis): string[] {
  const listen = a.listen;
  if (!listen) return [];
  const out = [`Port ${listen.port} is the one that matters: ${listen.why}.`];
  const app = a.context.app;
  const source = app && appPortSource(app);
  if (app && source && source !== 'the Dockerfile' && !listen.why.includes(source)) {
    out.push(app.port === listen.port ? `Port ${app.port} is also where the app listens, per ${source}.`
      : `The app itself asks for port ${app.port}, per ${source}, but in the container the server's own port setting wins.`);
  }
  return out;
}

function runContext(a: Analysis, node: InstructionNode): string[] {
  const inputs = a.installInputs.get(node);
  if (!commandsOf(node).some(isInstall) || inputs === undefined) return [];
  if (inputs === 'context') return ['It runs after the whole code was copied: any code change invalidates this layer and reinstalls everything.'];
  return inputs.length ? [`Docker reuses this layer from its cache until ${inputs.join(', ')} change${inputs.length > 1 ? '' : 's'}.`] : [];
}

/** The next instruction with the same keyword in the stage: where what this one set stops. */
function nextOfKind(a: Analysis, node: InstructionNode): InstructionNode | undefined {
  return a.model.stages[node.stage]?.instructions.find((n) => n.index > node.index && n.keyword === node.keyword);
}

function until(next: InstructionNode | undefined): string {
  return next ? ` (until the ${next.keyword} on line ${next.range.start.line + 1})` : '';
}

function userContext(a: Analysis, node: InstructionNode): string[] {
  const next = nextOfKind(a, node);
  const runsApp = !next && a.final?.instructions.includes(node) === true;
  if (/^(root|0)(:|$)/.test(node.words[0]?.value ?? '')) return [`Everything after this line${until(next)}${runsApp ? ', and the running app,' : ''} runs as root.`];
  return [`Everything after this line${until(next)}${runsApp ? ', and the running app,' : ''} has only this user's rights.`];
}

function workdirContext(a: Analysis, node: InstructionNode): string[] {
  const folder = node.words[0]?.value ?? 'it';
  const relative = folder.startsWith('/') || folder.startsWith('$') ? '' : ', inside the folder the WORKDIR before it set';
  return [`Relative paths in the COPY, RUN and CMD lines below${until(nextOfKind(a, node))} are relative to ${folder}${relative}.`];
}

function contextOf(a: Analysis, node: InstructionNode): string[] {
  switch (node.keyword) {
    case 'FROM': return fromContext(a, node);
    case 'COPY': case 'ADD': return copyContext(a, node);
    case 'RUN': return runContext(a, node);
    case 'CMD': case 'ENTRYPOINT': return startContext(a, node);
    case 'EXPOSE': return exposeContext(a);
    case 'USER': return userContext(a, node);
    case 'WORKDIR': return workdirContext(a, node);
    default: return [];
  }
}

function partsOf(a: Analysis, node: InstructionNode): Part[] {
  switch (node.keyword) {
    case 'FROM': return [...flagParts(node), ...imageParts(a, node)];
    case 'RUN': case 'CMD': case 'ENTRYPOINT': case 'HEALTHCHECK': return [...flagParts(node), ...commandParts(node)];
    case 'ENV': case 'ARG': return variableParts(node);
    default: return flagParts(node);
  }
}

export function explainInstructionIn(a: Analysis, node: InstructionNode): InstructionExplanation {
  const knowledge = INSTRUCTIONS[node.keyword] ?? UNKNOWN_INSTRUCTION;
  const asAs = node.keyword === 'FROM' && a.model.stages[node.stage]?.name ? [{ label: 'AS', text: FLAGS['FROM AS'].text }] : [];
  return {
    index: node.index, range: node.range, keyword: node.keyword, text: instructionText(a.model, node),
    title: lensTitle(a, node), summary: knowledge.summary, context: contextOf(a, node),
    parts: [...partsOf(a, node), ...asAs], example: instructionExample(a, node),
    reference: INSTRUCTIONS[node.keyword] ? REFERENCE.instruction(node.keyword) : REFERENCE.dockerfile,
  };
}

/** Every instruction of the file, explained. */
export function explainDockerfile(model: DockerfileModel, context: ExplainContext = {}): InstructionExplanation[] {
  const a = analyze(model, context);
  return model.instructions.map((node) => explainInstructionIn(a, node));
}
