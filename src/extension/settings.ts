import * as vscode from 'vscode';
import { SETTINGS } from '../shared/ids';
import { DEFAULT_TIMEOUT_MS } from '../docker/client';

export interface DockwrightSettings {
  requestTimeoutMs: number;
  statusBarEnabled: boolean;
  statusBarPollSeconds: number;
}

export function readSettings(): DockwrightSettings {
  const c = vscode.workspace.getConfiguration(SETTINGS.section);
  return {
    requestTimeoutMs: c.get<number>(SETTINGS.requestTimeoutMs, DEFAULT_TIMEOUT_MS),
    statusBarEnabled: c.get<boolean>(SETTINGS.statusBarEnabled, true),
    statusBarPollSeconds: c.get<number>(SETTINGS.statusBarPollSeconds, 30),
  };
}
