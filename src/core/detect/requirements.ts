/**
 * Requirement strings (PEP 508) and pip requirements files: names, extras and markers, with `-r`
 * includes, comments, continuation lines, editable installs, URLs and per-line options.
 */
export interface Requirement {
  /** Normalized (PEP 503): lowercase, runs of `-_.` as one `-`. */
  name: string;
  extras: string[];
  marker: string | null;
  /** The exact version of a `==` pin (`psycopg2-binary==2.9.9` → '2.9.9'), when pinned. */
  pin?: string;
}

export interface RequirementsFile {
  requirements: Requirement[];
  /** Files named by `-r`/`--requirement`, as written (relative to the including file's folder). */
  includes: string[];
  /** Local folders installed from (`./vendor/lib`, `-e ../shared`), as written. */
  localPaths: string[];
}

export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** `uvicorn[standard]>=0.30; python_version >= "3.9"` → { name: 'uvicorn', extras: ['standard'], marker }. */
export function parseRequirement(text: string): Requirement | null {
  const [spec, ...markerParts] = text.split(';');
  const marker = markerParts.join(';').trim() || null;
  const match = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?/.exec(spec);
  if (!match) return null;
  const extras = (match[2] ?? '').split(',').map((e) => normalizeName(e.trim())).filter(Boolean);
  const pin = /^\s*===?\s*([0-9][\w.]*)\s*$/.exec(spec.slice(match[0].length))?.[1];
  return { name: normalizeName(match[1]), extras, marker, ...(pin ? { pin } : {}) };
}

export function parseRequirementsFile(text: string): RequirementsFile {
  const out: RequirementsFile = { requirements: [], includes: [], localPaths: [] };
  for (const line of logicalLines(text)) {
    const option = /^(-r|--requirement|-e|--editable)(?:\s*=\s*|\s+)(\S+)/.exec(line);
    if (option) {
      if (option[1] === '-r' || option[1] === '--requirement') out.includes.push(option[2]);
      else if (isLocalPath(option[2])) out.localPaths.push(option[2]);
      else pushEgg(option[2], out.requirements);
      continue;
    }
    if (line.startsWith('-')) continue; // -c, -i, --index-url, --find-links…: not dependencies
    if (isLocalPath(line)) {
      out.localPaths.push(line.split(/\s/)[0]);
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(line)) {
      pushEgg(line, out.requirements);
      continue;
    }
    // Per-requirement options (`--hash=…`) follow the requirement.
    const requirement = parseRequirement(line.replace(/\s--?[a-z-]+(=\S*)?(\s|$).*$/i, ''));
    if (requirement) out.requirements.push(requirement);
  }
  return out;
}

/** `./vendor/lib`, `../shared`; not `.` (the project itself, which the image copies anyway). */
function isLocalPath(target: string): boolean {
  return /^\.{1,2}\/\S/.test(target);
}

/** A URL or path install names its package only in `#egg=name`. */
function pushEgg(target: string, into: Requirement[]): void {
  const egg = /[#&]egg=([^&\s]+)/.exec(target);
  const requirement = egg ? parseRequirement(egg[1]) : null;
  if (requirement) into.push(requirement);
}

function* logicalLines(text: string): Generator<string> {
  let pending = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '');
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    const full = (pending + line).trim();
    pending = '';
    if (full) yield full;
  }
  if (pending.trim()) yield pending.trim();
}
