import * as vscode from 'vscode';
import { SETTINGS } from '../shared/ids';
import { DEFAULT_TIMEOUT_MS } from '../docker/timeouts';
import { DEFAULT_OPTIONS, type GenerateOptions } from '../core/generate/options';

export interface DockwrightSettings {
  requestTimeoutMs: number;
  /** The docker CLI builds run with. */
  dockerPath: string;
  statusBarEnabled: boolean;
  statusBarPollSeconds: number;
}

/** The generation choices a person (or a team's workspace settings) makes. */
export function readGenerateSettings(): Partial<GenerateOptions> {
  const c = vscode.workspace.getConfiguration(SETTINGS.section);
  return {
    multiStage: c.get<boolean>(SETTINGS.generateMultiStage, DEFAULT_OPTIONS.multiStage),
    comments: c.get<boolean>(SETTINGS.generateComments, DEFAULT_OPTIONS.comments),
    defaultPythonVersion: c.get<string>(SETTINGS.generatePythonVersion, DEFAULT_OPTIONS.defaultPythonVersion),
    uid: c.get<number>(SETTINGS.generateUid, DEFAULT_OPTIONS.uid),
    cacheMounts: c.get<boolean>(SETTINGS.generateCacheMounts, DEFAULT_OPTIONS.cacheMounts),
  };
}

/** The shared folder of team templates and config, as the setting has it ('' when unset). */
export function readTemplatesPath(scope: vscode.Uri): string {
  return vscode.workspace.getConfiguration(SETTINGS.section, scope).get<string>(SETTINGS.templatesPath, '').trim();
}

export function readSettings(): DockwrightSettings {
  const c = vscode.workspace.getConfiguration(SETTINGS.section);
  return {
    requestTimeoutMs: c.get<number>(SETTINGS.requestTimeoutMs, DEFAULT_TIMEOUT_MS),
    dockerPath: c.get<string>(SETTINGS.dockerPath, '').trim() || 'docker',
    statusBarEnabled: c.get<boolean>(SETTINGS.statusBarEnabled, true),
    statusBarPollSeconds: c.get<number>(SETTINGS.statusBarPollSeconds, 30),
  };
}

/**
 * The environment daemon clients and docker CLI runs get: DOCKER_HOST replaced by the
 * dockwright.docker.host setting when it is set (e.g. a Podman socket, a remote engine).
 */
export function dockerEnvironment(): NodeJS.ProcessEnv {
  const host = readDockerHost();
  return host ? { ...process.env, DOCKER_HOST: host } : process.env;
}

/** The dockwright.docker.host setting ('' when unset). */
export function readDockerHost(): string {
  return vscode.workspace.getConfiguration(SETTINGS.section).get<string>(SETTINGS.dockerHost, '').trim();
}

/** How many log lines the dashboard keeps per container (host and webview alike). */
export function readLogsMaxLines(): number {
  const value = vscode.workspace.getConfiguration(SETTINGS.section).get<number>(SETTINGS.logsMaxLines, 10_000);
  return Math.min(1_000_000, Math.max(100, Math.floor(value)));
}

/** Whether Dockerfiles show a CodeLens explaining each instruction. */
export function readExplainSettings(): { codeLens: boolean } {
  return { codeLens: vscode.workspace.getConfiguration(SETTINGS.section).get<boolean>(SETTINGS.explainCodeLens, true) };
}
