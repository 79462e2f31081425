import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { CompareResult } from '../src/core/dashboard/compareBuilds';
import type { ContainerRow } from '../src/core/dashboard/containers';
import type {
  CompareProgress, ConnectionState, DashboardTab, DashboardViewState, EndpointInfo, EngineState, HostMessage, ImageList, WebviewMessage, WorkspaceApp,
} from '../src/shared/protocol';
import { renderCompare } from './compareView';
import { renderContainers, type Arrival } from './containersView';
import { el, vscodeButton } from './dom';
import { renderImages, type ImagesModel } from './imagesView';
import { LogsView, type LogsOptions, type LogsViewStats } from './logsView';
import { RequestClient } from './requests';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): DashboardViewState | undefined;
  setState(state: DashboardViewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

// Marks for the benchmark's breakdown of "open → rendered" (performance.getEntriesByType('mark')).
performance.mark('dockwright:script');
const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;
let state: DashboardViewState = vscode.getState() ?? {};
const TABS: DashboardTab[] = ['containers', 'logs', 'images', 'compare'];
const TAB_TITLES: Record<DashboardTab, string> = { containers: 'Containers', logs: 'Logs', images: 'Image sizes', compare: 'Compare builds' };

const model = {
  engine: state.lastEngine as EngineState | undefined,
  endpoint: undefined as EndpointInfo | undefined,
  connection: undefined as ConnectionState | undefined,
  rows: new Map<string, ContainerRow>(),
  listed: false,
  images: { images: [], selected: state.selectedImage } as ImagesModel,
  apps: [] as WorkspaceApp[],
  results: new Map<string, CompareResult>(),
  progress: new Map<string, CompareProgress>(),
};

function saveState(patch: Partial<DashboardViewState>): void {
  state = { ...state, ...patch };
  vscode.setState(state);
}

const post = (message: WebviewMessage) => vscode.postMessage(message);
const requests = new RequestClient(post);

function showEngine(engine: EngineState): void {
  model.engine = engine;
  saveState({ lastEngine: engine });
  schedule('top');
}

function showImages(list: ImageList): void {
  model.images.images = list.images;
  model.apps = list.apps;
  schedule('images', 'compare');
}

// A failed refresh leaves the engine card as it was: the problem box already says what is wrong.
const refresh = () => void requests.request('refresh', {}).then(showEngine, () => undefined);
// The host keeps the last list when the daemon fails; nothing to add here.
const listImages = () => void requests.request('listImages', {}).then(showImages, () => undefined);

function field(list: HTMLElement, label: string, value: string): void {
  list.append(el('dt', label), el('dd', value));
}

function renderEngine(): HTMLElement {
  const section = el('section', undefined, 'engine');
  section.setAttribute('aria-label', 'Docker engine');
  const heading = el('h2', 'Docker engine');
  section.append(heading);
  const engine = model.engine;
  const list = el('dl');
  if (model.endpoint) {
    const e = model.endpoint;
    const source = { setting: 'from the dockwright.docker.host setting', DOCKER_HOST: 'from DOCKER_HOST', context: `docker context "${e.context}"`, default: 'default socket' }[e.source];
    field(list, 'Endpoint', `${e.display} (${source})${e.podman ? ' — Podman' : ''}`);
  }
  if (!engine) {
    section.append(list, el('p', 'Checking the engine…', 'muted'));
    return section;
  }
  if (engine.status === 'running') {
    const s = engine.summary;
    heading.append(' ', el('vscode-badge', 'running'));
    field(list, 'Version', `${s.version} (API ${s.apiVersion})`);
    field(list, 'Platform', `${s.os}/${s.arch}`);
    field(list, 'Running containers', String(s.containersRunning));
    field(list, 'Images', String(s.images));
    section.append(list);
  } else {
    section.append(list);
  }
  section.append(el('p', `Checked ${new Date(engine.checkedAt).toLocaleTimeString()}`, 'muted'));
  return section;
}

/** The daemon problem, explained, with what Dockwright is doing about it. */
function renderProblem(): HTMLElement | undefined {
  const engine = model.engine;
  const connection = model.connection;
  const failure = engine?.status === 'unavailable' ? engine.failure : connection?.status === 'reconnecting' ? connection.failure : undefined;
  if (!failure) return undefined;
  const box = el('section', undefined, `problem problem-${failure.kind}`);
  box.setAttribute('role', 'alert');
  box.dataset.kind = failure.kind;
  box.append(el('h2', 'Docker is not reachable'), el('p', failure.message, 'message'), el('p', failure.fix, 'fix'));
  if (connection?.status === 'reconnecting') {
    box.append(el('p', `Reconnecting by itself: next try in ${(connection.retryInMs / 1000).toFixed(1)} s (attempt ${connection.attempt}).`, 'muted'));
  }
  box.append(vscodeButton('Retry now', 'Check the Docker engine again now', refresh));
  return box;
}

const logsOptions: LogsOptions = { timestamps: false, stdout: true, stderr: true, filter: '', follow: true, ...state.logs };
const logsView = new LogsView({
  view: (session, request) => post({ type: 'logsView', session, ...request }),
  drawn: (session) => post({ type: 'logsAck', session }),
  copy: (session, timestamps) => post({ type: 'copyLogs', session, timestamps }),
  stop: () => post({ type: 'stopLogs' }),
  openFullLog: (timestamps) => {
    if (state.logs?.containerId) post({ type: 'openFullLog', containerId: state.logs.containerId, timestamps });
  },
  optionsChanged: (options) => saveState({ logs: { ...state.logs, ...options } }),
}, logsOptions);

// The Logs view's own main-thread cost, for the benchmark (a fixed-size object).
(window as unknown as { dockwrightLogsStats: LogsViewStats }).dockwrightLogsStats = logsView.stats;

const header = el('header');
const problemSlot = el('div', undefined, 'problem-slot');
const engineSlot = el('div');
const tabs = el('vscode-tabs') as HTMLElement & { selectedIndex: number };
const panels = new Map<DashboardTab, HTMLElement>();

function buildShell(): void {
  header.append(el('h1', 'Dockwright'));
  const liveBadge = el('span', '', 'live muted');
  liveBadge.id = 'live';
  header.append(liveBadge, vscodeButton('Refresh', 'Check the Docker engine again', refresh));
  for (const tab of TABS) {
    const tabHeader = el('vscode-tab-header', TAB_TITLES[tab]);
    tabHeader.setAttribute('slot', 'header');
    tabHeader.id = `tab-${tab}`;
    const panel = el('vscode-tab-panel');
    panel.id = `panel-${tab}`;
    panels.set(tab, panel);
    tabs.append(tabHeader, panel);
  }
  panels.get('logs')?.append(logsView.element);
  tabs.addEventListener('vsc-tabs-select', (e) => {
    const tab = TABS[(e as CustomEvent<{ selectedIndex: number }>).detail.selectedIndex];
    saveState({ tab });
    post({ type: 'tab', tab });
    if (tab === 'images') listImages();
  });
  app.replaceChildren(header, problemSlot, engineSlot, tabs);
  showTab(state.tab ?? 'containers');
}

function showTab(tab: DashboardTab): void {
  tabs.selectedIndex = TABS.indexOf(tab);
  saveState({ tab });
}

/** Event-caused updates since the last frame, by container (see RowTrace). */
let arrivals = new Map<string, Arrival>();
let pending = new Set<'top' | 'containers' | 'images' | 'compare'>();
let frame = 0;
function schedule(...parts: ('top' | 'containers' | 'images' | 'compare')[]): void {
  for (const p of parts) pending.add(p);
  if (!frame) frame = requestAnimationFrame(flush);
}

function flush(): void {
  const frameAt = Date.now();
  frame = 0;
  const parts = pending;
  pending = new Set();
  if (parts.has('top')) {
    const problem = renderProblem();
    problemSlot.replaceChildren(...(problem ? [problem] : []));
    engineSlot.replaceChildren(renderEngine());
    const live = document.getElementById('live');
    if (live) live.textContent = model.connection?.status === 'live' ? '● live' : model.connection?.status === 'reconnecting' ? '○ reconnecting' : '';
  }
  if (parts.has('containers')) {
    const panel = panels.get('containers');
    const content = !model.listed ? el('p', 'Listing containers…', 'muted') : renderContainers(model.rows.values(), {
      // A failed action is reported by the host (an error message with the daemon's words).
      act: (row, action) => void requests.request('containerAction', { id: row.id, action }).catch(() => undefined),
      openPort: (url) => post({ type: 'openPort', url }),
    }, { frameAt, arrivals });
    arrivals = new Map();
    // The same section back means it was patched in place.
    if (panel && panel.firstChild !== content) panel.replaceChildren(content);
    app.dataset.containers = String(model.rows.size);
    if (model.listed && !performance.getEntriesByName('dockwright:containers').length) performance.mark('dockwright:containers');
  }
  if (parts.has('images')) {
    panels.get('images')?.replaceChildren(renderImages(model.images, {
      refresh: listImages,
      select: (imageId) => {
        model.images.selected = imageId;
        saveState({ selectedImage: imageId });
        void requests.request('imageLayers', { imageId }).then(
          (layers) => (model.images.layers = layers),
          (err: Error) => (model.images.layers = { imageId, layers: [], error: err.message }),
        ).then(() => schedule('images'));
        schedule('images');
      },
      openLine: (path, line) => post({ type: 'openDockerfile', path, line }),
    }));
  }
  if (parts.has('compare')) {
    panels.get('compare')?.replaceChildren(renderCompare({ apps: model.apps, selected: state.compareApp, results: model.results, progress: model.progress }, {
      select: (appKey) => {
        saveState({ compareApp: appKey });
        schedule('compare');
      },
      run: (appKey) => {
        saveState({ compareApp: appKey });
        model.progress.set(appKey, { status: 'running', variant: 'naive', step: 'starting' });
        void requests.request('compare', { appKey }).then(
          (result) => {
            model.progress.set(appKey, { status: 'idle' });
            model.results.set(appKey, result);
          },
          (err: Error) => model.progress.set(appKey, { status: 'failed', message: err.message }),
        ).then(() => schedule('compare'));
        schedule('compare');
      },
    }));
  }
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'reply':
      requests.settle(message);
      break;
    case 'engine':
      showEngine(message.state);
      break;
    case 'endpoint':
      model.endpoint = message.endpoint;
      schedule('top');
      break;
    case 'connection':
      model.connection = message.connection;
      schedule('top');
      break;
    case 'containers':
      if (!model.listed) performance.mark('dockwright:list-received');
      model.rows = new Map(message.rows.map((r) => [r.id, r]));
      model.listed = true;
      schedule('containers');
      break;
    case 'containerUpdate':
      model.rows.set(message.row.id, message.row);
      if (message.timing) arrivals.set(message.row.id, { ...message.timing, receivedAt: Date.now() });
      schedule('containers');
      break;
    case 'containerRemoved':
      model.rows.delete(message.id);
      schedule('containers');
      break;
    case 'showTab':
      showTab(message.tab);
      break;
    case 'logsStarted':
      logsView.start(message.session, message.name, message.tty);
      saveState({ logs: { ...logsOptions, ...state.logs, containerId: message.containerId } });
      break;
    case 'logView':
      logsView.update(message.session, message);
      break;
    case 'logsEnded':
      logsView.ended(message.session, message.reason);
      break;
    case 'images':
      showImages(message);
      break;
    case 'compareProgress':
      model.progress.set(message.appKey, message.progress);
      schedule('compare');
      break;
    case 'compareResult':
      model.results.set(message.appKey, message.result);
      schedule('compare');
      break;
  }
});

buildShell();
schedule('top', 'containers', 'images', 'compare');
post({ type: 'ready' });
