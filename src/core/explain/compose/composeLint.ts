/**
 * Compose checks: localhost in connection strings, databases without a volume, a published port
 * the app does not listen on, depends_on that does not wait for readiness, healthchecks Docker
 * ignores.
 */
import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type Scalar } from 'yaml';
import { databaseOf, isDatabaseAdminUi } from '../../knowledge/images';
import { MESSAGES } from '../../knowledge/lintRules';
import { finding, fix } from '../lint/finding';
import { applyOptions, sortFindings } from '../lint/lint';
import type { ExplainContext, Finding, LintOptions, Position, TextEdit } from '../types';
import { environment, publishedPorts, servicePort } from './composeFacts';
import { composeRisks } from './composeRisks';
import type { ComposeModel, ComposeService } from './composeModel';
import { lineEnd, pairOf, positionAt, rangeOf, text, valueOf } from '../yamlPositions';

const LOCAL_URL = /^([a-z][\w+.-]*):\/\/(?:[^@/\s]*@)?(localhost|127\.0\.0\.1|\[::1\])(?=[:/?]|$)/i;
const LOCAL_HOST = /^(localhost|127\.0\.0\.1)$/;
/** Which kind of server a URL scheme or an env name points at, to find its service. */
const KINDS: [RegExp, string[]][] = [
  [/^postgres|^pg|^db/i, ['postgres', 'postgis', 'db']], [/^mysql|^mariadb/i, ['mysql', 'mariadb', 'db']],
  [/^mongo/i, ['mongo']], [/^redis/i, ['redis', 'valkey']], [/^amqp|^rabbit/i, ['rabbitmq']],
  [/^(celery|broker)/i, ['redis', 'rabbitmq']],
];

const edit = (start: Position, end: Position, newText: string): TextEdit => ({ range: { start, end }, newText });

function targetService(model: ComposeModel, from: ComposeService, hint: string): ComposeService | null {
  const names = KINDS.find(([pattern]) => pattern.test(hint))?.[1] ?? [];
  return model.services.find((s) => s !== from && names.some((n) => s.repository?.includes(n) || s.name === n || s.name.includes(n))) ?? null;
}

function localhost(model: ComposeModel): Finding[] {
  return model.services.filter((s) => !/^(host|service:)/.test(text(valueOf(s.map, 'network_mode')) ?? '')).flatMap((service) =>
    environment(service).flatMap((entry) => {
      const url = LOCAL_URL.exec(entry.value);
      const bare = !url && /HOST$/i.test(entry.name) && LOCAL_HOST.test(entry.value);
      if (!url && !bare) return [];
      const host = url ? url[2] : entry.value;
      const at = url ? url[0].length - host.length : 0;
      const start = positionAt(model, entry.valueOffset + at);
      const end = positionAt(model, entry.valueOffset + at + host.length);
      const target = targetService(model, service, url ? url[1] : entry.name);
      return [finding('composeLocalhost', { start, end }, MESSAGES.composeLocalhost(host, target?.name ?? null),
        target && start.line === end.line ? fix(MESSAGES.composeLocalhostFix(target.name), edit(start, end, target.name)) : null)];
    }));
}

function volumeEdits(model: ComposeModel, service: ComposeService, volume: string, dataPath: string): TextEdit[] | null {
  const image = pairOf(service.map, 'image');
  if (!image || service.map.flow || !isScalar(image.key)) return null;
  const indent = ' '.repeat(positionAt(model, (image.key as Scalar).range?.[0] ?? 0).character);
  const after = lineEnd(model, (image.value as Node | null)?.range?.[1] ?? (image.key as Scalar).range?.[1] ?? 0);
  const edits = [edit(after, after, `\n${indent}volumes:\n${indent}  - ${volume}:${dataPath}`)];
  const unit = ' '.repeat(Math.max(2, positionAt(model, model.services[0].key.range?.[0] ?? 0).character));
  const top = model.volumes;
  if (!top) {
    const end = positionAt(model, model.text.length);
    edits.push(edit(end, end, `${model.text.endsWith('\n') || !model.text ? '' : '\n'}volumes:\n${unit}${volume}:\n`));
  } else if (isMap(top.value) && top.value.items.length && !top.value.flow) {
    const last = top.value.items[top.value.items.length - 1] as Pair;
    const at = lineEnd(model, ((last.value as Node | null) ?? (last.key as Node)).range?.[1] ?? 0);
    const keyIndent = ' '.repeat(positionAt(model, (top.value.items[0].key as Node).range?.[0] ?? 0).character);
    edits.push(edit(at, at, `\n${keyIndent}${volume}:`));
  } else if (top.value === null || (isScalar(top.value) && top.value.value === null)) {
    const at = lineEnd(model, (top.key as Node).range?.[1] ?? 0);
    edits.push(edit(at, at, `\n${unit}${volume}:`));
  } else {
    return null;
  }
  return edits;
}

function databaseVolume(model: ComposeModel): Finding[] {
  return model.services.flatMap((service) => {
    const database = service.repository ? databaseOf(service.repository) : null;
    if (!database || pairOf(service.map, 'volumes') || pairOf(service.map, 'tmpfs')) return [];
    const volume = `${service.name}-data`;
    const edits = volumeEdits(model, service, volume, database.dataPath);
    return [finding('databaseVolume', rangeOf(model, service.key), MESSAGES.databaseVolume(service.name, database.dataPath),
      edits && fix(MESSAGES.databaseVolumeFix(volume), ...edits))];
  });
}

