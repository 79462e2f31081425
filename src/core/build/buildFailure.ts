/**
 * Why a build failed, read from BuildKit's plain progress output (`docker build --progress plain`):
 * the step that failed, the few lines of its output that say why, and a hint (knowledge/buildHints).
 *
 * The format, per step ("vertex") N, possibly interleaved with other steps:
 *   #N [builder 5/5] RUN pip install ...     the step's name
 *   #N 0.925 <a line the step printed>       its output, with seconds since it started
 *   #N ERROR: <why it failed>                the failing step (other steps may say CANCELED)
 * Lines without a `#N` prefix come from the CLI itself (e.g. a Dockerfile parse error).
 */
import { hintFor, type BuildHint } from '../knowledge/buildHints';

export interface FailedStep {
  /** As BuildKit names it: "[builder 5/5] RUN pip install ..." or "[internal] load metadata for ...". */
  name: string;
  /** The stage's name ("builder"), or "internal" for BuildKit's own steps; absent for an unnamed stage. */
  stage?: string;
  /** The step's position in its stage, e.g. "5/5". */
  position?: string;
  /** The Dockerfile instruction, e.g. "RUN pip install --no-cache-dir ./vendor/fastmath". */
  instruction: string;
}

export interface BuildFailure {
  /** Absent when the build failed before any step ran (parse error, CLI problem). */
  step?: FailedStep;
  /** The lines that say why, without BuildKit's prefixes, in the order printed. */
  lines: string[];
  hint?: BuildHint;
}

export interface FailureContext {
  /** The build context's .dockerignore, so a hint can tell an excluded file from a missing one. */
  dockerignore?: string;
}

const STEP_NAME = /^#(\d+) (\[([^\]]+)\] (.*))$/;
const STEP_OUTPUT = /^#(\d+) \d+\.\d+ (.*)$/;
const STEP_ERROR = /^#(\d+) ERROR: (.*)$/;
/** What BuildKit, pip, compilers, apt, shells and Python print when something goes wrong. */
const MATTERS = /^(ERROR|E):|^Hint:|^×|\berror:|\bError:|\w+(Error|Exception): |: not found$|No such file or directory/;
/** pip's wrapper lines: true, but they say nothing about the cause. */
const NOISE = /^error: subprocess-exited-with-error$|^note: This error originates from a subprocess/;
const MAX_LINES = 12;
const TAIL_WHEN_NOTHING_MATTERS = 8;

function parseStep(name: string, bracket: string, instruction: string): FailedStep {
  const position = /^(?:(.+) )?(\d+\/\d+)$/.exec(bracket);
  return position
    ? { name, stage: position[1], position: position[2], instruction }
    : { name, stage: bracket, instruction };
}

function unique(lines: string[]): string[] {
  return lines.filter((line, i) => line && lines.indexOf(line) === i);
}

export function analyzeBuildFailure(output: string, context: FailureContext = {}): BuildFailure {
  const names = new Map<string, FailedStep>();
  const logs = new Map<string, string[]>();
  const cliLines: string[] = [];
  let failed: { vertex: string; error: string } | undefined;
  for (const raw of output.split(/\r?\n/)) {
    const line = raw.trimEnd();
    let m: RegExpExecArray | null;
    if ((m = STEP_ERROR.exec(line))) {
      failed ??= { vertex: m[1], error: m[2] };
    } else if ((m = STEP_OUTPUT.exec(line))) {
      logs.set(m[1], [...(logs.get(m[1]) ?? []), m[2].trim()]);
    } else if ((m = STEP_NAME.exec(line))) {
      if (!names.has(m[1])) names.set(m[1], parseStep(m[2], m[3], m[4]));
    } else if (line.trim() && !line.startsWith('#') && !/^-{6,}$|^ > /.test(line)) {
      cliLines.push(line.trim());
    }
  }

  if (!failed) {
    const lines = cliLines.slice(-TAIL_WHEN_NOTHING_MATTERS);
    return { lines, hint: hintFor({ text: lines.join('\n'), dockerignore: context.dockerignore }) };
  }
  const step = names.get(failed.vertex);
  const log = logs.get(failed.vertex) ?? [];
  const mattering = log.filter((l) => MATTERS.test(l) && !NOISE.test(l));
  const why = mattering.length ? mattering : log.filter(Boolean).slice(-TAIL_WHEN_NOTHING_MATTERS);
  const lines = unique([...why, failed.error]).slice(-MAX_LINES);
  const hint = hintFor({ text: [...log, failed.error].join('\n'), step: step?.name, dockerignore: context.dockerignore });
  return { step, lines, hint };
}

/** The step a running build is at, from the latest output, for a progress message. */
export function currentStep(output: string): string | undefined {
  const lines = output.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = STEP_NAME.exec(lines[i].trimEnd());
    if (m && m[3] !== 'internal') return m[2];
  }
  return undefined;
}
