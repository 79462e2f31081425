/**
 * Checks of how the image is built: layer order, caches and package lists left behind, the base
 * image, the user, ADD, WORKDIR and deprecated instructions. Size rules look only at stages that
 * end up in the final image: a builder stage's leftovers are thrown away with it.
 */
import { DEFAULT_OPTIONS } from '../../generate/options';
import { MESSAGES } from '../../knowledge/lintRules';
import { copiesContext, isInstall, type Analysis } from '../analysis';
import { argsOf, commandsOf, hasOption, subcommandOf, unquote, type Command } from '../commandLine';
import { baseImageOf, inherited, instructionText, stageChain, stageEnv, substitute, type DockerfileModel, type ImageRef, type InstructionNode, type Stage, type Word } from '../../dockerfile';
import { deleteInstruction, insertAfter, insertAt, insertBefore, insertWordsAfter, replace } from '../edits';
import { finding, fix, type DockerfileCheck } from './finding';

/** The files an install reads, to copy before it: `-r requirements.txt`, uv.lock, poetry.lock, Pipfile.lock. */
function dependencyFiles(command: Command, contextFiles: string[] | null): string[] | null {
  const args = argsOf(command);
  const has = (name: string) => contextFiles === null || contextFiles.includes(name);
  switch (command.program) {
    case 'pip': {
      const files = args.filter((_, i) => ['-r', '--requirement'].includes(args[i - 1]?.value ?? '')).map((w) => w.value);
      const local = args.some((w) => w.value === '.' || w.value.startsWith('./') || w.value === '-e');
      return local ? null : files;
    }
    case 'uv': return ['pyproject.toml', ...(has('uv.lock') ? ['uv.lock'] : [])];
    case 'poetry': return ['pyproject.toml', ...(has('poetry.lock') ? ['poetry.lock'] : [])];
    case 'pipenv': return ['Pipfile', ...(has('Pipfile.lock') ? ['Pipfile.lock'] : [])];
    case 'pdm': return ['pyproject.toml', ...(has('pdm.lock') ? ['pdm.lock'] : [])];
    default: return null;
  }
}

/**
 * Whether each install after the code was already run, with the files it reads, before the code
 * came in: uv's `uv sync --no-install-project` on bind-mounted lock files, then `COPY . .`, then
 * `uv sync` for the project itself. The second install finds its dependencies in place.
 */
