/** The dashboard's message protocol: one discriminated union each way. */
import type { DockerFailure } from '../core/knowledge/dockerErrors';

export interface EngineSummaryData {
  version: string;
  apiVersion: string;
  os: string;
  arch: string;
  containersRunning: number;
  images: number;
  endpoint: string;
  context?: string;
}

export type EngineState =
  | { status: 'running'; summary: EngineSummaryData; checkedAt: string }
  | { status: 'unavailable'; failure: DockerFailure; checkedAt: string };

/** Webview → host. `ready` comes first; the host sends nothing before it. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'refresh'; requestId: number };

/** Host → webview. Replies carry the request id they answer. */
export type HostMessage =
  | { type: 'engine'; state: EngineState; requestId?: number };

/** What the webview keeps across hide/show and reloads (vscode.setState). */
export interface DashboardViewState {
  lastEngine?: EngineState;
}
