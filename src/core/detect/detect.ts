import { describeApp, ownsFile, Projects } from './appFacts';
import { findApps } from './apps';
import { buildSteps } from './buildSteps';
import { chooseServedApps } from './entryChoice';
import { readEnvironment } from './environment';
import { ModuleIndex } from './modules';
import { dirname, displayFolder } from './paths';
import { ProjectFiles } from './projectFiles';
import { ENV_MARKERS } from './python/envReads';
import type { ModuleFacts } from './python/moduleFacts';
import { loadPythonParser } from './python/parser';
import { DEFAULT_MAX_FILE_BYTES } from './readText';
import { readRunConfig, type RunConfig } from './runConfig';
import { describeRuntime } from './runtimeNeeds';
import { sortServices } from './services';
import { mayUseService, servicesFromEnvironment, servicesInUse } from './serviceUse';
import type { AppFacts, DetectOptions, DetectResult, DetectWarning, EnvVar, FileView, PlainScript, UnsupportedApp } from './types';
import { unsupportedMessage } from './unsupported';
import { walkTree } from './walk';
import { WARNING, sortWarnings, warning } from './warnings';
import { findWorkers } from './workers';
import { writablePaths } from './writablePaths';

/**
 * Only modules that name an app class (building an app means writing `FastAPI`, `Flask`, …, if
 * only in an import), name a framework detection recognizes, or have a main guard are worth a
 * syntax tree. This is a cheap substring test that chooses what to parse, not a reading of
 * Python: the parse decides. Routers and blueprints (`from fastapi import APIRouter`) pass it by.
 */
const WORTH_PARSING = ['FastAPI', 'Flask', 'Celery', '__main__', 'django', 'Starlette', 'Quart', 'Sanic', 'Litestar',
  'Bottle', 'falcon', 'aiohttp', 'tornado'];
/** What else makes a module worth a syntax tree: it writes files or declares a worker (services: serviceUse.ts). */
const MAY_WRITE_OR_WORK = /sqlite:|makedirs|mkdir|FileHandler|basicConfig|UPLOAD_|MEDIA_|instance_|dramatiq|beat_schedule|add_periodic_task|CELERYBEAT/;
/**
 * The app and environment words, files and workers in one pass over a module's text instead of a
 * search per word (most modules have none of them). The URL marker and the driver imports
 * (mayUseService) are tested apart: words of five letters or more let the regex engine skip ahead
 * through the text, and the three-character `://` among them made the whole test about three
 * times slower (bench/detect.ts).
 */
const WORTH_A_LOOK = new RegExp([...WORTH_PARSING, ...ENV_MARKERS, MAY_WRITE_OR_WORK.source].join('|'));
/** Test modules build throwaway apps (`app = FastAPI()` for a router's tests); they are never the app to ship. */
const TEST_MODULE = /(^|\/)(tests?\/|test_[^/]*\.py$|[^/]*_test\.py$|conftest\.py$)/;

/** TEST_MODULE, with the substring every such path has tested first (most paths have none). */
export function isTestModule(path: string): boolean {
  return path.includes('test') && TEST_MODULE.test(path);
}
/** Reads in flight at once: enough to overlap I/O, few enough for any file-descriptor limit. */
const READ_CONCURRENCY = 64;

