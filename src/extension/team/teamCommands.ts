import * as vscode from 'vscode';
import { BUILT_IN_TEMPLATES, KINDS, TEMPLATE_FILES, type GeneratedKind } from '../../core/generate/templates';
import { describeRefused, refusedTargets } from '../../core/generate/writeTargets';
import { fileDrift } from '../../core/team/drift';
import { join, TEAM_FOLDER } from '../../core/team/setup';
import { templatize } from '../../core/team/templatize';
import { BUILT_IN_K8S_TEMPLATES, K8S_TEMPLATE_KINDS, k8sTemplateFile } from '../../core/k8s/templates';
import { vscodeWriteTargets } from '../../workspace/vscodeWriteTargets';
import { describeErrors, planInWorkspace, teamSetupFor } from '../appPlan';
import type { DetectionService } from '../detectionService';
import { PreviewDocuments } from '../preview';
import { appsAt, type AppTarget } from './teamApps';

/** For automation and tests: the answers to the questions the commands would ask. */
export interface SaveTemplateOptions {
  /** This app's own files, the built-in templates to start from, or the built-in Kubernetes manifests' templates. */
  source?: 'files' | 'built-in' | 'k8s-built-in';
  /** The app's root when the folder holds several. */
  app?: string;
  /** Replace existing team templates without asking. */
  confirm?: boolean;
}

export interface SaveTemplateResult {
  folder: string;
  written: string[];
  /** Files that could not become templates, and why. */
  skipped: { file: string; reason: string }[];
}

export interface CompareResult {
  app: string;
  /** The files (relative to the detected folder) that differ from the team template or are missing. */
  differs: string[];
}

/** The rendered team files Compare shows, apart from containerize's previews. */
export const TEAM_PREVIEW_SCHEME = 'dockwright-team';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

async function readText(uri: vscode.Uri): Promise<string | null> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return decoder.decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return null;
  }
}

function targetUri(uri: unknown): vscode.Uri | undefined {
  if (uri instanceof vscode.Uri) return uri;
  return vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
}

/** The app the command is about: the only one, the one asked for, or the person's pick. */
async function pickApp(detection: DetectionService, uri: vscode.Uri | undefined, wanted?: string): Promise<AppTarget | undefined> {
  if (!uri) throw new Error('open a Dockerfile or pick an app folder in the Explorer first.');
  const targets = await appsAt(detection, uri);
  if (wanted !== undefined) return targets.find((t) => t.app.root === wanted);
  if (targets.length <= 1) {
    if (!targets.length) throw new Error('no FastAPI or Flask app was found here.');
    return targets[0];
  }
  const picked = await vscode.window.showQuickPick(
    targets.map((t) => ({ label: t.app.root === '.' ? '(this folder)' : t.app.root, description: t.app.entry, t })),
    { placeHolder: 'Which app?', ignoreFocusOut: true },
  );
  return picked?.t;
}

async function loadSetup(target: AppTarget) {
  const { setup, errors } = await teamSetupFor(target.appFolder);
  if (errors.length) throw new Error(`the team's templates or config have errors:\n${describeErrors(errors, target.appFolder)}`);
  return setup;
}

export class TeamCommands implements vscode.Disposable {
  private readonly previews = new PreviewDocuments(TEAM_PREVIEW_SCHEME);

  constructor(private readonly detection: DetectionService, private readonly onSaved: () => void) {}

