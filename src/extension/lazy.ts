import * as vscode from 'vscode';

/**
 * A feature built on first use: `get()` loads and builds it once (its module comes from
 * dist/features.js), `ifLoaded()` gives it only when something already asked for it.
 */
export interface Lazy<T> {
  get(): Promise<T>;
  ifLoaded(): Promise<T> | undefined;
}

export function lazy<T>(load: () => Promise<T>): Lazy<T> {
  let loaded: Promise<T> | undefined;
  return { get: () => (loaded ??= load()), ifLoaded: () => loaded };
}

/** Disposes the feature if it was ever built. */
export function disposeLoaded(feature: Lazy<vscode.Disposable>): vscode.Disposable {
  return { dispose: () => void feature.ifLoaded()?.then((f) => f.dispose(), () => undefined) };
}

/**
 * Calls `start` once, when a document it is about is open: one open now (looked at just after
 * activation, not during it) or one that opens later. Features that react to documents (lint,
 * drift) load then, with their listeners, instead of at activation.
 */
export function onFirstDocument(about: (document: vscode.TextDocument) => boolean, start: () => void): vscode.Disposable {
  let started = false;
  const check = (document: vscode.TextDocument) => {
    if (started || !about(document)) return;
    started = true;
    stop();
    start();
  };
  const opened = vscode.workspace.onDidOpenTextDocument(check);
  const timer = setTimeout(() => vscode.workspace.textDocuments.forEach(check), 0);
  const stop = () => {
    opened.dispose();
    clearTimeout(timer);
  };
  return { dispose: stop };
}
