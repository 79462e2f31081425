/** The dashboard's message protocol: one discriminated union each way. */
import type { ContainerRow } from '../core/dashboard/containers';
import type { CompareResult, CompareVariantKey } from '../core/dashboard/compareBuilds';
import type { LayerRow } from '../core/dashboard/layers';
import type { LogLine } from '../core/dashboard/logLines';
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

/** Where the dashboard talks to, and why there: shown so a remote host or context is never a surprise. */
export interface EndpointInfo {
  display: string;
  source: 'setting' | 'DOCKER_HOST' | 'context' | 'default';
  context?: string;
  podman: boolean;
}

export type ConnectionInfo =
  | { status: 'connecting' }
  | { status: 'live'; since: string }
  | { status: 'reconnecting'; failure: DockerFailure; retryInMs: number; attempt: number };

export type ContainerActionKind = 'start' | 'stop' | 'restart' | 'remove' | 'shell' | 'inspect' | 'logs';

export interface AppImage {
  id: string;
  tags: string[];
  size: number;
  created: number;
  /** The app it belongs to (dockwright.app label or compare run) and its Dockerfile, when known. */
  app?: string;
  dockerfilePath?: string;
  variant?: CompareVariantKey;
}

export interface WorkspaceApp {
  /** Key for messages: "<workspace folder uri>|<root relative to it>". */
  key: string;
  name: string;
  root: string;
  framework: string;
}

export type CompareProgress =
  | { status: 'idle' }
  | { status: 'running'; variant: CompareVariantKey; step: string }
  | { status: 'failed'; message: string };

export type DashboardTab = 'containers' | 'logs' | 'images' | 'compare';

/** Webview → host. `ready` comes first; the host sends nothing before it. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'refresh'; requestId: number }
  | { type: 'containerAction'; requestId: number; id: string; action: ContainerActionKind }
  | { type: 'openPort'; url: string }
  | { type: 'stopLogs' }
  | { type: 'copyText'; text: string; what: string }
  | { type: 'listImages'; requestId: number }
  | { type: 'imageLayers'; requestId: number; imageId: string }
  | { type: 'openDockerfile'; path: string; line: number }
  | { type: 'compare'; requestId: number; appKey: string }
  | { type: 'tab'; tab: DashboardTab };

/** Host → webview. Replies carry the request id they answer. */
export type HostMessage =
  | { type: 'engine'; state: EngineState; requestId?: number }
  | { type: 'endpoint'; endpoint: EndpointInfo }
  | { type: 'connection'; connection: ConnectionInfo }
  | { type: 'containers'; rows: ContainerRow[] }
  | { type: 'containerUpdate'; row: ContainerRow }
  | { type: 'containerRemoved'; id: string }
  | { type: 'actionResult'; requestId: number; ok: boolean; message?: string }
  | { type: 'logsStarted'; session: number; containerId: string; name: string; tty: boolean; maxLines: number }
  | { type: 'logLines'; session: number; lines: LogLine[]; dropped: number }
  | { type: 'logsEnded'; session: number; reason: string }
  | { type: 'images'; requestId?: number; images: AppImage[]; apps: WorkspaceApp[] }
  | { type: 'imageLayers'; requestId: number; imageId: string; layers: LayerRow[]; size: number; dockerfilePath?: string; error?: string }
  | { type: 'compareProgress'; appKey: string; progress: CompareProgress }
  | { type: 'compareResult'; appKey: string; result: CompareResult }
  | { type: 'showTab'; tab: DashboardTab };

/** What the webview keeps across hide/show and reloads (vscode.setState). */
export interface DashboardViewState {
  lastEngine?: EngineState;
  tab?: DashboardTab;
  logs?: { containerId?: string; timestamps: boolean; stdout: boolean; stderr: boolean; filter: string; follow: boolean };
  compareApp?: string;
  selectedImage?: string;
}
