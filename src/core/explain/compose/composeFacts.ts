/**
 * What the compose checks and hovers read from a service, with positions: environment entries,
 * published ports, its command as a server start, and the port its app listens on.
 */
import { isMap, isPair, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import type { AppFacts } from '../../detect/types';
import type { InstructionNode, Word } from '../../dockerfile';
import { appPortSource } from '../listenPort';
import { serverInCommand } from '../serverStart';
import type { Range } from '../types';
import type { ComposeModel, ComposeService } from './composeModel';
import { positionAt, rangeOf, valueOf } from '../yamlPositions';

export interface EnvEntry {
  name: string;
  value: string;
  /** Offset in the file where the value's text starts. */
  valueOffset: number;
}

/** Where the value of a scalar starts in the file (after an opening quote). */
export function contentStart(node: Scalar): number {
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  return (node.range?.[0] ?? 0) + (quoted ? 1 : 0);
}

export function environment(service: ComposeService): EnvEntry[] {
  const env = valueOf(service.map, 'environment');
  if (isMap(env)) {
    return env.items.filter((p) => isPair(p) && isScalar(p.key) && isScalar(p.value) && p.value.value !== null)
      .map((p) => ({ name: String((p.key as Scalar).value), value: String((p.value as Scalar).value), valueOffset: contentStart(p.value as Scalar) }));
  }
  if (!isSeq(env)) return [];
  return env.items.filter((i): i is Scalar => isScalar(i) && String(i.value).includes('=')).map((i) => {
    const [name, ...rest] = String(i.value).split('=');
    return { name, value: rest.join('='), valueOffset: contentStart(i) + name.length + 1 };
  });
}

export interface PublishedPort {
  node: Node;
  /** As written, e.g. "127.0.0.1:8000:8000". */
  written: string;
  container: number | null;
  /** The range of the container port's digits, for a fix. */
  containerRange: Range | null;
}

/** `ports:` entries: "HOST:CONTAINER", "IP:HOST:CONTAINER", "CONTAINER", "/tcp", and the long form's target. */
export function publishedPorts(model: ComposeModel, service: ComposeService): PublishedPort[] {
  const ports = valueOf(service.map, 'ports');
  if (!isSeq(ports)) return [];
  return ports.items.flatMap((item): PublishedPort[] => {
    if (isMap(item)) {
      const target = valueOf(item, 'target');
      const port = isScalar(target) ? Number(target.value) : NaN;
      return [{ node: item as Node, written: `target ${String(isScalar(target) ? target.value : '?')}`, container: Number.isInteger(port) ? port : null,
        containerRange: isScalar(target) ? rangeOf(model, target) : null }];
    }
    if (!isScalar(item)) return [];
    const written = String(item.value);
    // Variables like ${APP_PORT:-8000} hold colons of their own: the container port is after the last colon outside them.
    const plain = written.replace(/\$\{[^}]*\}/g, (v) => 'x'.repeat(v.length)).replace(/\/\w+$/, '');
    const container = plain.slice(plain.lastIndexOf(':') + 1);
    if (!/^\d+$/.test(container)) return [{ node: item as Node, written, container: null, containerRange: null }];
    const start = contentStart(item) + plain.length - container.length;
    const onOneLine = positionAt(model, start).line === positionAt(model, contentStart(item)).line;
    return [{ node: item as Node, written, container: Number(container),
      containerRange: onOneLine ? { start: positionAt(model, start), end: positionAt(model, start + container.length) } : null }];
  });
}

/** The service's `command:` as an instruction, so the Dockerfile's server reading applies to it. */
export function commandNode(model: ComposeModel, service: ComposeService): InstructionNode | null {
  const command = valueOf(service.map, 'command');
  let words: Word[] = [];
  let execForm = true;
  if (isSeq(command)) {
    words = command.items.filter(isScalar).map((i) => ({ value: String(i.value), range: rangeOf(model, i as Node) }));
  } else if (isScalar(command) && typeof command.value === 'string') {
    execForm = false;
    const start = contentStart(command);
    words = [...command.value.matchAll(/\S+/g)].map((m) => ({
      value: m[0], range: { start: positionAt(model, start + (m.index ?? 0)), end: positionAt(model, start + (m.index ?? 0) + m[0].length) },
    }));
  }
  if (!words.length) return null;
  const range = rangeOf(model, command as Node);
  return { index: 0, keyword: 'command', range, keywordRange: range, flags: [], words, execForm, argumentsStart: words[0].range.start, properties: [], stage: 0 };
}

/** The port the service's app listens on: from its command, else from the app's own facts. */
export function servicePort(model: ComposeModel, service: ComposeService, app: AppFacts | null | undefined): { port: number; why: string } | null {
  const command = commandNode(model, service);
  const env = new Map(environment(service).map((e) => [e.name, e.value]));
  const start = command && serverInCommand(command, env);
  if (start && start.server !== 'python') {
    return start.port === null ? null : { port: start.port, why: `its command runs ${start.server} on port ${start.port}${start.origin === 'default' ? ' (its default)' : ''}` };
  }
  if (command && !start) return null;
  const source = app && app.portSource !== 'compose' ? appPortSource(app) : null;
  return app && source ? { port: app.port, why: `the app listens on ${app.port}, per ${source}` } : null;
}
