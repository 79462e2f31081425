/** The Containers tab: grouped by compose project, the workspace's first, with actions per row. */
import { formatUptime, groupContainers, imageLabel, portUrl, type ContainerRow } from '../src/core/dashboard/containers';
import type { ContainerActionKind, UpdateTiming } from '../src/shared/protocol';
import { button, el } from './dom';

/** An event's way to this webview: the host's times, and when its message arrived here (epoch ms). */
export interface Arrival extends UpdateTiming {
  receivedAt: number;
}

/** Updates that arrived since the last frame, and when that frame started: stamped on the rows they re-create. */
export interface RowTrace {
  frameAt: number;
  arrivals: Map<string, Arrival>;
}

export interface ContainerActions {
  act(row: ContainerRow, action: ContainerActionKind): void;
  openPort(url: string): void;
}

function stateCell(row: ContainerRow): HTMLElement {
  const cell = el('td', undefined, 'state');
  cell.append(el('span', row.state, `state-badge state-${/^[a-z]+$/.test(row.state) ? row.state : 'unknown'}`));
  if (row.health) cell.append(' ', el('span', row.health, `health health-${row.health}`));
  cell.title = row.status;
  return cell;
}

function portsCell(row: ContainerRow, actions: ContainerActions): HTMLElement {
  const cell = el('td', undefined, 'ports');
  for (const port of row.ports) {
    const url = portUrl(port);
    const text = `${port.hostPort}→${port.containerPort}${port.protocol === 'tcp' ? '' : `/${port.protocol}`}`;
    if (port.protocol === 'tcp' && row.state === 'running') {
      const link = button(text, `Open ${url} in the browser`, () => actions.openPort(url), 'link');
      cell.append(link, ' ');
    } else {
      cell.append(el('span', text), ' ');
    }
  }
  return cell;
}

function actionsCell(row: ContainerRow, actions: ContainerActions): HTMLElement {
  const cell = el('td', undefined, 'actions');
  const running = row.state === 'running' || row.state === 'restarting' || row.state === 'paused';
  const add = (text: string, action: ContainerActionKind, verb: string) =>
    cell.append(button(text, `${verb} ${row.name}`, () => actions.act(row, action)));
  if (running) add('Stop', 'stop', 'Stop');
  else add('Start', 'start', 'Start');
  add('Restart', 'restart', 'Restart');
  add('Logs', 'logs', 'Show the logs of');
  if (row.state === 'running') add('Shell', 'shell', 'Open a shell in');
  add('Inspect', 'inspect', 'Inspect');
  add('Remove', 'remove', 'Remove');
  return cell;
}

function imageCell(row: ContainerRow): HTMLTableCellElement {
  const { text, title } = imageLabel(row);
  const cell = el('td', text, 'image');
  cell.title = title;
  return cell;
}

export function renderContainerRow(row: ContainerRow, actions: ContainerActions, now: number): HTMLTableRowElement {
  const tr = el('tr');
  tr.dataset.id = row.id;
  tr.dataset.state = row.state;
  // When this version of the row was made (epoch ms): the benchmark reads it instead of timing its own polling.
  tr.dataset.renderedAt = String(Date.now());
  const name = el('td', undefined, 'name');
  name.append(el('span', row.name, 'container-name'));
  if (row.service) name.append(el('span', ` ${row.service}`, 'muted service'));
  tr.append(
    name,
    imageCell(row),
    stateCell(row),
    portsCell(row, actions),
    el('td', row.state === 'running' && row.startedAt ? formatUptime(now - row.startedAt) : '', 'uptime'),
    actionsCell(row, actions),
  );
  return tr;
}

/** The table on screen: which rows it holds in which order, and each group's "n/m running" text. */
let onScreen: { layout: string; section: HTMLElement; counts: Map<string, HTMLElement> } | undefined;

const runningText = (rows: ContainerRow[]) => ` ${rows.filter((r) => r.state === 'running').length}/${rows.length} running`;

