/**
 * Containers as the dashboard shows them: rows from the Engine API's container list, grouped by
 * compose project (the com.docker.compose.* labels, which Compose v2 and 1.29 both set), with the
 * current workspace's containers first. Pure: the adapter passes the API's JSON in.
 */
import { APP_LABEL } from '../build/appLaunch';

/** The fields of GET /containers/json the dashboard reads. */
export interface ContainerListEntry {
  Id: string;
  Names?: string[];
  Image?: string;
  /** The image the container runs, by id (sha256:…), whatever its tag says now. */
  ImageID?: string;
  State?: string;
  Status?: string;
  Created?: number;
  Ports?: { IP?: string; PrivatePort: number; PublicPort?: number; Type?: string }[];
  Labels?: Record<string, string> | null;
}

export type Health = 'healthy' | 'unhealthy' | 'starting';

export interface PublishedPort {
  hostIp: string;
  hostPort: number;
  containerPort: number;
  protocol: string;
}

export interface ContainerRow {
  id: string;
  name: string;
  image: string;
  /** The build the container runs (sha256:…), empty when unknown. */
  imageId: string;
  /**
   * The build its image name points to now, when that is not the one it runs: the image was
   * rebuilt (or pulled again) after the container was created. Set by the host (see rebuiltRow).
   */
  rebuilt?: string;
  /** created, running, paused, restarting, removing, exited, dead */
  state: string;
  health?: Health;
  /** The daemon's own words, e.g. "Up 3 minutes (healthy)" or "Exited (0) 2 hours ago". */
  status: string;
  ports: PublishedPort[];
  /** Epoch ms; for running containers, an estimate of when they started (from the status text). */
  createdAt: number;
  startedAt?: number;
  project?: string;
  service?: string;
  /** The compose project's folder (working_dir label). */
  workingDir?: string;
  /** The dockwright.app label Build & Run sets. */
  app?: string;
  /** Whether it belongs to the open workspace (set by the host; see isWorkspaceContainer). */
  workspace: boolean;
}

export const LABELS = {
  composeProject: 'com.docker.compose.project',
  composeService: 'com.docker.compose.service',
  composeWorkingDir: 'com.docker.compose.project.working_dir',
  app: APP_LABEL,
} as const;

const UNITS: Record<string, number> = { second: 1, minute: 60, hour: 3600, day: 86400, week: 604800, month: 2592000, year: 31536000 };

/** Seconds in Docker's human duration ("3 minutes", "About an hour", "Less than a second"). */
export function parseHumanDuration(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (t.startsWith('less than a second')) return 0;
  const m = /^(about an?|an?|\d+)\s+(second|minute|hour|day|week|month|year)s?/.exec(t);
  if (!m) return undefined;
  const count = /^\d+$/.test(m[1]) ? Number(m[1]) : 1;
  return count * UNITS[m[2]];
}

export function healthOf(status: string): Health | undefined {
  if (/\(healthy\)/.test(status)) return 'healthy';
  if (/\(unhealthy\)/.test(status)) return 'unhealthy';
  if (/\(health: starting\)/.test(status)) return 'starting';
  return undefined;
}

