/**
 * What a container event says about its row, applied the moment the event arrives: the daemon's
 * event carries the new state (and the exit code, the health, the new name), so the row need not
 * wait for an inspect round trip. The watcher still inspects afterwards and refines the row.
 */
import type { ContainerRow } from './containers';

export interface ContainerEvent {
  Action?: string;
  status?: string;
  /** Nanoseconds since the epoch. */
  timeNano?: number;
  time?: number;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

function at(event: ContainerEvent): number {
  return event.timeNano ? Math.floor(event.timeNano / 1e6) : (event.time ?? 0) * 1000;
}

/** The row as the event leaves it, or null when the event says nothing the row shows (or the row is unknown). */
export function rowAfterEvent(row: ContainerRow | undefined, event: ContainerEvent): ContainerRow | null {
  if (!row) return null;
  const action = event.Action ?? event.status ?? '';
  const attributes = event.Actor?.Attributes ?? {};
  switch (action.split(':')[0]) {
    case 'start':
    case 'restart':
    case 'unpause':
      return { ...row, state: 'running', status: 'Up', health: undefined, startedAt: action === 'unpause' ? row.startedAt : at(event) || row.startedAt };
    case 'die': {
      const code = attributes.exitCode ?? '0';
      return { ...row, state: 'exited', status: `Exited (${code})`, health: undefined, startedAt: undefined };
    }
    case 'pause':
      return { ...row, state: 'paused', status: 'Paused' };
    case 'health_status': {
      const health = action.slice(action.indexOf(':') + 1).trim();
      if (health !== 'healthy' && health !== 'unhealthy' && health !== 'starting') return null;
      return { ...row, health, status: `Up (${health === 'starting' ? 'health: starting' : health})` };
    }
    case 'rename':
      return attributes.name ? { ...row, name: attributes.name.replace(/^\//, '') } : null;
    default:
      return null;
  }
}