/**
 * The Containers section. While the groups hold the same rows in the same order (the usual case: a
 * container changed state), the table on screen is patched: only the rows whose text changed are
 * replaced, and the groups' counts. Otherwise it is built anew, reusing the unchanged rows.
 */
export function renderContainers(rows: Iterable<ContainerRow>, actions: ContainerActions, trace: RowTrace): HTMLElement {
  const groups = groupContainers(rows);
  const layout = JSON.stringify(groups.map((g) => [g.title, g.workspace, g.rows.map((r) => r.id)]));
  const now = Date.now();
  if (onScreen?.layout === layout) {
    for (const group of groups) {
      const count = onScreen.counts.get(group.title);
      const text = runningText(group.rows);
      if (count && count.textContent !== text) count.textContent = text;
      for (const row of group.rows) {
        const before = rendered.get(row.id)?.tr;
        const tr = rowElement(row, actions, now, trace);
        if (before && before !== tr) before.replaceWith(tr);
      }
    }
    return onScreen.section;
  }
  const section = el('section', undefined, 'containers');
  section.setAttribute('aria-label', 'Containers');
  const counts = new Map<string, HTMLElement>();
  onScreen = { layout, section, counts };
  if (!groups.length) {
    section.append(el('p', 'No containers. Build & Run an app, or start one with docker run, and it appears here.', 'muted'));
    return section;
  }
  const table = el('table', undefined, 'grid');
  const head = el('thead');
  const headRow = el('tr');
  for (const title of ['Name', 'Image', 'State', 'Ports', 'Up', 'Actions']) headRow.append(el('th', title));
  head.append(headRow);
  table.append(head);
  const listed = new Set<string>();
  for (const group of groups) {
    const body = el('tbody', undefined, group.workspace ? 'group workspace' : 'group');
    body.dataset.project = group.project ?? '';
    const titleRow = el('tr', undefined, 'group-title');
    const th = el('th');
    th.colSpan = 6;
    th.scope = 'rowgroup';
    th.append(el('span', group.project ? `Compose project: ${group.title}` : group.title));
    if (group.workspace && group.project) th.append(el('span', ' this workspace', 'muted'));
    const count = el('span', runningText(group.rows), 'muted');
    counts.set(group.title, count);
    th.append(count);
    titleRow.append(th);
    body.append(titleRow);
    for (const row of group.rows) {
      listed.add(row.id);
      body.append(rowElement(row, actions, now, trace));
    }
    table.append(body);
  }
  for (const id of rendered.keys()) if (!listed.has(id)) rendered.delete(id);
  section.append(table);
  return section;
}

/**
 * Rows already on screen, by container id: an update to one container re-creates its row only,
 * and the other rows (with their buttons) move into the new table as they are. A row is reused
 * while what it shows reads the same: the inspect that refines an event's row usually changes
 * nothing visible, and re-creating the row then would only cost a frame's work.
 */
const rendered = new Map<string, { shown: string; tr: HTMLTableRowElement }>();

/** Everything a row shows (its buttons act on the id alone). */
function shownAs(row: ContainerRow, uptime: string): string {
  return JSON.stringify([row.name, row.service, imageLabel(row), row.state, row.health, row.status, row.ports, uptime]);
}

function rowElement(row: ContainerRow, actions: ContainerActions, now: number, trace: RowTrace): HTMLTableRowElement {
  const uptime = row.state === 'running' && row.startedAt ? formatUptime(now - row.startedAt) : '';
  const shown = shownAs(row, uptime);
  const kept = rendered.get(row.id);
  if (kept?.shown === shown) return kept.tr;
  const tr = renderContainerRow(row, actions, now);
  const arrival = trace.arrivals.get(row.id);
  if (arrival) {
    // The way of the event this row shows, for the benchmark's breakdown of event → row.
    tr.dataset.eventAt = String(arrival.eventAt);
    tr.dataset.postedAt = String(arrival.postedAt);
    tr.dataset.receivedAt = String(arrival.receivedAt);
    tr.dataset.frameAt = String(trace.frameAt);
  }
  rendered.set(row.id, { shown, tr });
  return tr;
}