export function toContainerRow(entry: ContainerListEntry, now: number): ContainerRow {
  const labels = entry.Labels ?? {};
  const status = entry.Status ?? '';
  const up = /^Up\s+(.*?)(\s+\(.*\))?$/.exec(status);
  const upSeconds = up ? parseHumanDuration(up[1]) : undefined;
  const seen = new Set<string>();
  const ports: PublishedPort[] = [];
  for (const p of entry.Ports ?? []) {
    if (!p.PublicPort) continue;
    const port = { hostIp: p.IP ?? '0.0.0.0', hostPort: p.PublicPort, containerPort: p.PrivatePort, protocol: p.Type ?? 'tcp' };
    // IPv4 and IPv6 bindings of one port are one link for a person.
    const key = `${port.hostPort}/${port.protocol}`;
    if (seen.has(key)) continue;
    seen.add(key);
    ports.push(port);
  }
  return {
    id: entry.Id,
    name: (entry.Names?.[0] ?? entry.Id.slice(0, 12)).replace(/^\//, ''),
    image: entry.Image ?? '',
    imageId: entry.ImageID ?? '',
    state: entry.State ?? 'unknown',
    health: healthOf(status),
    status,
    ports: ports.sort((a, b) => a.hostPort - b.hostPort),
    createdAt: (entry.Created ?? 0) * 1000,
    startedAt: upSeconds === undefined ? undefined : now - upSeconds * 1000,
    project: labels[LABELS.composeProject] || undefined,
    service: labels[LABELS.composeService] || undefined,
    workingDir: labels[LABELS.composeWorkingDir] || undefined,
    app: labels[LABELS.app] || undefined,
    workspace: false,
  };
}

/** The fields of GET /containers/{id}/json the dashboard reads (for updates after an event). */
export interface ContainerInspectEntry {
  Id: string;
  Name?: string;
  Created?: string;
  /** The id of the image it runs. */
  Image?: string;
  Config?: { Image?: string; Labels?: Record<string, string> | null };
  State?: { Status?: string; ExitCode?: number; StartedAt?: string; FinishedAt?: string; Health?: { Status?: string } | null };
  NetworkSettings?: { Ports?: Record<string, { HostIp?: string; HostPort?: string }[] | null> | null };
}

/**
 * A row from an inspect. After an event the dashboard inspects rather than lists: the daemon
 * sends "die" before its list shows the container as exited, but inspect waits for the
 * container's lock and so sees the new state.
 */
export function rowFromInspect(info: ContainerInspectEntry, now: number): ContainerRow {
  const state = info.State?.Status ?? 'unknown';
  const health = info.State?.Health?.Status;
  const startedAt = state === 'running' && info.State?.StartedAt ? Date.parse(info.State.StartedAt) : undefined;
  const status = state === 'running' ? `Up${health ? ` (${health === 'starting' ? 'health: starting' : health})` : ''}`
    : state === 'exited' ? `Exited (${info.State?.ExitCode ?? 0})` : state.charAt(0).toUpperCase() + state.slice(1);
  const ports: ContainerListEntry['Ports'] = [];
  for (const [key, bindings] of Object.entries(info.NetworkSettings?.Ports ?? {})) {
    const [port, type] = key.split('/');
    for (const b of bindings ?? []) ports.push({ IP: b.HostIp || '0.0.0.0', PrivatePort: Number(port), PublicPort: Number(b.HostPort), Type: type });
  }
  const row = toContainerRow({
    Id: info.Id, Names: [info.Name ?? ''], Image: info.Config?.Image, ImageID: info.Image, State: state, Status: status,
    Created: info.Created ? Date.parse(info.Created) / 1000 : 0, Ports: ports, Labels: info.Config?.Labels ?? {},
  }, now);
  return { ...row, health: health === 'healthy' || health === 'unhealthy' || health === 'starting' ? health : undefined, startedAt };
}

const DIGEST = /^(?:sha256:)?([0-9a-f]{12})(?:[0-9a-f]{52})?$/;

/** Whether the daemon gave an image id where a name would be (an untagged image, or a tag that moved on). */
export function isImageId(image: string): boolean {
  return DIGEST.test(image);
}

/** An image name as the daemon's tags spell it: "redis" is "redis:latest", Docker Hub's prefixes dropped. */
export function imageTagKey(name: string): string {
  const bare = name.replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\/(?:library\/)?/, '');
  if (bare.includes('@')) return bare;
  return /:[^/]+$/.test(bare) ? bare : `${bare}:latest`;
}

/** The row with `rebuilt` set when its image name now points (per `current`: tag key → id) to another build. */
export function rebuiltRow(row: ContainerRow, current: ReadonlyMap<string, string>): ContainerRow {
  const now = isImageId(row.image) ? undefined : current.get(imageTagKey(row.image));
  const rebuilt = now && row.imageId && now !== row.imageId ? now : undefined;
  return rebuilt === row.rebuilt ? row : { ...row, rebuilt };
}

const shortIdOf = (id: string) => DIGEST.exec(id)?.[1];

/**
 * The Image column: the name it was started from, or the short id of an untagged image (the daemon
 * lists the id when the image has no tag, or when its tag moved on to a newer build). A container
 * whose image was rebuilt since says which build it still runs. The tooltip names the exact build.
 */
