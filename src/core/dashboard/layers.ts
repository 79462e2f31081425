/**
 * An image's layers (its history, newest first) mapped back to the Dockerfile lines that made
 * them. Docker records each instruction of the final stage as a history entry ("RUN /bin/sh -c
 * pip install ... # buildkit", "COPY . . # buildkit", "WORKDIR /app", "/bin/sh -c #(nop)  CMD ..."
 * from the classic builder); the entries below them come from the base image.
 */
import { baseImageOf, finalStage, inherited, type DockerfileModel } from '../dockerfile';

export interface HistoryEntry {
  createdBy: string;
  /** Bytes the layer adds (0 for metadata-only entries such as ENV or CMD). */
  size: number;
}

export interface LayerRow {
  /** The instruction keyword (RUN, COPY, ...) or "FROM" for base-image layers. */
  instruction: string;
  /** What Docker recorded, shortened for a table. */
  createdBy: string;
  size: number;
  origin: 'dockerfile' | 'base';
  /** 1-based line of the Dockerfile instruction that made this layer. */
  line?: number;
  /** That instruction's text (first line), for the table. */
  source?: string;
}

const KEYWORDS = new Set(['RUN', 'COPY', 'ADD', 'ENV', 'WORKDIR', 'USER', 'EXPOSE', 'LABEL', 'CMD', 'ENTRYPOINT',
  'HEALTHCHECK', 'VOLUME', 'ARG', 'SHELL', 'STOPSIGNAL', 'ONBUILD', 'MAINTAINER']);

/** The instruction a history entry came from, or undefined for an imported/base layer. */
export function historyKeyword(createdBy: string): string | undefined {
  let text = createdBy.trim();
  if (!text) return undefined;
  // Classic builder: metadata instructions are "/bin/sh -c #(nop) KEYWORD ...", RUN is the bare command.
  const nop = /^\/bin\/sh -c #\(nop\)\s+(\w+)/.exec(text);
  if (nop) return KEYWORDS.has(nop[1].toUpperCase()) ? nop[1].toUpperCase() : undefined;
  // Build args used by a RUN are recorded in front of it: "|2 A=1 B=2 /bin/sh -c ...".
  text = text.replace(/^\|\d+(\s+\S+=\S*)*\s+/, '');
  if (/^(\/bin\/sh|\/bin\/bash|sh) -c /.test(text)) return 'RUN';
  const word = /^(\w+)/.exec(text)?.[1]?.toUpperCase();
  return word && KEYWORDS.has(word) ? word : undefined;
}

/** A short, readable form of what Docker recorded. */
export function shortCreatedBy(createdBy: string): string {
  return createdBy
    .replace(/^\/bin\/sh -c #\(nop\)\s+/, '')
    .replace(/^\|\d+(\s+\S+=\S*)*\s+/, '')
    .replace(/^(RUN )?\/bin\/sh -c /, 'RUN ')
    .replace(/ # buildkit$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

interface LayerInstruction {
  keyword: string;
  line: number;
  source: string;
}

/** The instructions that made the image's own layers: those of the final stage and of the stages it is built FROM. */
export function layerInstructions(model: DockerfileModel): LayerInstruction[] {
  const stage = finalStage(model);
  if (!stage) return [];
  return inherited(model, stage).filter((n) => n.keyword !== 'FROM')
    .map((n) => ({ keyword: n.keyword, line: n.range.start.line + 1, source: model.lines[n.range.start.line].trim() }));
}

/**
 * Maps history entries (newest first, as the Engine API returns them) to Dockerfile lines.
 * `baseEntries`, when known (the base image's own history length), marks the oldest entries as
 * the base image's even if their keywords would match.
 */
export function mapLayers(history: readonly HistoryEntry[], dockerfile?: DockerfileModel, baseEntries?: number): LayerRow[] {
  const instructions = dockerfile ? layerInstructions(dockerfile) : [];
  const baseImage = dockerfile && baseImageOf(dockerfile, finalStage(dockerfile))?.resolved;
  const ownCount = baseEntries === undefined ? history.length : Math.max(0, history.length - baseEntries);
  let next = instructions.length - 1;
  return history.map((entry, index) => {
    const keyword = historyKeyword(entry.createdBy);
    const base: LayerRow = {
      instruction: keyword ?? 'FROM',
      createdBy: shortCreatedBy(entry.createdBy) || `(layers of ${baseImage ?? 'the base image'})`,
      size: entry.size,
      origin: 'base',
    };
    if (index >= ownCount || !keyword || next < 0) return base;
    let found = next;
    while (found >= 0 && instructions[found].keyword !== keyword) found--;
    if (found < 0) return base;
    next = found - 1;
    const i = instructions[found];
    return { ...base, origin: 'dockerfile', line: i.line, source: i.source };
  });
}

/** Total bytes by origin: what the Dockerfile added on top of its base image. */
export function layerTotals(rows: readonly LayerRow[]): { base: number; dockerfile: number } {
  let base = 0;
  let dockerfile = 0;
  for (const r of rows) {
    if (r.origin === 'base') base += r.size;
    else dockerfile += r.size;
  }
  return { base, dockerfile };
}
