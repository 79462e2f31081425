import * as vscode from 'vscode';
import { appsAtPath } from '../core/detect/appsAtPath';
import type { AppFacts, DetectResult, DetectWarning, PlainScript } from '../core/detect/types';
import { compareWithExisting, contentFor, plannedFiles, type FileChange, type FileDecision } from '../core/generate/writePlan';
import { describeRefused, refusedTargets, type RefusedTarget } from '../core/generate/writeTargets';
import { COMMANDS, CONTEXT } from '../shared/ids';
import { vscodeWriteTargets } from '../workspace/vscodeWriteTargets';
import { clickedPath } from './clickedPath';
import type { DetectionService } from './detectionService';
import { PreviewDocuments } from './preview';
import { chooseScript, scriptsAtPath } from './scriptChoice';

/** For keybindings, automation and tests: answers to the questions the command would ask. */
export interface ContainerizeOptions {
  /** The app's root (relative to the detected folder) when several are found. */
  app?: string;
  /** With no app found: the plain script to containerize (its file, relative to the detected folder). */
  script?: string;
  /** Per file path: what to do with an existing file that differs. */
  decisions?: Record<string, FileDecision>;
  /** Write without the final confirmation. */
  confirm?: boolean;
  multiStage?: boolean;
  /** Write the Kubernetes manifests (k8s/) from the same plan, instead of the Docker files. */
  kubernetes?: boolean;
}

export interface ContainerizeResult {
  /** What was containerized: an app, or with no app found, a plain script. */
  app?: AppFacts;
  script?: PlainScript;
  folder: string;
  decisions: Record<string, FileDecision>;
  written: string[];
  /** Files that are links or lead outside the folder: when there is any, nothing was written. */
  refused?: RefusedTarget[];
}

/** What the last containerize changed, so one command can put every byte back. */
interface Snapshot {
  files: { uri: vscode.Uri; before: Uint8Array | null }[];
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

const LABELS: Record<FileDecision, string> = {
  create: 'Create', unchanged: 'Unchanged', replace: 'Replace', merge: 'Merge', keep: 'Keep',
};
const DESCRIPTIONS: Partial<Record<FileDecision, string>> = {
  replace: 'write the generated file instead of yours',
  merge: 'keep your lines, append the missing ones under a comment',
  keep: 'leave your file as it is',
};

async function readIfExists(uri: vscode.Uri): Promise<Uint8Array | null> {
  try {
    return await vscode.workspace.fs.readFile(uri);
  } catch (err) {
    if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') return null;
    throw err;
  }
}

interface Target {
  /** The folder detection reads. */
  folder: vscode.Uri;
  /** What was clicked, relative to that folder ('' for the folder itself). */
  within: string;
}

async function targetFor(uri: vscode.Uri | undefined): Promise<Target | undefined> {
  if (uri) {
    const { root, within } = await clickedPath(uri);
    return { folder: root, within };
  }
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder = folders.length <= 1 ? folders[0]
    : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which folder holds the app to containerize?' });
  return folder && { folder: folder.uri, within: '' };
}

/** The app to containerize: the only one, the one asked for, or the person's pick. */
async function chooseApp(apps: AppFacts[], wanted: string | undefined): Promise<AppFacts | undefined> {
  if (wanted !== undefined) {
    const app = apps.find((a) => a.root === wanted);
    if (!app) throw new Error(`no app in ${wanted}; found ${apps.map((a) => a.root).join(', ') || 'none'}`);
    return app;
  }
  if (apps.length <= 1) return apps[0];
  const picked = await vscode.window.showQuickPick(
    apps.map((app) => ({
      label: app.root === '.' ? '(this folder)' : app.root,
      description: `${app.framework === 'fastapi' ? 'FastAPI' : 'Flask'} ${app.entry}`,
      detail: `port ${app.port} · ${app.packageManager} · ${app.services.join(', ') || 'no services'}`,
      app,
    })),
    { placeHolder: 'Several apps were found: which one should get a Dockerfile?', ignoreFocusOut: true },
  );
  return picked?.app;
}

/** The app, or with none, the script the files are for; undefined when there is none or the person cancels. */
async function chooseTarget(result: DetectResult, within: string, options: ContainerizeOptions): Promise<{ app: AppFacts } | { script: PlainScript } | undefined> {
  const apps = appsAtPath(result.apps, within);
  const scripts = apps.length ? [] : scriptsAtPath(result.plainScripts, within);
  if (apps.length === 0 && scripts.length === 0) {
    const why = result.unsupported.map((u) => u.message).join(' ') || 'No FastAPI or Flask app was found in this folder.';
    void vscode.window.showWarningMessage(`Dockwright: ${why}`);
    return undefined;
  }
  if (scripts.length) {
    const script = await chooseScript(scripts, options);
    return script && { script };
  }
  const app = await chooseApp(apps, options.app);
  return app && { app };
}

function showWarnings(warnings: DetectWarning[]): void {
  for (const w of warnings) {
    const at = w.file ? ` (${w.file}${w.line ? `:${w.line}` : ''})` : '';
    void vscode.window.showWarningMessage(`Dockwright: ${w.message}${at}`);
  }
}

async function askDecision(change: FileChange, previews: PreviewDocuments, folder: vscode.Uri): Promise<FileDecision | undefined> {
  const uri = previews.add([{ path: change.file.path, content: change.proposed }]);
  await vscode.commands.executeCommand('vscode.diff', vscode.Uri.joinPath(folder, change.file.path), uri(change.file.path),
    `${change.file.path}: yours ↔ Dockwright's`, { preview: true });
  const picked = await vscode.window.showQuickPick(
    change.choices.map((d) => ({ label: LABELS[d], description: DESCRIPTIONS[d], decision: d })),
    { placeHolder: `${change.file.path} already exists and differs (see the diff): what should Dockwright do?`, ignoreFocusOut: true },
  );
  return picked?.decision;
}

async function showPreview(changes: FileChange[], previews: PreviewDocuments): Promise<void> {
  const uri = previews.add(changes.map((c) => ({ path: c.file.path, content: c.proposed })));
  const dockerfile = changes.find((c) => c.file.kind === 'dockerfile' && c.choices[0] === 'create');
  for (const change of changes.filter((c) => c.choices[0] === 'create')) {
    const doc = await vscode.workspace.openTextDocument(uri(change.file.path));
    const language = change.file.kind === 'compose' ? 'yaml' : change.file.kind === 'dockerfile' ? 'dockerfile' : 'ignore';
    // A language that is not installed only loses highlighting in the preview.
    await Promise.resolve(vscode.languages.setTextDocumentLanguage(doc, language)).catch(() => doc);
    await vscode.window.showTextDocument(doc, { preview: false, preserveFocus: change !== dockerfile });
  }
}

export class Containerizer implements vscode.Disposable {
  private readonly previews = new PreviewDocuments();
  private last: Snapshot | undefined;