function composePort(model: ComposeModel, context: ExplainContext): Finding[] {
  return model.services.filter((s) => s.builds).flatMap((service) => {
    const ports = publishedPorts(model, service);
    const listen = ports.length ? servicePort(model, service, context.app) : null;
    if (!listen || ports.some((p) => p.container === listen.port || p.container === null)) return [];
    const first = ports[0];
    return [finding('composePort', first.containerRange ?? rangeOf(model, first.node), MESSAGES.composePort(first.written, first.container as number, listen.why),
      first.containerRange && fix(MESSAGES.composePortFix(listen.port), { range: first.containerRange, newText: String(listen.port) }))];
  });
}

function hasHealthcheck(service: ComposeService | undefined): boolean {
  const check = valueOf(service?.map, 'healthcheck');
  return isMap(check) && text(valueOf(check, 'disable')) !== 'true' && pairOf(check, 'test') !== undefined;
}

function dependsOn(model: ComposeModel): Finding[] {
  const byName = new Map(model.services.map((s) => [s.name, s]));
  const needsWait = (name: string) => hasHealthcheck(byName.get(name)) || !!databaseOf(byName.get(name)?.repository ?? '');
  return model.services.flatMap((service) => {
    const pair = pairOf(service.map, 'depends_on');
    if (!pair || !isScalar(pair.key) || isDatabaseAdminUi(service.repository ?? '')) return [];
    const indent = ' '.repeat(positionAt(model, pair.key.range?.[0] ?? 0).character + 2);
    const message = (name: string) => MESSAGES.dependsNoCondition(name) + (hasHealthcheck(byName.get(name)) ? '' : ` ${MESSAGES.dependsNoHealthcheck(name)}`);
    if (isSeq(pair.value)) {
      const seq = pair.value;
      const names = seq.items.map(text).filter((n): n is string => n !== null);
      const waiting = names.filter(needsWait);
      if (!waiting.length) return [];
      const rewrite = names.map((n) => `\n${indent}${n}:\n${indent}  condition: ${hasHealthcheck(byName.get(n)) ? 'service_healthy' : 'service_started'}`).join('');
      const canFix = waiting.some((n) => hasHealthcheck(byName.get(n)));
      const start = positionAt(model, pair.key.range?.[1] ?? 0);
      const end = rangeOf(model, (seq.flow ? seq : seq.items[seq.items.length - 1]) as Node).end;
      return waiting.map((name) => finding('dependsHealthy', rangeOf(model, seq.items[names.indexOf(name)] as Node), message(name),
        canFix ? fix(MESSAGES.dependsFix, edit({ ...start, character: start.character + 1 }, end, rewrite)) : null));
    }
    if (!isMap(pair.value)) return [];
    return pair.value.items.filter(isPair).flatMap((dep) => {
      const name = text(dep.key);
      const condition = valueOf(dep.value, 'condition');
      if (!name || !needsWait(name) || (text(condition) ?? 'service_started') !== 'service_started') return [];
      let repair = null;
      if (hasHealthcheck(byName.get(name))) {
        if (isScalar(condition)) repair = fix(MESSAGES.dependsFix, { range: rangeOf(model, condition), newText: 'service_healthy' });
        else if (dep.value === null || isMap(dep.value)) {
          const at = lineEnd(model, ((dep.value as Node | null) ?? (dep.key as Node)).range?.[1] ?? 0);
          const column = isMap(dep.value) && dep.value.items[0] ? positionAt(model, (dep.value.items[0].key as Node).range?.[0] ?? 0).character : positionAt(model, (dep.key as Node).range?.[0] ?? 0).character + 2;
          repair = fix(MESSAGES.dependsFix, edit(at, at, `\n${' '.repeat(column)}condition: service_healthy`));
        }
      }
      return [finding('dependsHealthy', rangeOf(model, dep.key as Node), message(name), repair)];
    });
  });
}

function healthcheckTest(model: ComposeModel): Finding[] {
  return model.services.flatMap((service) => {
    const test = valueOf(valueOf(service.map, 'healthcheck'), 'test');
    const first = isSeq(test) ? test.items[0] : null;
    const value = text(first);
    if (!isScalar(first) || value === null || ['CMD', 'CMD-SHELL', 'NONE'].includes(value)) return [];
    const replacement = isSeq(test) && test.items.length === 2 ? 'CMD-SHELL' : 'CMD';
    const quoted = first.type === 'QUOTE_DOUBLE' ? `"${replacement}"` : first.type === 'QUOTE_SINGLE' ? `'${replacement}'` : replacement;
    return [finding('healthcheckTest', rangeOf(model, first), MESSAGES.healthcheckTest(value),
      fix(MESSAGES.healthcheckTestFix(replacement), { range: rangeOf(model, first), newText: quoted }))];
  });
}

export function lintCompose(model: ComposeModel, context: ExplainContext = {}, options: LintOptions = {}): Finding[] {
  const findings = model.errors.map((e) => finding('composeSyntax', e.range, e.message));
  if (!model.errors.length) {
    findings.push(...localhost(model), ...databaseVolume(model), ...composePort(model, context), ...dependsOn(model), ...healthcheckTest(model), ...composeRisks(model, context));
  }
  return sortFindings(applyOptions(findings, options));
}
