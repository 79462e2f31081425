import * as vscode from 'vscode';
import type { Analysis, ComposeModel, DockerfileModel, ExplainContext, Finding, LintOptions, ManifestModel } from '../../core/explain';
import type { DetectionService } from '../detectionService';
import { isManifestText, NEIGHBOURS } from '../../core/explain/k8s/manifestText';
import { isComposeDocument, isExplained, isManifestDocument } from './documents';

type ExplainCore = typeof import('../../core/explain');

/** The explain core, loaded on first use: dockerfile-ast and yaml stay out of activation. */
let core: Promise<ExplainCore> | undefined;
export function explainCore(): Promise<ExplainCore> {
  core ??= import('../../core/explain');
  return core;
}

function folderOf(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(uri, '..');
}

export type ExplainedModel = DockerfileModel | ComposeModel | ManifestModel;

/**
 * The folder whose app a document is explained with: its own, except for manifests in k8s/ (where
 * `dockwright init --k8s` writes them), which belong to the app in the folder above.
 */
function appFolderOf(document: vscode.TextDocument): vscode.Uri {
  const folder = folderOf(document.uri);
  return isManifestDocument(document) && folder.path.endsWith('/k8s') ? folderOf(folder) : folder;
}

/** How far and how many paths the existence checks look at below the folder. */
const PATHS_DEPTH = 3;
const PATHS_LIMIT = 5000;

/**
 * What the providers share: one parse per document version, and per folder the context explain
 * needs (the app detection finds there, the .dockerignore and the names next to the file). The
 * context loads in the background; onDidChangeContext fires when it arrives or goes stale, so
 * lenses and diagnostics can be recomputed with it.
 */
export class ExplainService implements vscode.Disposable {
  private readonly models = new Map<string, { version: number; model: ExplainedModel; analysis?: Analysis }>();
  private readonly contexts = new Map<string, { value: ExplainContext; loading?: Promise<void> }>();
  /** Per folder, the team's rule settings (.dockwright.yaml `lint.rules`), as `dockwright check` applies them. */
  private readonly lintOptions = new Map<string, Promise<LintOptions>>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChangeContext = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [this.changed];

  constructor(private readonly detection: DetectionService) {
    // A saved, created or deleted file can change what detection finds for any folder above it.
    const stale = (uri: vscode.Uri) => this.invalidateAbove(uri);
    this.subscriptions.push(
      vscode.workspace.onDidSaveTextDocument((d) => { if (!isExplained(d)) stale(d.uri); }),
      vscode.workspace.onDidChangeTextDocument((e) => { if (e.document.uri.path.endsWith('/.dockerignore')) stale(e.document.uri); }),
      vscode.workspace.onDidCreateFiles((e) => e.files.forEach(stale)),
      vscode.workspace.onDidDeleteFiles((e) => e.files.forEach(stale)),
      vscode.workspace.onDidCloseTextDocument((d) => this.models.delete(d.uri.toString())),
    );
  }

  /** The parsed file for this version of the document. */
  async model(document: vscode.TextDocument): Promise<ExplainedModel> {
    const key = document.uri.toString();
    const cached = this.models.get(key);
    if (cached?.version === document.version) return cached.model;
    const { parseCompose, parseDockerfile, parseManifest } = await explainCore();
    const text = document.getText();
    const model = isComposeDocument(document) ? parseCompose(text) : isManifestDocument(document) ? parseManifest(text) : parseDockerfile(text);
    this.models.set(key, { version: document.version, model });
    return model;
  }

  /** The context known now for the document's folder; starts loading it when it is not known yet. */
  context(document: vscode.TextDocument): ExplainContext {
    const folder = appFolderOf(document);
    const key = folder.toString();
    const known = this.contexts.get(key);
    if (known) return known.value;
    const entry: { value: ExplainContext; loading?: Promise<void> } = { value: {} };
    this.contexts.set(key, entry);
    entry.loading = this.load(folder).then((value) => {
      if (this.contexts.get(key) !== entry) return;
      entry.value = value;
      this.changed.fire(folder);
    });
    return entry.value;
  }

  /** Waits for the folder's context (tests and the explanation command want the full story). */
  async loadedContext(document: vscode.TextDocument): Promise<ExplainContext> {
    this.context(document);
    await this.contexts.get(appFolderOf(document).toString())?.loading;
    return this.context(document);
  }

  /** Lint of this version of the document; a Dockerfile's reuses the analysis its lenses and hovers read. */
  async lint(document: vscode.TextDocument): Promise<Finding[]> {
    const { lintCompose, lintIn, lintManifest } = await explainCore();
    const options = await this.teamLintOptions(appFolderOf(document));
    const analysis = await this.analysis(document);
    if (analysis) return lintIn(analysis, options);
    const model = await this.model(document);
    // Only a Service is checked against the other manifests: no reads for the rest.
    if ('docs' in model) return lintManifest(model, { ...this.context(document), neighbours: model.services.length ? await this.neighbourManifests(document) : [] }, options);
    return 'doc' in model ? lintCompose(model, this.context(document), options) : [];
  }

