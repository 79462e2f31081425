import type * as vscode from 'vscode';
import { isComposeFileName } from '../../core/explain/appChoice';
import { isManifestText } from '../../core/explain/k8s/manifestText';

/** Which documents explain is about: what activation registers the providers for, and what lint watches. */
export const DOCKERFILE_SELECTOR: vscode.DocumentFilter[] = [{ language: 'dockerfile' }];
/** Compose files: YAML named like one, or the Docker extension's own language for them. */
export const COMPOSE_SELECTOR: vscode.DocumentFilter[] = [
  { language: 'yaml', pattern: '**/{compose,docker-compose}*.{yml,yaml}' },
  { language: 'dockercompose' },
];
export const EXPLAINED_SELECTOR: vscode.DocumentFilter[] = [...DOCKERFILE_SELECTOR, ...COMPOSE_SELECTOR];
/**
 * Kubernetes manifests are YAML with any name: the providers are registered for all YAML and answer
 * only for manifests (isManifestDocument), before explain is loaded.
 */
export const MANIFEST_SELECTOR: vscode.DocumentFilter[] = [{ language: 'yaml' }];

/** The read-only explanations of a Dockerfile line (ExplanationView). */
export const EXPLANATION_SCHEME = 'dockwright-explain';

export function isComposeDocument(document: vscode.TextDocument): boolean {
  const name = document.uri.path.split('/').pop() ?? '';
  return (document.languageId === 'yaml' || document.languageId === 'dockercompose') && isComposeFileName(name);
}

/** YAML whose first document has a top-level apiVersion and kind (a compose file never has). */
export function isManifestDocument(document: vscode.TextDocument): boolean {
  return document.languageId === 'yaml' && !isComposeDocument(document) && isManifestText(document.getText());
}

export function isExplained(document: vscode.TextDocument): boolean {
  return document.languageId === 'dockerfile' || isComposeDocument(document) || isManifestDocument(document);
}