/** Finds every FastAPI/Flask app in a tree and the facts a Dockerfile needs about each. */
export async function detect(view: FileView, options: DetectOptions): Promise<DetectResult> {
  const clock = options.now ?? (() => Date.now());
  const started = clock();
  const walk = await walkTree(view);
  const files = new ProjectFiles(view, walk, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  const index = new ModuleIndex(files, () => loadPythonParser(options.loadGrammar));

  const unparsed = new Map<string, string>();
  const modules = files.endingWith('.py').filter((f) => !isTestModule(f));
  await forEachText(files, modules, (file, text) => {
    // Modules that read the environment are parsed too: what the app needs to start is in them.
    if (WORTH_A_LOOK.test(text) || mayUseService(text)) return index.factsOf(file);
    unparsed.set(file, text);
    return undefined;
  });
  // `app = create_app()` need not mention a framework: parse the modules that name a factory.
  const factoryNames = new Set((await index.parsedModules()).flatMap(([, facts]) => facts.factories.map((f) => f.name)));
  if (factoryNames.size) {
    await Promise.all([...unparsed].filter(([, text]) => [...factoryNames].some((name) => text.includes(name)))
      .map(([file]) => index.factsOf(file)));
  }

  const findings = await findApps(index);
  const configs = new Map<string, RunConfig>();
  for (const root of new Set(findings.apps.map((a) => index.projectRoot(a.file)))) configs.set(root, await readRunConfig(files, root));
  const served = await chooseServedApps(findings.apps, index, configs);
  const roots = [...new Set(served.apps.map((a) => index.projectRoot(a.candidate.file)))];
  const parsed = await index.parsedModules();
  const projects = new Projects(files, async (root) => configs.get(root) ?? readRunConfig(files, root));
  const apps: AppFacts[] = [];
  const environments = new Map<string, Promise<EnvVar[]>>();
  for (const { candidate, entryAs, entrySource, server: runServer } of served.apps) {
    const root = index.projectRoot(candidate.file);
    const project = await projects.get(root);
    const owns = (file: string) => ownsFile(root, roots, file);
    const own = parsed.filter(([file]) => owns(file));
    const warnings: DetectWarning[] = [];
    const workers = findWorkers(own, index, findings, project.dependencies.requirements, configs.get(root)?.commands ?? [], warnings);
    const app = describeApp(candidate, project, index, {
      entryAs, entrySource, runServer, workers, warnings, services: servicesInUse(own, project.dependencies.requirements),
      writablePaths: writablePaths(root, own, workers), buildSteps: await buildSteps(files, root, warnings),
    });
    if (!environments.has(root)) environments.set(root, readEnvironment(parsed, owns, index, files, root));
    app.env = await (environments.get(root) as Promise<EnvVar[]>);
    app.services = sortServices([...app.services, ...servicesFromEnvironment(app.env)]);
    apps.push(app);
  }
  markSeveralApps(apps);
  for (const app of apps) app.frontendFolders = frontendFolders(files, app.root, roots);

  // A Starlette sub-app mounted in a FastAPI project is part of that app, not another project.
  const unsupported = unsupportedApps(findings.unsupported.map((u) => ({ ...u, root: index.projectRoot(u.file) }))
    .filter((u) => !roots.includes(u.root)));
  const claimed = new Set([...roots, ...unsupported.map((u) => (u.root === '.' ? '' : u.root))]);
  const scripts = findings.scripts.filter((file) => !claimed.has(index.projectRoot(file)));
  const plainScripts = apps.length ? [] : await findPlainScripts(index, unparsed, scripts, claimed, projects);

  const loose = assignWarnings([...walk.warnings, ...files.warnings], apps, roots, index);
  return {
    root: options.root,
    apps: apps.map((app) => ({ ...app, warnings: sortWarnings(app.warnings) })),
    unsupported,
    scripts,
    plainScripts,
    notApps: served.notApps,
    warnings: sortWarnings(loose),
    stats: { filesScanned: walk.files.length, filesParsed: index.parsed, ms: Math.round(clock() - started) },
  };
}

/**
 * With no app found, the programs a person runs with `python <file>`: modules with a main guard,
 * and modules at the top of a project that do their work at import time (a script with no guard).
 */
async function findPlainScripts(index: ModuleIndex, unparsed: Map<string, string>, scripts: string[], claimed: Set<string>,
  projects: Projects): Promise<PlainScript[]> {
  const topLevel = (file: string) => dirname(file) === index.projectRoot(file) && !claimed.has(index.projectRoot(file));
  await Promise.all([...unparsed.keys()].filter(topLevel).map((file) => index.factsOf(file)));
  const runs = (file: string, facts: ModuleFacts) => scripts.includes(file)
    || (topLevel(file) && facts.use.topLevelWork && !facts.hasMainGuard && !/(^|\/)(setup|conftest|noxfile|fabfile)\.py$/.test(file));
  const found = (await index.parsedModules()).filter(([file, facts]) => runs(file, facts));
  return Promise.all(found.map(async ([file]): Promise<PlainScript> => {
    const root = index.projectRoot(file);
    const { dependencies, needs } = await projects.get(root);
    // The project's Python, read as for an app (a plain script carries no warnings).
    const { pythonVersion } = describeRuntime(needs, dependencies, root, []);
    return {
      file, command: `python ${file.slice(root.length).replace(/^\//, '')}`, root: displayFolder(root), pythonVersion,
      packageManager: dependencies.packageManager, dependencyFiles: dependencies.dependencyFiles, localDependencies: dependencies.localDependencies,
    };
  }));
}

/** Top-level folders of an app's root with a package.json and no .py file (nor another app's root). */
function frontendFolders(files: ProjectFiles, root: string, roots: string[]): string[] {
  const prefix = root === '.' ? '' : `${root}/`;
  const otherRoots = new Set(roots.filter((r) => r !== root));
  const folders = files.endingWith('/package.json').filter((f) => f.startsWith(prefix))
    .map((f) => f.slice(prefix.length)).filter((rest) => rest.indexOf('/') === rest.length - '/package.json'.length)
    .map((rest) => rest.slice(0, rest.indexOf('/')));
  const python = files.endingWith('.py');
  return [...new Set(folders)].filter((folder) => !otherRoots.has(`${prefix}${folder}`) && !python.some((f) => f.startsWith(`${prefix}${folder}/`))).sort();
}

function markSeveralApps(apps: AppFacts[]): void {
  const byRoot = new Map<string, AppFacts[]>();
  for (const app of apps) byRoot.set(app.root, [...(byRoot.get(app.root) ?? []), app]);
  for (const [root, list] of byRoot) {
    if (list.length < 2) continue;
    const entries = list.map((a) => a.entry).join(', ');
    for (const app of list) {
      app.warnings.push(warning(WARNING.severalApps,
        `${root} holds ${list.length} apps (${entries}); each needs its own container, so say which one to containerize.`, app.file, app.line));
    }
  }
}

function unsupportedApps(found: { framework: string; root: string }[]): UnsupportedApp[] {
  const seen = new Map<string, UnsupportedApp>();
  for (const { framework, root } of found) {
    const key = `${framework}\0${root}`;
    if (!seen.has(key)) seen.set(key, { framework, root: displayFolder(root), message: unsupportedMessage(framework, displayFolder(root)) });
  }
  return [...seen.values()].sort((a, b) => a.root.localeCompare(b.root) || a.framework.localeCompare(b.framework));
}

/** File warnings go to the app whose project holds the file; the rest are the tree's own. */
function assignWarnings(list: DetectWarning[], apps: AppFacts[], roots: string[], index: ModuleIndex): DetectWarning[] {
  const loose: DetectWarning[] = [];
  for (const w of list) {
    const root = w.file === null ? null : roots.find((r) => ownsFile(r, roots, w.file as string));
    const owners = root === undefined || root === null ? [] : apps.filter((a) => index.projectRoot(a.file) === root);
    if (owners.length) for (const app of owners) app.warnings.push(w);
    else loose.push(w);
  }
  return loose;
}

/**
 * Reads `paths`, READ_CONCURRENCY at a time, and hands each readable text to `use`. A view that
 * reads at once is read without a promise per file, and only a promise `use` returns is awaited:
 * most modules need nothing more, and each await is garbage to collect.
 */
async function forEachText(files: ProjectFiles, paths: readonly string[], use: (file: string, text: string) => Promise<unknown> | undefined): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < paths.length) {
      const file = paths[next++];
      let text = files.textNow(file);
      if (text === undefined) text = await files.text(file);
      const more = text === null ? undefined : use(file, text);
      if (more) await more;
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, paths.length) }, lane));
}