function installedBefore(a: Analysis, copy: InstructionNode, commands: Command[], needed: (string[] | null)[]): boolean {
  const bare = (path: string) => path.replace(/^\.\//, '');
  const earlier = [...a.installInputs].flatMap(([run, inputs]) =>
    run.stage === copy.stage && run.index < copy.index && Array.isArray(inputs) ? [{ run, inputs: inputs.map(bare) }] : []);
  return commands.every((command, i) => {
    const files = needed[i];
    return files !== null && files.length > 0 && earlier.some(({ run, inputs }) => files.every((f) => inputs.includes(bare(f)))
      && commandsOf(run).some((c) => isInstall(c) && c.program === command.program));
  });
}

const copyBeforeInstall: DockerfileCheck = (a) => a.model.stages.flatMap((stage) => {
  const { model, context } = a;
  const copy = stage.instructions.find(copiesContext);
  if (!copy) return [];
  const install = stage.instructions.filter((n) => n.keyword === 'RUN' && n.index > copy.index)
    .map((node) => ({ node, commands: commandsOf(node).filter(isInstall) })).find((x) => x.commands.length);
  if (!install) return [];
  // Every install of that RUN must be able to run on its own files; a local package (`pip install .`) cannot.
  const needed = install.commands.map((c) => dependencyFiles(c, context.buildContext?.files ?? null));
  if (installedBefore(a, copy, install.commands, needed)) return [];
  const files = needed.includes(null) ? null : [...new Set(needed.flat() as string[])];
  const destination = copy.words[copy.words.length - 1]?.value ?? '.';
  const into = destination === '.' ? './' : destination.endsWith('/') ? destination : `${destination}/`;
  const text = instructionText(model, copy);
  const flags = copy.flags.map((f) => `--${f.name}${f.value === null ? '' : `=${f.value}`} `).join('');
  const repair = files && fix(
    files.length ? MESSAGES.copyBeforeInstallFix(files.join(', ')) : 'Copy the code after the install',
    files.length ? replace({ start: copy.keywordRange.start, end: copy.range.end }, `COPY ${flags}${files.join(' ')} ${into}`) : deleteInstruction(model, copy),
    insertAfter(model, install.node, text),
  );
  const [first] = install.commands;
  const shown = first.words.slice(first.at, first.at + 2).map((w) => w.value).join(' ');
  return [finding('copyBeforeInstall', copy.range, MESSAGES.copyBeforeInstall(text, shown), repair)];
});

function shippingRuns(stages: Stage[]): InstructionNode[] {
  return stages.filter((s) => s.ships).flatMap((s) => s.instructions).filter((n) => n.keyword === 'RUN');
}

/**
 * A tool's download cache (`pip`, `uv`, `pypoetry` under ~/.cache): as a mount target, for root
 * (`/root/.cache/pip`) or any user, or the whole `.cache` above it; as a path `rm` removes, root's
 * (`/root/.cache/pip`, `~/.cache`, `$HOME/.cache/pip/*`).
 */
function cachePaths(folder: string) {
  return {
    target: new RegExp(`(^|/)\\.cache(/${folder})?/?$`),
    removed: new RegExp(`^(~|/root|\\$HOME|\\$\\{HOME\\})/\\.cache(/${folder})?/?\\*?$`),
  };
}
const PIP_CACHE = cachePaths('pip');

/** A cache or tmpfs mount on the cache keeps it out of the layer; a mount elsewhere does not. */
export function cacheMounted(node: InstructionNode, target: RegExp): boolean {
  return node.flags.some((f) => f.name === 'mount' && f.options.some((o) => o.name === 'type' && (o.value === 'cache' || o.value === 'tmpfs'))
    && f.options.some((o) => ['target', 'dst', 'destination'].includes(o.name) && target.test(o.value ?? '')));
}

/** The value the last `PIP_NO_CACHE_DIR=…` among words assigns (`VAR=x cmd`, `export VAR=x`). */
function noCacheAssigned(words: Word[]): string | undefined {
  let value: string | undefined;
  for (const word of words) if (word.value.startsWith('PIP_NO_CACHE_DIR=')) value = unquote(word.value.slice('PIP_NO_CACHE_DIR='.length));
  return value;
}

/**
 * `--no-cache-dir` as pip reads it: optparse takes any unambiguous prefix of a long option, and
 * `--no-ca` is the shortest (`--no-c` could be `--no-color`, `--no-compile` or `--no-clean`).
 */
function noCacheDir(args: Word[]): boolean {
  return args.some((w) => {
    const option = w.value.split('=')[0];
    return option.length >= '--no-ca'.length && '--no-cache-dir'.startsWith(option);
  });
}

/** Whether a later command of the same RUN removes the cache, so the layer does not keep it. */
function cacheRemovedAfter(commands: Command[], index: number, removed: RegExp): boolean {
  return commands.slice(index + 1).some((c) => c.program === 'rm' && argsOf(c).some((w) => removed.test(w.value)));
}

const pipCache: DockerfileCheck = ({ model }) => {
  const findings = [];
  const noCacheEnv = new Map<number, string | undefined>();
  for (const node of shippingRuns(model.stages)) {
    if (!noCacheEnv.has(node.stage)) noCacheEnv.set(node.stage, stageEnv(model, model.stages[node.stage]).get('PIP_NO_CACHE_DIR'));
    if (cacheMounted(node, PIP_CACHE.target)) continue;
    // As the shell passes it to pip: the stage's ENV, then an `export` earlier in this RUN, then `VAR=x pip …`.
    let exported = noCacheEnv.get(node.stage);
    const commands = commandsOf(node);
    for (const [index, command] of commands.entries()) {
      if (command.program === 'export') exported = noCacheAssigned(argsOf(command)) ?? exported;
      const env = noCacheAssigned(command.words.slice(0, command.at)) ?? exported;
      // pip turns its cache off for any value of PIP_NO_CACHE_DIR, `off` and `false` included.
      if (env || command.program !== 'pip' || subcommandOf(command) !== 'install'
        || noCacheDir(argsOf(command)) || cacheRemovedAfter(commands, index, PIP_CACHE.removed)) continue;
      const install = argsOf(command).find((w) => w.value === 'install');
      if (install) findings.push(finding('pipCache', { start: command.words[command.at].range.start, end: install.range.end }, MESSAGES.pipCache,
        fix(MESSAGES.pipCacheFix, insertWordsAfter(node, install, ['--no-cache-dir']))));
    }
    findings.push(...toolCaches(node, commands, stageEnv(model, model.stages[node.stage])));
  }
  return findings;
};

/** uv and Poetry keep their own download caches, under ~/.cache/uv and ~/.cache/pypoetry. */
const TOOL_CACHES: Record<string, { subcommands: string[]; folder: string; env: string; options: string[] }> = {
  uv: { subcommands: ['sync', 'pip'], folder: 'uv', env: 'UV_NO_CACHE', options: ['--no-cache', '-n'] },
  // Poetry's -n is --no-interaction.
  poetry: { subcommands: ['install'], folder: 'pypoetry', env: 'POETRY_NO_CACHE', options: ['--no-cache'] },
};

function toolCaches(node: InstructionNode, commands: Command[], env: ReadonlyMap<string, string>): ReturnType<typeof finding>[] {
  return commands.flatMap((command, index) => {
    const tool = TOOL_CACHES[command.program];
    const sub = tool && subcommandOf(command);
    if (!tool || !sub || !tool.subcommands.includes(sub)) return [];
    if (command.program === 'uv' && sub === 'pip' && !argsOf(command).some((w) => w.value === 'install')) return [];
    const cache = cachePaths(tool.folder);
    const assigned = command.words.slice(0, command.at).some((w) => w.value.startsWith(`${tool.env}=`));
    if (cacheMounted(node, cache.target) || assigned || env.has(tool.env) || cacheRemovedAfter(commands, index, cache.removed)
      || hasOption(argsOf(command), tool.options)) return [];
    const word = argsOf(command).find((w) => w.value === sub) as Word;
    return [finding('pipCache', { start: command.words[command.at].range.start, end: word.range.end }, MESSAGES.toolCache(command.program, `~/.cache/${tool.folder}`),
      fix(MESSAGES.noCacheFix, insertWordsAfter(node, word, ['--no-cache'])))];
  });
}

const DEBIAN_LIKE = /^(python|debian|ubuntu|buildpack-deps)$/;

const rootUser: DockerfileCheck = ({ model, final: stage }) => {
  if (!stage) return [];
  // An explicit USER root is caught on any base; only the advice to add a user needs to know the base.
  const user = inherited(model, stage).filter((n) => n.keyword === 'USER').pop();
  if (user) {
    const name = user.words[0]?.value.split(':')[0];
    return name === 'root' || name === '0' ? [finding('rootUser', user.range, MESSAGES.rootUser)] : [];
  }
  const image = baseImageOf(model, stage);
  if (!image || image.repository === 'scratch') return [];
  const alpine = image.repository === 'alpine' || /alpine/.test(image.tag ?? '');
  const tail = stage.instructions.find((n) => ['EXPOSE', 'HEALTHCHECK', 'CMD', 'ENTRYPOINT'].includes(n.keyword)
    && !stage.instructions.some((m) => m.index > n.index && ['RUN', 'COPY', 'ADD'].includes(m.keyword)));
  const lines = `${alpine ? 'RUN adduser -D app' : 'RUN useradd --create-home app'}\nUSER app`;
  const edit = !alpine && !DEBIAN_LIKE.test(image.repository) ? null
    : tail ? insertBefore(model, tail, lines) : insertAfter(model, stage.instructions[stage.instructions.length - 1], lines);
  return [finding('rootUser', stage.from.keywordRange, MESSAGES.noUser, edit && fix(MESSAGES.noUserFix, edit), 'info')];
};

/** A python tag with no minor version: `3`, `3-slim`, `slim`, `alpine`, `bookworm` (group 2: the variant). */
const PYTHON_FLOATING = /^(?:(\d+)(?:-|$))?((?:slim|alpine|bookworm|bullseye|trixie|buster)[\w.-]*)?$/;

/**
 * `ARG BASE` then `FROM ${BASE}`: a variable with no value before the first FROM is given by the
 * build (`--build-arg`), so the file does not say the image or its tag.
 */
function givenAtBuild(model: DockerfileModel, image: ImageRef): boolean {
  const known = new Map([...model.globalArgs].filter(([, value]) => value));
  return substitute(image.written, known).includes('$');
}

const unpinnedImage: DockerfileCheck = ({ model, context }) => model.stages.flatMap((stage) => {
  const image = stage.image;
  if (!image || image.digest || image.repository === 'scratch' || givenAtBuild(model, image)) return [];
  const version = context.app?.pythonVersion ?? DEFAULT_OPTIONS.defaultPythonVersion;
  // python:3, python:slim, python:3-alpine: a tag without the minor version moves to each new Python.
  const floating = image.repository === 'python' && image.tag ? PYTHON_FLOATING.exec(image.tag) : null;
  if (floating && image.tagRange) {
    const pinned = `${version}${floating[2] ? `-${floating[2]}` : ''}`;
    return [finding('unpinnedImage', image.range, MESSAGES.floatingTag(image.written),
      fix(MESSAGES.pinFix(`python:${pinned}`), replace(image.tagRange, pinned)))];
  }
  if (image.tag && image.tag !== 'latest') return [];
  const better = image.repository === 'python' ? `python:${version}${stage.final ? '-slim' : ''}` : null;
  return [finding('unpinnedImage', image.range, image.tag ? MESSAGES.latest(image.written) : MESSAGES.untagged(image.written),
    better ? fix(MESSAGES.pinFix(better), replace(image.range, image.written.replace(/^((?:[^/]+\/)*)python(:latest)?$/i, `$1${better}`))) : null)];
});

const FULL_TAG = /^(\d+(?:\.\d+){0,2})(-(?:bookworm|bullseye|trixie|buster))?$/;

const fullImage: DockerfileCheck = ({ model, final: stage, context }) => {
  const image = stage && baseImageOf(model, stage);
  if (!image || image.repository !== 'python' || image.digest || image.resolved.includes('$')) return [];
  // No tag (or latest) is the full image too; DW105's fix pins it to the slim tag.
  if (!image.tag || image.tag === 'latest') {
    const slim = `python:${context.app?.pythonVersion ?? DEFAULT_OPTIONS.defaultPythonVersion}-slim`;
    return [finding('fullImage', image.range, MESSAGES.fullImage(image.resolved, slim), null)];
  }
  if (!FULL_TAG.test(image.tag) || !image.tagRange) return [];
  const slimTag = image.tag.replace(FULL_TAG, '$1-slim$2');
  const written = image.written.slice(image.written.lastIndexOf(':') + 1);
  const newTag = /-(bookworm|bullseye|trixie|buster)$/.test(written) ? written.replace(/-(bookworm|bullseye|trixie|buster)$/, '-slim-$1') : `${written}-slim`;
  return [finding('fullImage', image.range, MESSAGES.fullImage(image.resolved, `python:${slimTag}`),
    fix(MESSAGES.slimFix(`python:${slimTag}`), replace(image.tagRange, newTag)))];
};

/** apt-get options whose value is the next word (`-o Dpkg::Options::=--force-confnew install`). */
const APT_VALUE_OPTIONS = new Set(['-o', '--option', '-c', '--config-file', '-t', '--target-release', '--default-release', '-a', '--host-architecture']);

/** What apt-get, apt or aptitude is asked to do, past the options before it; null for other programs. */
function aptSubcommand(command: Command): string | null {
  if (command.program !== 'apt-get' && command.program !== 'apt' && command.program !== 'aptitude') return null;
  const args = argsOf(command);
  for (let i = 0; i < args.length; i++) {
    if (APT_VALUE_OPTIONS.has(args[i].value)) i++;
    else if (!args[i].value.startsWith('-')) return args[i].value;
  }
  return null;
}

/** apt's false, as its configuration reads a boolean. */
const RECOMMENDS_OFF = /^APT::Install-Recommends=(0|no|false|off|without|disable)$/i;

/** `--no-install-recommends`, or the same setting given as `-o APT::Install-Recommends=false`. */
function recommendsOff(args: Word[]): boolean {
  if (hasOption(args, ['--no-install-recommends'])) return true;
  // The setting is the word after `-o`, or glued to it (`-oAPT::…`, `--option=APT::…`).
  return args.some((w, i) => RECOMMENDS_OFF.test(APT_VALUE_OPTIONS.has(args[i - 1]?.value ?? '') ? w.value : w.value.replace(/^(-o=?|--option=)/, '')));
}

function listsRemoved(node: InstructionNode, commands: Command[]): boolean {
  return commands.some((c) => c.program === 'rm' && c.words.some((w) => w.value.includes('/var/lib/apt/lists')))
    || cacheMounted(node, /^\/var\/lib\/apt/);
}

/** `RUN apt-get update` without an install: its lists stay in the layer, and the cached layer goes stale. */
function updateAlone(node: InstructionNode, commands: Command[]) {
  return commands.some((c) => aptSubcommand(c) === 'update') && !listsRemoved(node, commands) ? [finding('aptLists', node.keywordRange, MESSAGES.aptUpdateAlone)] : [];
}

/** An Alpine base has no apt at all: advice about apt's options or lists would miss the real problem. */
function onAlpine(model: Parameters<DockerfileCheck>[0]['model'], node: InstructionNode): boolean {
  const image = baseImageOf(model, model.stages[node.stage]);
  return !!image && (image.repository === 'alpine' || /(^|-)alpine/.test(image.tag ?? ''));
}

const apt: DockerfileCheck = ({ model }) => shippingRuns(model.stages).flatMap((node) => {
  if (onAlpine(model, node)) return [];
  const commands = commandsOf(node);
  const installs = commands.filter((c) => aptSubcommand(c) === 'install');
  if (!installs.length) return updateAlone(node, commands);
  const out = [];
  // aptitude fills the same lists, but its own option for recommends is --without-recommends.
  for (const command of installs.filter((c) => c.program !== 'aptitude')) {
    const install = argsOf(command).find((w) => w.value === 'install');
    if (install && !recommendsOff(argsOf(command))) {
      out.push(finding('aptRecommends', { start: command.words[command.at].range.start, end: install.range.end }, MESSAGES.aptRecommends,
        fix(MESSAGES.aptRecommendsFix, insertWordsAfter(node, install, ['--no-install-recommends']))));
    }
  }
  if (!listsRemoved(node, commands)) {
    const edit = node.execForm || node.words[0]?.value.startsWith('<<') ? null : insertAt(node.range.end, ' \\\n    && rm -rf /var/lib/apt/lists/*');
    out.push(finding('aptLists', node.keywordRange, MESSAGES.aptLists, edit && fix(MESSAGES.aptListsFix, edit)));
  }
  return out;
});

/**
 * Files ADD may unpack: Docker looks at the content (a tar, plain or compressed with gzip, bzip2, xz
 * or zstd), so a compressed file whatever its inner name may be an archive that COPY would not unpack.
 */
const ARCHIVE = /\.(tar|gz|tgz|bz2|tbz2?|xz|txz|zst|tzst)$/i;

/** A path as Docker reads it from ADD or COPY: shell quotes removed (`"$DIR"/x` is `$DIR/x`). */
function shellPath(value: string): string {
  return value.replace(/(["'])(.*?)\1/g, '$2');
}

const addLocal: DockerfileCheck = ({ model }) => model.instructions
  .filter((n) => n.keyword === 'ADD' && n.words.length > 1 && n.words.slice(0, -1).map((w) => shellPath(w.value)).every((p) => !/^(https?:|git@)/.test(p) && !ARCHIVE.test(p)))
  .map((n) => finding('addLocal', n.keywordRange, MESSAGES.addLocal, fix(MESSAGES.addFix, replace(n.keywordRange, 'COPY'))));

const NO_WORKDIR_IMAGES = /^(python|debian|ubuntu|alpine)$/;

const noWorkdir: DockerfileCheck = ({ model }) => model.stages.filter((s) => s.ships).flatMap((stage) => {
  const chain = stageChain(model, stage);
  if (!NO_WORKDIR_IMAGES.test(chain[0]?.image?.repository ?? '')) return [];
  const nodes = chain.flatMap((s) => s.instructions);
  const copy = nodes.find((n) => (n.keyword === 'COPY' || n.keyword === 'ADD') && !/^[/$]/.test(shellPath(n.words[n.words.length - 1]?.value ?? '/')));
  if (!copy || copy.stage !== stage.index || nodes.some((n) => n.keyword === 'WORKDIR' && n.index < copy.index)) return [];
  return [finding('noWorkdir', copy.range, MESSAGES.noWorkdir, fix(MESSAGES.workdirFix, insertAfter(model, chain[0].from, 'WORKDIR /app')))];
});

const maintainer: DockerfileCheck = ({ model }) => model.instructions.filter((n) => n.keyword === 'MAINTAINER').map((n) => {
  const who = n.words.map((w) => w.value).join(' ');
  return finding('maintainer', n.keywordRange, MESSAGES.maintainer,
    fix(MESSAGES.maintainerFix, replace(n.range, `LABEL org.opencontainers.image.authors=${JSON.stringify(who)}`)));
});

export const IMAGE_CHECKS: DockerfileCheck[] = [copyBeforeInstall, pipCache, rootUser, unpinnedImage, fullImage, apt, addLocal, noWorkdir, maintainer];