  constructor(private readonly detection: DetectionService) {}

  async run(uri: vscode.Uri | undefined, options: ContainerizeOptions = {}): Promise<ContainerizeResult | undefined> {
    try {
      return await this.containerize(uri, options);
    } finally {
      await this.previews.closeTabs();
    }
  }

  /** The repository root's compose file an app of several also goes into (see rootComposeTarget). */
  private async rootComposeFor(apps: AppFacts[], app: AppFacts, folder: vscode.Uri): Promise<string | undefined> {
    const { rootComposeTarget, ROOT_COMPOSE_FILES } = await import('../core/plan/planApp');
    const present = new Set<string>();
    for (const name of ROOT_COMPOSE_FILES) if (await readIfExists(vscode.Uri.joinPath(folder, name)) !== null) present.add(name);
    return rootComposeTarget(apps, app, (name) => present.has(name));
  }

  private async containerize(uri: vscode.Uri | undefined, options: ContainerizeOptions): Promise<ContainerizeResult | undefined> {
    const target = await targetFor(uri);
    if (!target) {
      void vscode.window.showInformationMessage('Dockwright: open the folder of a FastAPI or Flask app first.');
      return undefined;
    }
    const { folder } = target;
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Dockwright: reading the app' },
      () => this.detection.detectFolder(folder),
    );
    const chosen = await chooseTarget(result, target.within, options);
    if (!chosen) return undefined;
    const root = 'app' in chosen ? chosen.app.root : chosen.script.root;
    const warnings = 'app' in chosen ? chosen.app.warnings : [];

    const appFolder = root === '.' ? folder : vscode.Uri.joinPath(folder, root);
    // The team's templates and config, when the repository or the dockwright.templatesPath setting has them;
    // loaded on first use, as they bring the config validator.
    const { describeErrors, planInWorkspace, planScriptInWorkspace, teamSetupFor } = await import('./appPlan');
    const { setup, errors } = await teamSetupFor(appFolder);
    if (errors.length) {
      showWarnings(warnings);
      throw new Error(`the team's templates or config have errors, so nothing was generated:\n${describeErrors(errors, appFolder)}`);
    }
    const explicit = options.multiStage === undefined ? {} : { multiStage: options.multiStage };
    if (options.kubernetes && !('app' in chosen)) {
      void vscode.window.showWarningMessage('Dockwright: Kubernetes manifests are for a web app (a Deployment behind a Service); this folder has a plain script.');
      return undefined;
    }
    const dockerPlan = 'app' in chosen ? await planInWorkspace(chosen.app, appFolder, setup, explicit, await this.rootComposeFor(result.apps, chosen.app, folder))
      : await planScriptInWorkspace(chosen.script, appFolder, setup, explicit);
    // The manifests come from the same plan as the Docker files: the same image, user, port and environment.
    const plan = options.kubernetes && 'app' in dockerPlan ? { files: (await import('../core/k8s')).k8sFromPlan(dockerPlan, setup.k8sTemplates).files } : dockerPlan;
    const what = options.kubernetes ? 'Kubernetes manifests' : 'Docker files';
    showWarnings(warnings);
    // Before anything is read, previewed or asked: a link is not even followed to show a diff.
    const { realRoot, targets } = await vscodeWriteTargets(folder, plannedFiles(plan).map((f) => f.path));
    const refused = refusedTargets(targets, realRoot);
    if (refused.length) {
      void vscode.window.showErrorMessage(describeRefused(refused));
      return { ...chosen, folder: folder.toString(), decisions: {}, written: [], refused };
    }
    const current = new Map<string, string | null>();
    for (const file of plannedFiles(plan)) {
      const bytes = await readIfExists(vscode.Uri.joinPath(folder, file.path));
      current.set(file.path, bytes === null ? null : decoder.decode(bytes));
    }
    const changes = compareWithExisting(plan, (path) => current.get(path) ?? null);

