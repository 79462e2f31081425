/**
 * Checks of how the final image starts the app: bind address, port, server installed, production
 * server, exec form, one CMD, unbuffered output, a healthcheck that can run.
 */
import { serverInstalled } from '../../knowledge/servers';
import { serverCommand } from '../../generate/serverCommand';
import { MESSAGES } from '../../knowledge/lintRules';
import { argsOf, commandsOf } from '../commandLine';
import { baseImageOf, inherited, stageEnv, type InstructionNode } from '../../dockerfile';
import { argumentsRange, deleteInstruction, deleteWord, insertAfter, insertAt, insertWordsAfter, replace, within } from '../edits';
import { appLocation, exposedPort } from '../listenPort';
import { isLoopback, startInstructions, type ServerStart } from '../serverStart';
import { finding, fix, type DockerfileCheck } from './finding';

function bindFix(start: ServerStart): ReturnType<typeof fix> | null {
  const node = start.node;
  if (start.bind) return fix(MESSAGES.bindAllFix, replace(within(start.bind.word, start.bind.offset, start.bind.value.length), `0.0.0.0:${start.port ?? 8000}`));
  if (start.hostGiven) return fix(MESSAGES.bindAllFix, replace(within(start.hostGiven.word, start.hostGiven.offset, start.hostGiven.value.length), '0.0.0.0'));
  if (start.server === 'gunicorn' || start.server === 'hypercorn') return fix(MESSAGES.bindAllFix, insertWordsAfter(node, start.serverWord, ['--bind', `0.0.0.0:${start.port ?? 8000}`]));
  const after = start.devFlags.find((w) => w.value === 'run' || w.value === 'dev') ?? start.serverWord;
  return fix(MESSAGES.bindAllFix, insertWordsAfter(node, after, ['--host', '0.0.0.0']));
}

const serverLoopback: DockerfileCheck = ({ context, start }) => {
  if (!start || start.socket) return [];
  if (start.server === 'python') {
    const app = context.app;
    if (!app?.host || !isLoopback(app.host) || !start.script) return [];
    const warning = app.warnings.find((w) => w.code === 'host-loopback');
    const where = warning?.file ? `${warning.file}${warning.line ? `:${warning.line}` : ''}` : appLocation(app);
    return [finding('serverLoopback', start.script.range, MESSAGES.sourceLoopback(app.host, where))];
  }
  if (start.host === null || !isLoopback(start.host)) return [];
  const given = start.bind ?? start.hostGiven;
  const range = given ? within(given.word, given.offset, given.value.length) : start.serverWord.range;
  return [finding('serverLoopback', range, MESSAGES.serverLoopback(start.server, start.host, Boolean(given)), bindFix(start))];
};

const exposeMismatch: DockerfileCheck = ({ model, final: stage, listen }) => {
  const expose = stage && inherited(model, stage).filter((i) => i.keyword === 'EXPOSE').pop();
  if (!expose || !listen) return [];
  const ports = expose.words.map((w) => exposedPort(w.value));
  if (ports.includes(listen.port) || ports.every((p) => p === null)) return [];
  const only = expose.words.length === 1 ? expose.words[0] : null;
  return [finding('exposeMismatch', expose.range, MESSAGES.exposeMismatch(expose.words.map((w) => w.value).join(' '), listen.why),
    only && fix(MESSAGES.exposeFix(listen.port), replace(only.range, String(listen.port))))];
};

/** `["a", "b"]`, spaced as people write it. */
function execForm(words: string[]): string {
  return JSON.stringify(words).replace(/","/g, '", "');
}

/** Words safe to put in JSON as they are: no quotes, variables, globs or shell operators. */
const PLAIN_WORD = /^[\w@%+=:,./-]+$/;

const shellForm: DockerfileCheck = ({ model, final: stage }) => {
  if (!stage) return [];
  const { cmd, entrypoint } = startInstructions(model, stage);
  return [entrypoint ?? cmd].filter((n): n is InstructionNode => !!n && !n.execForm && n.words.length > 0 && n.words[0].value !== 'exec')
    .map((node) => {
      const args = argumentsRange(node);
      const convertible = node.words.every((w) => PLAIN_WORD.test(w.value));
      const edit = !args ? null : convertible ? replace(args, execForm(node.words.map((w) => w.value))) : insertAt(args.start, 'exec ');
      return finding('shellForm', node.keywordRange, MESSAGES.shellForm(node.keyword), edit && fix(convertible ? MESSAGES.execFormFix : 'Start it with exec', edit));
    });
};

/** Whether some RUN of the file installs the package itself (`pip install gunicorn`). */
function installedByDockerfile(nodes: InstructionNode[], name: string): boolean {
  return nodes.filter((n) => n.keyword === 'RUN').flatMap(commandsOf)
    .some((c) => (c.program === 'pip' || c.program === 'uv') && c.words.some((w) => new RegExp(`^["']?${name}(\\[|[=<>~!]|["']?$)`, 'i').test(w.value)));
}