  /** The other manifests in a manifest's folder, as open editors have them (a Service's pods may be there). */
  private async neighbourManifests(document: vscode.TextDocument): Promise<string[]> {
    const folder = folderOf(document.uri);
    const entries = await vscode.workspace.fs.readDirectory(folder).then((e) => e, () => [] as [string, vscode.FileType][]);
    const names = entries.filter(([name, type]) => type === vscode.FileType.File && /\.ya?ml$/i.test(name)).map(([name]) => name).sort().slice(0, NEIGHBOURS.files);
    const texts = await Promise.all(names.map(async (name) => {
      const uri = vscode.Uri.joinPath(folder, name);
      if (uri.toString() === document.uri.toString()) return null;
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (open) return open.getText();
      const bytes = await vscode.workspace.fs.readFile(uri).then((b) => b, () => null);
      return bytes && bytes.byteLength <= NEIGHBOURS.bytes ? new TextDecoder().decode(bytes) : null;
    }));
    return texts.filter((t): t is string => t !== null && isManifestText(t));
  }

  private teamLintOptions(folder: vscode.Uri): Promise<LintOptions> {
    const key = folder.toString();
    let options = this.lintOptions.get(key);
    if (!options) {
      // A broken team config is reported on the config file itself (team drift); lint goes on with the defaults.
      // The team's config reader (yaml, ajv) loads with the first lint, not at activation.
      options = import('../appPlan').then(({ teamSetupFor }) => teamSetupFor(folder))
        .then(({ setup }) => ({ rules: setup.rules }), () => ({}));
      this.lintOptions.set(key, options);
    }
    return options;
  }

  /** The shared per-file analysis of a Dockerfile (for lenses and hovers), with the current context. */
  async analysis(document: vscode.TextDocument): Promise<Analysis | null> {
    const model = await this.model(document);
    if (!('instructions' in model)) return null;
    const context = this.context(document);
    const cached = this.models.get(document.uri.toString());
    if (cached?.analysis && cached.analysis.context === context) return cached.analysis;
    const { analyze } = await explainCore();
    const analysis = analyze(model, context);
    if (cached) cached.analysis = analysis;
    return analysis;
  }

  private invalidateAbove(uri: vscode.Uri): void {
    const path = uri.toString();
    for (const key of [...this.contexts.keys()]) {
      if (!path.startsWith(`${key.replace(/\/$/, '')}/`)) continue;
      this.contexts.delete(key);
      this.lintOptions.delete(key);
      this.changed.fire(vscode.Uri.parse(key));
    }
  }

  private async load(folder: vscode.Uri): Promise<ExplainContext> {
    const [buildContext, app] = await Promise.all([this.buildContext(folder), this.app(folder)]);
    return { buildContext, app };
  }

  private async app(folder: vscode.Uri) {
    try {
      const { appForFolder } = await import('../../core/explain/appChoice');
      return appForFolder(await this.detection.detectFolder(folder));
    } catch {
      // Explanations work without the app; detection problems are the detection commands' to report.
      return null;
    }
  }

  private async buildContext(folder: vscode.Uri) {
    try {
      const entries = await vscode.workspace.fs.readDirectory(folder);
      // BuildKit reads the Dockerfile's own ignore file (a workspace member's, built from the root) before .dockerignore.
      const name = ['Dockerfile.dockerignore', '.dockerignore'].find((n) => entries.some(([entry]) => entry === n)) ?? '.dockerignore';
      const ignoreUri = vscode.Uri.joinPath(folder, name);
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === ignoreUri.toString());
      const hasIgnore = entries.some(([entry]) => entry === name);
      const dockerignore = open ? open.getText() : hasIgnore ? new TextDecoder().decode(await vscode.workspace.fs.readFile(ignoreUri)) : null;
      const paths = await this.pathsUnder(folder, entries);
      return { dockerignore, files: entries.map(([name]) => name), exists: (path: string) => paths.has(path.replace(/^\.\//, '').replace(/\/$/, '')) };
    } catch {
      return null;
    }
  }

  /**
   * Paths (relative) a few levels down, for the checks that ask whether a file exists (a compose
   * env_file such as backend/.env): bounded, and without the folders no one names there.
   */
  private async pathsUnder(folder: vscode.Uri, top: [string, vscode.FileType][]): Promise<Set<string>> {
    const paths = new Set<string>();
    const skip = new Set(['node_modules', '.git', '.venv', 'venv', '__pycache__', '.mypy_cache', '.pytest_cache', 'dist', 'build']);
    const visit = async (relative: string, entries: [string, vscode.FileType][], depth: number): Promise<void> => {
      for (const [name, type] of entries) {
        if (paths.size >= PATHS_LIMIT) return;
        const path = relative ? `${relative}/${name}` : name;
        paths.add(path);
        if (type & vscode.FileType.Directory && depth < PATHS_DEPTH && !skip.has(name)) {
          const inner = await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(folder, path)).then((e) => e, () => []);
          await visit(path, inner, depth + 1);
        }
      }
    };
    await visit('', top, 1);
    return paths;
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }
}