  /** Writes .dockwright/*.mustache from this app's files (its values become variables) or from the built-ins. */
  async save(uri: vscode.Uri | undefined, options: SaveTemplateOptions = {}): Promise<SaveTemplateResult | undefined> {
    const target = await pickApp(this.detection, targetUri(uri), options.app);
    if (!target) return undefined;
    const setup = await loadSetup(target);
    const plan = await planInWorkspace(target.app, target.appFolder, setup);
    const current = new Map<GeneratedKind, string | null>();
    for (const file of plan.files) current.set(file.kind, await readText(vscode.Uri.joinPath(target.root, file.path)));
    const hasFiles = [...current.values()].some((text) => text !== null);
    const source = options.source ?? (await vscode.window.showQuickPick([
      ...(hasFiles ? [{ label: 'From this app\'s files', description: 'Dockerfile, .dockerignore, compose.yaml as they are now', source: 'files' as const }] : []),
      { label: 'From the built-in templates', description: 'to edit into the team\'s shape', source: 'built-in' as const },
      { label: 'Kubernetes manifests, from the built-in templates', description: 'k8s/*.yaml.mustache, for "Generate Kubernetes Manifests"', source: 'k8s-built-in' as const },
    ], { placeHolder: 'Save which files as the team\'s templates?', ignoreFocusOut: true }))?.source;
    if (!source) return undefined;

    /** Each template's file name in the team folder, and its text. */
    const templates: { file: string; text: string }[] = [];
    const skipped: SaveTemplateResult['skipped'] = [];
    if (source === 'k8s-built-in') {
      for (const kind of K8S_TEMPLATE_KINDS) templates.push({ file: k8sTemplateFile(kind), text: BUILT_IN_K8S_TEMPLATES[kind].text });
    }
    for (const kind of source === 'k8s-built-in' ? [] : KINDS) {
      const text = current.get(kind) ?? null;
      if (source === 'built-in') templates.push({ file: TEMPLATE_FILES[kind].template, text: BUILT_IN_TEMPLATES[kind].text });
      else if (text !== null) {
        const result = templatize(text, plan.view, kind);
        if ('template' in result) templates.push({ file: TEMPLATE_FILES[kind].template, text: result.template });
        else skipped.push({ file: TEMPLATE_FILES[kind].output, reason: result.error });
      }
    }
    const folder = target.appFolder.with({ path: join(setup.root ?? (vscode.workspace.getWorkspaceFolder(target.appFolder)?.uri ?? target.appFolder).path, TEAM_FOLDER) });
    const uris = templates.map((t) => vscode.Uri.joinPath(folder, t.file));
    const { realRoot, targets } = await vscodeWriteTargets(vscode.Uri.joinPath(folder, '..'),
      templates.map((t) => `${TEAM_FOLDER}/${t.file}`));
    const refused = refusedTargets(targets, realRoot);
    if (refused.length) throw new Error(describeRefused(refused));
    const existing = (await Promise.all(uris.map((u) => readText(u)))).some((t) => t !== null);
    if (existing && !options.confirm) {
      const answer = await vscode.window.showWarningMessage(`Replace the team templates in ${vscode.workspace.asRelativePath(folder)}?`, { modal: true }, 'Replace');
      if (answer !== 'Replace') return undefined;
    }
    const edit = new vscode.WorkspaceEdit();
    templates.forEach((t, i) => edit.createFile(uris[i], { contents: encoder.encode(t.text), overwrite: true }));
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error('VS Code refused to write the templates.');
    this.onSaved();
    for (const s of skipped) void vscode.window.showWarningMessage(`Dockwright: ${s.file} was not saved as a template: ${s.reason}.`);
    const users = source === 'k8s-built-in' ? '"Generate Kubernetes Manifests", `dockwright init --k8s` and `dockwright check --k8s`' : '"Containerize this App" and `dockwright check`';
    void vscode.window.showInformationMessage(`Dockwright saved ${templates.length} team template(s) to ${vscode.workspace.asRelativePath(folder)}. Commit them; everyone's ${users} now use them.`);
    return { folder: folder.toString(), written: uris.map((u) => vscode.workspace.asRelativePath(u)), skipped };
  }

  /** Opens a diff of each file that differs from what the team's templates give for its app. */
  async compare(uri: vscode.Uri | undefined, options: { app?: string } = {}): Promise<CompareResult | undefined> {
    const target = await pickApp(this.detection, targetUri(uri), options.app);
    if (!target) return undefined;
    const plan = await planInWorkspace(target.app, target.appFolder, await loadSetup(target));
    const preview = this.previews.add(plan.files.map((f) => ({ path: f.path, content: f.content })));
    const differs: string[] = [];
    for (const file of plan.files) {
      const fileUri = vscode.Uri.joinPath(target.root, file.path);
      const drift = fileDrift(file, await readText(fileUri));
      if (drift.status === 'ok') continue;
      differs.push(file.path);
      if (drift.status === 'missing') await vscode.window.showTextDocument(preview(file.path), { preview: false });
      else await vscode.commands.executeCommand('vscode.diff', fileUri, preview(file.path), `${file.path}: yours ↔ team template`, { preview: false });
    }
    if (!differs.length) void vscode.window.showInformationMessage(`Dockwright: ${target.app.entry}'s files are what the team's templates give.`);
    return { app: target.app.root, differs };
  }

  dispose(): void {
    this.previews.dispose();
  }
}
