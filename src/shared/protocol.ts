/**
 * The dashboard's message protocol. Webview → host: notifications and requests; host → webview:
 * notifications and replies. Each request names its params and its result in `Requests` (as
 * vscode-languageserver's RequestType<P, R> does), and its reply carries the request's id.
 */
import type { ContainerRow } from '../core/dashboard/containers';
import type { CompareResult, CompareVariantKey } from '../core/dashboard/compareBuilds';
import type { LayerRow } from '../core/dashboard/layers';
import type { DockerFailure } from '../core/knowledge/dockerErrors';
import type { ConnectionState, EngineSummary } from '../docker/types';

export type { ConnectionState };

export type EngineState =
  | { status: 'running'; summary: EngineSummary; checkedAt: string }
  | { status: 'unavailable'; failure: DockerFailure; checkedAt: string };

/** Where the dashboard talks to, and why there: shown so a remote host or context is never a surprise. */
export interface EndpointInfo {
  display: string;
  source: 'setting' | 'DOCKER_HOST' | 'context' | 'default';
  context?: string;
  podman: boolean;
}

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

export interface ImageList {
  images: AppImage[];
  apps: WorkspaceApp[];
}

export interface ImageLayers {
  imageId: string;
  layers: LayerRow[];
  size: number;
  dockerfilePath?: string;
  /** Why the layers could not be read (the daemon's failure, in words). */
  error?: string;
}

export type CompareProgress =
  | { status: 'idle' }
  | { status: 'running'; variant: CompareVariantKey; step: string }
  | { status: 'failed'; message: string };

/** Consecutive log lines packed as UTF-8 (see core/dashboard/logBatch), from the line numbered firstSeq. */
export interface LogBatch {
  firstSeq: number;
  count: number;
  bytes: Uint8Array;
}

/** The Logs tab's view of the kept lines: which ones it shows and which rows it has on screen. */
export interface LogsViewRequest {
  stdout: boolean;
  stderr: boolean;
  filter: string;
  /** Keep the newest line in view (the host picks `first`). */
  follow: boolean;
  /** Freeze the lines shown while new ones keep arriving. */
  paused: boolean;
  /**
   * With `paused`: the `received` count of the update the webview was showing when the person
   * paused. Lines that reached the host after it were never on screen, so the pause does not
   * show them; they count as new. Absent: freeze at what the host has.
   */
  pausedAt?: number;
  /** The first shown line the viewport wants (overscan included), and how many. */
  first: number;
  rows: number;
}

/** The host's answer: how many lines are shown, and the rows of the viewport, from `first`. */
export interface LogViewUpdate {
  /** Lines shown (after the filter): the scroll height is this many rows. */
  count: number;
  first: number;
  /**
   * The viewport's lines, `batch.count` of them. `batch.firstSeq` is the first one's; with a filter
   * the others' are not consecutive, and the webview does not use them.
   */
  batch: LogBatch;
  /** Lines kept on the host, and lines received in this session (the difference is no longer kept). */
  kept: number;
  received: number;
  paused: boolean;
  /** Lines that arrived since Pause. */
  newWhilePaused: number;
}

export type DashboardTab = 'containers' | 'logs' | 'images' | 'compare';

/** What the webview asks the host, and what each answer holds. */
export interface Requests {
  /** Check the engine again (and resynchronize the container list). */
  refresh: { params: Record<string, never>; result: EngineState };
  /** 'cancelled' when the person declined a confirmation; a failure comes back as an error reply. */
  containerAction: { params: { id: string; action: ContainerActionKind }; result: 'done' | 'cancelled' };
  listImages: { params: Record<string, never>; result: ImageList };
  imageLayers: { params: { imageId: string }; result: ImageLayers };
  /** Builds the app three ways: minutes, with compareProgress notifications meanwhile. */
  compare: { params: { appKey: string }; result: CompareResult };
}

export type RequestName = keyof Requests;
export type RequestParams<K extends RequestName> = Requests[K]['params'];
export type RequestResult<K extends RequestName> = Requests[K]['result'];

/** A request; `id` is unique per webview load. */
export interface RequestMessage<K extends RequestName = RequestName> {
  type: 'request';
  id: number;
  method: K;
  params: RequestParams<K>;
}

/** The answer to the request with the same id: its result, or why there is none. */
export type ReplyMessage<K extends RequestName = RequestName> =
  | { type: 'reply'; id: number; method: K; result: RequestResult<K> }
  | { type: 'reply'; id: number; method: K; error: string };

/**
 * When an update that a daemon event caused went through the host (epoch ms): the webview keeps
 * these on the row it renders, so the benchmark can say where the time between event and row went.
 */
export interface UpdateTiming {
  /** The host read the event from the daemon's stream. */
  eventAt: number;
  /** The host handed the update to the webview. */
  postedAt: number;
}

/** Webview → host. `ready` comes first; the host sends nothing before it. */
export type WebviewMessage =
  | { type: 'ready' }
  | RequestMessage
  | { type: 'openPort'; url: string }
  | { type: 'stopLogs' }
  /** What the Logs tab shows and where it is scrolled; the host answers with a logView. */
  | ({ type: 'logsView'; session: number } & LogsViewRequest)
  /** The webview drew the last logView: the host may send the next (one at a time). */
  | { type: 'logsAck'; session: number }
  /** Copy every line the Logs tab shows (the host has them all; the webview only its screenful). */
  | { type: 'copyLogs'; session: number; timestamps: boolean }
  | { type: 'openFullLog'; containerId: string; timestamps: boolean }
  | { type: 'openDockerfile'; path: string; line: number }
  | { type: 'tab'; tab: DashboardTab };

/** Host → webview: replies to requests, and notifications of what changed. */
export type HostMessage =
  | ReplyMessage
  | { type: 'engine'; state: EngineState }
  | { type: 'endpoint'; endpoint: EndpointInfo }
  | { type: 'connection'; connection: ConnectionState }
  | { type: 'containers'; rows: ContainerRow[] }
  | { type: 'containerUpdate'; row: ContainerRow; timing?: UpdateTiming }
  | { type: 'containerRemoved'; id: string }
  | { type: 'logsStarted'; session: number; containerId: string; name: string; tty: boolean; maxLines: number }
  | ({ type: 'logView'; session: number } & LogViewUpdate)
  | { type: 'logsEnded'; session: number; reason: string }
  | ({ type: 'images' } & ImageList)
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
