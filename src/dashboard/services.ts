/**
 * What the dashboard needs from the rest of the extension. activate() builds these and hands them
 * in, so the feature imports nothing from src/extension and a test can pass its own.
 */
import type * as vscode from 'vscode';
import type { DetectResult } from '../core/detect/types';
import type { GenerateOptions } from '../core/generate/options';
import type { EngineState } from '../shared/protocol';

/** The engine check the status bar shares: one daemon call per check, not one per view. */
export interface EngineStatus {
  readonly state: EngineState | undefined;
  readonly onDidChange: vscode.Event<EngineState>;
  /** Subscriptions to onDidChange that are not disposed yet. */
  readonly listenerCount: number;
  check(): Promise<EngineState>;
}

/** Finds the apps in a workspace folder. */
export interface AppDetection {
  detectFolder(folder: vscode.Uri): Promise<DetectResult>;
}

/** The person's settings, read afresh on each call (they change while the panel is open). */
export interface DashboardSettings {
  readSettings(): { requestTimeoutMs: number; dockerPath: string };
  /** The environment with DOCKER_HOST replaced by the dockwright.docker.host setting when it is set. */
  dockerEnvironment(): NodeJS.ProcessEnv;
  /** The dockwright.docker.host setting itself ('' when unset). */
  readDockerHost(): string;
  readLogsMaxLines(): number;
  readGenerateSettings(): Partial<GenerateOptions>;
}

export interface DashboardServices {
  monitor: EngineStatus;
  /** Absent in an empty window: the dashboard then shows no workspace apps. */
  detection?: AppDetection;
  settings: DashboardSettings;
}