const serverNotInstalled: DockerfileCheck = ({ model, context, start }) => {
  const app = context.app;
  if (!app || !start || !['uvicorn', 'gunicorn', 'hypercorn'].includes(start.server)) return [];
  // The server the project itself runs (its Procfile, its own CMD) counts as declared.
  if (app.server === start.server || serverInstalled(start.server, app) || installedByDockerfile(model.instructions, start.server)) return [];
  const where = app.dependencyFiles.join(', ') || 'the project';
  return [finding('serverNotInstalled', start.serverWord.range, MESSAGES.serverNotInstalled(start.server, where))];
};

const devServer: DockerfileCheck = ({ context, start }) => {
  const flag = start?.devFlags[0];
  if (!start || !flag) return [];
  const node = start.node;
  const django = flag.value === 'runserver';
  const isCommand = flag.value === 'run' || flag.value === 'dev' || django;
  const what = django ? 'manage.py runserver' : isCommand ? `${start.server} ${flag.value}` : flag.value;
  const args = argumentsRange(node);
  let repair = null;
  if (!isCommand) repair = fix(MESSAGES.removeReloadFix(flag.value), deleteWord(node, flag));
  else if (start.server === 'fastapi') repair = fix('Use fastapi run', replace(flag.range, 'run'));
  else if (!django && context.app?.framework === 'flask' && node.keyword === 'CMD' && args) {
    repair = fix(MESSAGES.gunicornFix, replace(args, execForm(serverCommand({ ...context.app, server: 'gunicorn' }))));
  }
  return [finding('devServer', isCommand ? { start: start.serverWord.range.start, end: flag.range.end } : flag.range, MESSAGES.devServer(what), repair)];
};

const severalCmd: DockerfileCheck = ({ model }) => model.stages.flatMap((stage) => ['CMD', 'ENTRYPOINT'].flatMap((keyword) => {
  const nodes = stage.instructions.filter((i) => i.keyword === keyword);
  const last = nodes[nodes.length - 1];
  return nodes.slice(0, -1).map((node) => finding('severalCmd', node.keywordRange, MESSAGES.severalCmd(keyword, last.range.start.line + 1),
    fix(MESSAGES.removeLineFix, deleteInstruction(model, node))));
}));

const unbuffered: DockerfileCheck = ({ model, final: stage, start }) => {
  if (!stage) return [];
  const image = baseImageOf(model, stage);
  // The python image, an image whose name or tag carries Python (uv:python3.13-alpine), or one whose packages add it.
  const pythonImage = image?.repository === 'python' || /(^|\/)python/.test(image?.repository ?? '') || /python\d/.test(image?.tag ?? '')
    || inherited(model, stage).some((n) => n.keyword === 'RUN' && commandsOf(n).some((c) =>
      (c.program === 'apk' || c.program === 'apt-get' || c.program === 'apt') && argsOf(c).some((w) => /^(python3?|py3?-pip)$/.test(w.value))));
  if (!start && !pythonImage) return [];
  if (stageEnv(model, stage).get('PYTHONUNBUFFERED')) return [];
  if (start?.server === 'python' && start.command.words.some((w) => /^-\w*u\w*$/.test(w.value))) return [];
  return [finding('unbuffered', stage.from.keywordRange, MESSAGES.unbuffered, fix(MESSAGES.unbufferedFix, insertAfter(model, stage.from, 'ENV PYTHONUNBUFFERED=1')))];
};

const healthcheckTool: DockerfileCheck = ({ model, final: stage }) => {
  const image = stage && baseImageOf(model, stage);
  if (!stage || !image || image.repository !== 'python' || !image.tag) return [];
  const check = inherited(model, stage).filter((i) => i.keyword === 'HEALTHCHECK').pop();
  // HEALTHCHECK CMD ["curl", ...] reaches us as raw words: take the JSON punctuation off.
  const words = check?.words.slice(1).map((w) => ({ ...w, value: w.value.replace(/^\[?"?|"?,?\]?$/g, '') })) ?? [];
  const [command] = check ? commandsOf({ ...check, words, execForm: true }) : [];
  const tool = command?.program;
  if (!check || (tool !== 'curl' && tool !== 'wget')) return [];
  const has = /slim/.test(image.tag) ? [] : /alpine/.test(image.tag) ? ['wget'] : ['curl', 'wget'];
  const installed = inherited(model, stage).filter((n) => n.keyword === 'RUN').some((n) => n.words.some((w) => w.value === tool));
  if (has.includes(tool) || installed) return [];
  const url = command.words.map((w) => w.value.replace(/^["']|["']$/g, '')).find((w) => /^https?:\/\//.test(w));
  const replacement = url && `CMD ["python", "-c", ${JSON.stringify(`import urllib.request; urllib.request.urlopen('${url}', timeout=4)`)}]`;
  const edit = replacement && replace({ start: check.words[0].range.start, end: check.range.end }, replacement);
  return [finding('healthcheckTool', command.words[command.at].range, MESSAGES.healthcheckTool(tool, image.resolved), edit ? fix(MESSAGES.healthcheckPythonFix, edit) : null)];
};

export const SERVER_CHECKS: DockerfileCheck[] = [serverLoopback, exposeMismatch, shellForm, serverNotInstalled, devServer, severalCmd, unbuffered, healthcheckTool];

