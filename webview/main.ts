import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import type { DashboardViewState, EngineState, HostMessage, WebviewMessage } from '../src/shared/protocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): DashboardViewState | undefined;
  setState(state: DashboardViewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;
let state: DashboardViewState = vscode.getState() ?? {};
let nextRequest = 1;

/** Builds an element with text content only: daemon data never becomes HTML. */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function field(list: HTMLElement, label: string, value: string): void {
  list.append(el('dt', label), el('dd', value));
}

function renderEngine(engine: EngineState | undefined): HTMLElement {
  const section = el('section', undefined, 'engine');
  section.setAttribute('aria-label', 'Docker engine');
  const heading = el('h2', 'Docker engine');
  section.append(heading);
  if (!engine) {
    section.append(el('p', 'Checking the engine…'));
    return section;
  }
  if (engine.status === 'running') {
    const s = engine.summary;
    const badge = el('vscode-badge', 'running');
    heading.append(' ', badge);
    const list = el('dl');
    field(list, 'Version', `${s.version} (API ${s.apiVersion})`);
    field(list, 'Platform', `${s.os}/${s.arch}`);
    field(list, 'Endpoint', s.context ? `${s.endpoint} (context ${s.context})` : s.endpoint);
    field(list, 'Running containers', String(s.containersRunning));
    field(list, 'Images', String(s.images));
    section.append(list);
  } else {
    section.classList.add('error');
    section.append(el('p', engine.failure.message, 'message'), el('p', engine.failure.fix, 'fix'));
  }
  section.append(el('p', `Checked ${new Date(engine.checkedAt).toLocaleTimeString()}`, 'muted'));
  return section;
}

function render(): void {
  const header = el('header');
  header.append(el('h1', 'Dockwright'));
  const refresh = el('vscode-button', 'Refresh');
  refresh.setAttribute('aria-label', 'Check the Docker engine again');
  refresh.addEventListener('click', () => vscode.postMessage({ type: 'refresh', requestId: nextRequest++ }));
  header.append(refresh);
  app.replaceChildren(header, renderEngine(state.lastEngine));
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'engine':
      state = { ...state, lastEngine: message.state };
      vscode.setState(state);
      render();
      break;
  }
});

render();
vscode.postMessage({ type: 'ready' });