export function imageLabel(row: Pick<ContainerRow, 'image' | 'imageId' | 'rebuilt'>): { text: string; title: string } {
  const shortId = shortIdOf(row.imageId);
  const digest = DIGEST.exec(row.image);
  if (digest) {
    return { text: digest[1], title: `Image ${row.imageId || row.image}: untagged, or its tag now points to a newer build than this container runs` };
  }
  if (row.rebuilt && shortId) {
    return {
      text: `${row.image} (old build ${shortId})`,
      title: `${row.image} is now build ${shortIdOf(row.rebuilt) ?? row.rebuilt}; this container still runs build ${shortId} (${row.imageId}). Recreate it to run the new one.`,
    };
  }
  return { text: row.image, title: shortId ? `${row.image}, build ${shortId} (${row.imageId})` : row.image };
}

/** What the workspace is, for telling its containers apart: folder paths and detected app roots. */
export interface WorkspaceInfo {
  /** Absolute paths of the workspace folders, with "/" separators. */
  folders: string[];
  /** Detected apps: absolute root and the name generated files use. */
  apps: { root: string; name: string }[];
}

const trimSlash = (p: string) => p.replace(/\\/g, '/').replace(/\/+$/, '');
const inside = (path: string, folder: string) => {
  const p = trimSlash(path);
  const f = trimSlash(folder);
  return p === f || p.startsWith(`${f}/`);
};

/** A container belongs to the workspace when Build & Run made it for one of its apps or compose ran in it. */
export function isWorkspaceContainer(row: Pick<ContainerRow, 'app' | 'workingDir'>, workspace: WorkspaceInfo): boolean {
  const { app, workingDir: dir } = row;
  if (app) {
    if (workspace.apps.some((a) => a.name === app || trimSlash(a.root) === trimSlash(app))) return true;
    if (workspace.folders.some((f) => inside(app, f))) return true;
  }
  return Boolean(dir && workspace.folders.some((f) => inside(dir, f)));
}

export interface ContainerGroup {
  /** The compose project, or undefined for containers that are not part of one. */
  project?: string;
  title: string;
  workspace: boolean;
  rows: ContainerRow[];
}

const STATE_ORDER: Record<string, number> = { running: 0, restarting: 1, paused: 2, created: 3, exited: 4, dead: 5 };

function compareRows(a: ContainerRow, b: ContainerRow): number {
  if (a.workspace !== b.workspace) return a.workspace ? -1 : 1;
  const state = (STATE_ORDER[a.state] ?? 9) - (STATE_ORDER[b.state] ?? 9);
  if (state) return state;
  return (a.service ?? a.name).localeCompare(b.service ?? b.name) || a.name.localeCompare(b.name);
}

/** Compose projects first (the workspace's before the others), then the loose containers. */
export function groupContainers(rows: Iterable<ContainerRow>): ContainerGroup[] {
  const projects = new Map<string, ContainerRow[]>();
  const loose: ContainerRow[] = [];
  for (const row of rows) {
    if (!row.project) loose.push(row);
    else projects.set(row.project, [...(projects.get(row.project) ?? []), row]);
  }
  const groups: ContainerGroup[] = [...projects].map(([project, members]) => ({
    project,
    title: project,
    workspace: members.some((r) => r.workspace),
    rows: members.sort(compareRows),
  }));
  groups.sort((a, b) => (a.workspace === b.workspace ? a.title.localeCompare(b.title) : a.workspace ? -1 : 1));
  if (loose.length) {
    const workspaceLoose = loose.filter((r) => r.workspace);
    const other = loose.filter((r) => !r.workspace);
    if (workspaceLoose.length) groups.unshift({ title: 'This workspace', workspace: true, rows: workspaceLoose.sort(compareRows) });
    if (other.length) groups.push({ title: groups.length ? 'Other containers' : 'Containers', workspace: false, rows: other.sort(compareRows) });
  }
  return groups;
}

/** "3m", "2h 5m", "4d 1h": how long a container has been up. */
export function formatUptime(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h}h ${m % 60}m` : `${h}h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d}d ${h % 24}h` : `${d}d`;
}

/** The URL a published port opens: a wildcard bind is reached on localhost. */
export function portUrl(port: PublishedPort): string {
  const host = port.hostIp === '0.0.0.0' || port.hostIp === '::' || port.hostIp === '' ? 'localhost'
    : port.hostIp.includes(':') ? `[${port.hostIp}]` : port.hostIp;
  return `http://${host}:${port.hostPort}/`;
}