    const decisions: Record<string, FileDecision> = {};
    for (const change of changes) {
      const [first] = change.choices;
      const decision = first === 'create' || first === 'unchanged' ? first
        : options.decisions?.[change.file.path] ?? (await askDecision(change, this.previews, folder));
      if (!decision) return undefined;
      decisions[change.file.path] = decision;
    }
    const toWrite = changes.filter((c) => contentFor(c, decisions[c.file.path]) !== null);
    if (toWrite.length === 0) {
      void vscode.window.showInformationMessage('Dockwright: nothing to write; the files are up to date or kept as they are.');
      return { ...chosen, folder: folder.toString(), decisions, written: [] };
    }
    if (!options.confirm) {
      await showPreview(toWrite, this.previews);
      const summary = toWrite.map((c) => `${LABELS[decisions[c.file.path]]} ${c.file.path}`).join('\n');
      const answer = await vscode.window.showInformationMessage(
        `Write the ${what} for ${'app' in chosen ? chosen.app.entry : chosen.script.file}?`, { modal: true, detail: `${summary}\n\nOne undo (Dockwright: Undo Containerize) restores everything.` }, 'Write');
      if (answer !== 'Write') return undefined;
    }
    const written = await this.write(folder, toWrite, decisions);
    // The file to read first: the Dockerfile, or the Deployment of the manifests.
    const first = plan.files.find((f) => f.kind === 'dockerfile' || /(^|\/)deployment\.yaml$/.test(f.path)) ?? plan.files[0];
    const dockerfile = vscode.Uri.joinPath(folder, first.path);
    await vscode.window.showTextDocument(dockerfile, { preview: false });
    const actions = options.kubernetes ? ['Undo'] : ['Build & Run', 'Undo'];
    void vscode.window.showInformationMessage(`Dockwright wrote ${written.join(', ')}.`, ...actions).then((choice) => {
      if (choice === 'Build & Run') void vscode.commands.executeCommand(COMMANDS.buildAndRun, dockerfile);
      if (choice === 'Undo') void vscode.commands.executeCommand(COMMANDS.undoContainerize);
    });
    return { ...chosen, folder: folder.toString(), decisions, written };
  }

  /** One WorkspaceEdit, in the order Dockerfile, .dockerignore, compose.yaml; remembers what was there. */
  private async write(folder: vscode.Uri, changes: FileChange[], decisions: Record<string, FileDecision>): Promise<string[]> {
    const edit = new vscode.WorkspaceEdit();
    const snapshot: Snapshot = { files: [] };
    for (const change of changes) {
      const uri = vscode.Uri.joinPath(folder, change.file.path);
      const content = contentFor(change, decisions[change.file.path]) as string;
      const before = await readIfExists(uri);
      snapshot.files.push({ uri, before });
      // A file operation rather than a text edit: it writes straight to disk, no editor left dirty.
      edit.createFile(uri, { contents: encoder.encode(content), overwrite: before !== null });
    }
    if (!(await vscode.workspace.applyEdit(edit))) {
      throw new Error('VS Code refused the edit (are the files read-only?); nothing was written.');
    }
    this.last = snapshot;
    await vscode.commands.executeCommand('setContext', CONTEXT.canUndoContainerize, true);
    return changes.map((c) => c.file.path);
  }

  /** Puts back exactly what was there before the last containerize: deletes new files, restores old bytes. */
  async undo(): Promise<boolean> {
    const snapshot = this.last;
    if (!snapshot) {
      void vscode.window.showInformationMessage('Dockwright: there is no containerize to undo.');
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    for (const { uri, before } of snapshot.files) {
      if (before === null) edit.deleteFile(uri, { ignoreIfNotExists: true });
    }
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error('VS Code refused to undo the edit.');
    for (const { uri, before } of snapshot.files) {
      if (before !== null) await vscode.workspace.fs.writeFile(uri, before);
    }
    this.last = undefined;
    await vscode.commands.executeCommand('setContext', CONTEXT.canUndoContainerize, false);
    return true;
  }

  dispose(): void {
    this.previews.dispose();
  }
}
