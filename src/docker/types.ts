/**
 * What the daemon adapter reports, as plain data: the engine's summary and the state of the live
 * connection. Types only (no dockerode), so the webview's protocol can carry them as they are.
 */
import type { DockerFailure } from '../core/knowledge/dockerErrors';

/** What the status bar, the dashboard and `dockwright doctor` show about the engine. */
export interface EngineSummary {
  version: string;
  apiVersion: string;
  os: string;
  arch: string;
  containersRunning: number;
  images: number;
  endpoint: string;
  context?: string;
}

/** The container watcher's link to the daemon's event stream. */
export type ConnectionState =
  | { status: 'connecting' }
  | { status: 'live'; since: string }
  | { status: 'reconnecting'; failure: DockerFailure; retryInMs: number; attempt: number };
