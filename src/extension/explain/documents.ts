import type * as vscode from 'vscode';
import { isComposeFileName } from '../../core/explain/appChoice';

/** Which documents explain is about: what activation registers the providers for, and what lint watches. */
export const DOCKERFILE_SELECTOR: vscode.DocumentFilter[] = [{ language: 'dockerfile' }];
/** Compose files: YAML named like one, or the Docker extension's own language for them. */
export const COMPOSE_SELECTOR: vscode.DocumentFilter[] = [
  { language: 'yaml', pattern: '**/{compose,docker-compose}*.{yml,yaml}' },
  { language: 'dockercompose' },
];
export const EXPLAINED_SELECTOR: vscode.DocumentFilter[] = [...DOCKERFILE_SELECTOR, ...COMPOSE_SELECTOR];

/** The read-only explanations of a Dockerfile line (ExplanationView). */
export const EXPLANATION_SCHEME = 'dockwright-explain';

export function isComposeDocument(document: vscode.TextDocument): boolean {
  const name = document.uri.path.split('/').pop() ?? '';
  return (document.languageId === 'yaml' || document.languageId === 'dockercompose') && isComposeFileName(name);
}

export function isExplained(document: vscode.TextDocument): boolean {
  return document.languageId === 'dockerfile' || isComposeDocument(document);
}
