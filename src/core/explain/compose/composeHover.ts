/**
 * Hovers on a compose file: every key it knows, a service's name, and the values that need
 * reading twice (a port mapping, a volume entry, an image, a depends_on condition).
 */
import { COMPOSE_KEYS, composeKeyKnowledge } from '../../knowledge/composeKeys';
import { IMAGES, tagParts } from '../../knowledge/images';
import { REFERENCE } from '../../knowledge/references';
import type { AppFacts } from '../../detect/types';
import { withAppPort } from '../examples';
import { appPortSource } from '../listenPort';
import { partMarkdown } from '../render';
import type { ExplainContext, Hover, Position } from '../types';
import { locate, repositoryOf, type ComposeModel } from './composeModel';

/** The detected app, when the service at `path` is the one built from it (a service with `build:`); null for the others. */
function appOf(model: ComposeModel, path: string[], context: ExplainContext) {
  const service = path[0] === 'services' ? model.services.find((s) => s.name === path[1]) : undefined;
  return service?.builds ? context.app ?? null : null;
}

function portText(value: string, app: AppFacts | null): string {
  const plain = value.replace(/\$\{([^}:]*)(?::?-([^}]*))?\}/g, (_m, name: string, fallback?: string) => fallback ?? `$${name}`).replace(/\/\w+$/, '');
  const parts = plain.split(':');
  const container = parts.pop() ?? '';
  const host = parts.pop();
  const ip = parts.pop();
  const lines = [host
    ? `Requests to ${ip ?? 'any address of your machine'}${ip ? '' : ','} port ${host} reach port ${container} inside the container.`
    : `Publishes container port ${container} on a random free port of your machine (see \`docker compose port\`).`];
  if (ip === '127.0.0.1' || ip === 'localhost') lines.push('Only this machine can connect: other computers on the network cannot.');
  else if (host) lines.push('Without an address in front, the port is open to your whole network; `127.0.0.1:HOST:CONTAINER` limits it to this machine.');
  const source = app ? appPortSource(app) : null;
  if (app && source) lines.push(`The app listens on ${app.port}, per ${source}: the container side must be ${app.port}.`);
  else lines.push('The container side must be the port the service listens on inside its container.');
  return lines.join('\n\n');
}

function volumeText(value: string): string {
  const [source, target] = value.split(':');
  if (target === undefined) return `An anonymous volume at ${source}: it survives restarts but is hard to find again; name it.`;
  if (/^[./~]/.test(source)) return `A bind mount: the folder ${source} of your machine appears at ${target}. Edits show up at once: good for code during development, not for a database.`;
  return `The named volume ${source}, mounted at ${target}. Docker keeps it when the container goes away, so data there survives \`docker compose down\`.`;
}

const CONDITIONS: Record<string, string> = {
  service_started: 'Waits only until the container has started. A database may still be initializing and refuse connections.',
  service_healthy: 'Waits until the service\'s healthcheck passes: it really accepts connections.',
  service_completed_successfully: 'Waits until the service has run to completion with exit code 0, e.g. a migration job.',
};

const RESTART: Record<string, string> = {
  no: 'Never restarts the container (the default).',
  always: 'Restarts it whenever it stops, even after you stopped it, once the Docker daemon restarts.',
  'on-failure': 'Restarts it only when it exits with an error.',
  'unless-stopped': 'Restarts it when it stops, unless you stopped it yourself.',
};

function valueHover(path: string[], value: string, app: AppFacts | null): { label: string; text: string; reference: string } | null {
  const [top, , key, , nested] = path;
  if (top !== 'services') return null;
  if (key === 'ports') return { label: value, text: portText(value, app), reference: REFERENCE.composeService('ports') };
  if (key === 'volumes') return { label: value, text: volumeText(value), reference: REFERENCE.composeService('volumes') };
  if (key === 'image') {
    const repository = repositoryOf(value);
    const tag = /:([^/:@]+)(@|$)/.exec(value)?.[1] ?? null;
    const text = [IMAGES[repository]?.text ?? `The image ${repository}.`, ...tagParts(repository, tag, value.includes('@') ? value.split('@')[1] : null)].join('\n\n');
    return { label: value, text, reference: REFERENCE.image(repository) };
  }
  if (key === 'depends_on' && nested === 'condition' && CONDITIONS[value]) return { label: value, text: CONDITIONS[value], reference: REFERENCE.composeStartup };
  if (key === 'restart' && RESTART[value]) return { label: `restart: ${value}`, text: RESTART[value], reference: REFERENCE.composeService('restart') };
  if (key === 'environment' && /:\/\/[^/]*@?[\w.-]+/.test(value)) {
    const host = /:\/\/(?:[^@/]*@)?([^:/?]+)/.exec(value)?.[1] ?? '';
    return { label: host, text: `The host part, ${host}, is resolved on the compose network: service names are host names there, and localhost is the container itself.`,
      reference: REFERENCE.composeNetworking };
  }
  return null;
}

export function composeHover(model: ComposeModel, position: Position, context: ExplainContext = {}): Hover | null {
  const at = locate(model, position);
  if (!at) return null;
  const { path } = at;
  if (at.on === 'key' && path[0] === 'services' && path.length === 2) {
    return { range: at.range, markdown: partMarkdown(path[1], 'service', `One container of the application (or several, when scaled). `
      + `Other services reach it at the host name \`${path[1]}\` on the compose network.`, null, COMPOSE_KEYS.services.reference) };
  }
  if (at.on === 'key' && path[0] === 'volumes' && path.length === 2) {
    return { range: at.range, markdown: partMarkdown(path[1], 'named volume', COMPOSE_KEYS.volumes.text, null, COMPOSE_KEYS.volumes.reference) };
  }
  if (at.on === 'key' && path[2] === 'depends_on' && path.length === 4) {
    const waits = COMPOSE_KEYS['service.depends_on'];
    return { range: at.range, markdown: partMarkdown(path[3], `dependency of ${path[1]}`, `${path[1]} waits for the service ${path[3]} to start. ${waits.text}`, null, waits.reference) };
  }
  if (at.on === 'value') {
    const special = valueHover(path, String((at.node as { value?: unknown }).value ?? ''), appOf(model, path, context));
    if (special) return { range: at.range, markdown: partMarkdown(special.label, path[path.length - 1], special.text, null, special.reference) };
  }
  const knowledge = composeKeyKnowledge(path);
  if (!knowledge) return null;
  const example = withAppPort(knowledge.example, appOf(model, path, context));
  return { range: at.range, markdown: partMarkdown(path[path.length - 1], path.length > 2 ? `in ${path[1]}` : 'compose', knowledge.text, example, knowledge.reference, 'yaml') };
}
