import type { SourceFindings } from './apps';
import type { ModuleIndex } from './modules';
import { basename } from './paths';
import type { ModuleFacts } from './python/moduleFacts';
import type { Requirement } from './requirements';
import { optionValue, type RunCommand } from './runConfig';
import type { DetectWarning, Worker, WorkerKind } from './types';
import { WARNING, warning } from './warnings';

/**
 * The workers beside a web app: Celery (worker and beat), RQ, arq and Dramatiq, each from its real
 * use in the project's modules, with the command the project itself runs it with when it has one.
 */
export function findWorkers(
  modules: [string, ModuleFacts][], index: ModuleIndex, findings: SourceFindings, requirements: readonly Requirement[],
  commands: readonly RunCommand[], warnings: DetectWarning[],
): Worker[] {
  const declared = (kind: WorkerKind) => commands.find((c) => commandKind(c.words) === kind) ?? null;
  const withCommand = (worker: Worker, kind: WorkerKind): Worker => {
    const own = declared(kind);
    return own ? { ...worker, command: own.words.join(' '), file: own.file, line: own.line } : worker;
  };
  const workers: Worker[] = [];

  const celery = findings.celery.find((c) => modules.some(([file]) => file === c.file));
  const celeryCommand = declared('celery');
  const beat = modules.find(([, facts]) => facts.use.celeryBeat !== null);
  if (celery) {
    const module = index.moduleName(celery.file);
    const app = `${module}${celery.variable === 'celery' || celery.variable === 'app' ? '' : `:${celery.variable}`}`;
    workers.push(withCommand({ kind: 'celery', module, variable: celery.variable, command: `celery -A ${app} worker --loglevel=info`, file: celery.file, line: celery.line }, 'celery'));
    if (beat || declared('celery-beat')) {
      const at = beat ? { file: beat[0], line: beat[1].use.celeryBeat } : { file: celery.file, line: celery.line };
      workers.push(withCommand({ kind: 'celery-beat', module, variable: celery.variable, command: `celery -A ${app} beat --loglevel=info`, ...at }, 'celery-beat'));
    }
  } else if (celeryCommand || requirements.some((r) => r.name === 'celery')) {
    const module = celeryCommand ? optionValue(celeryCommand.words, '-A', '--app') : null;
    if (!module) {
      warnings.push(warning(WARNING.celeryAppNotFound,
        'Celery is a dependency but no module creates a Celery app (`Celery(...)`); the worker needs one to start.'));
    }
    workers.push({ kind: 'celery', module, variable: null, command: celeryCommand?.words.join(' ') ?? null, file: celeryCommand?.file ?? null, line: celeryCommand?.line ?? null });
  }

  const rq = modules.filter(([, facts]) => usesLibrary(facts, 'rq'));
  if (rq.length) {
    // The tasks live where rq's job API is used (get_current_job); the queue is named where it is made.
    const tasks = rq.find(([file]) => /^(tasks?|jobs|workers?)\.py$/.test(basename(file))) ?? rq[0];
    const queues = [...new Set(rq.flatMap(([, facts]) => facts.use.rqQueues.map((q) => q.name)))];
    workers.push(withCommand({ kind: 'rq', module: index.moduleName(tasks[0]), variable: null,
      command: `rq worker ${queues.length ? queues.join(' ') : 'default'}`, file: tasks[0], line: tasks[1].use.imported.get('rq') ?? 1 }, 'rq'));
  }
  for (const [file, facts] of modules) {
    for (const settings of facts.use.arqSettings) {
      const module = index.moduleName(file);
      workers.push(withCommand({ kind: 'arq', module, variable: settings.name, command: `arq ${module}.${settings.name}`, file, line: settings.line }, 'arq'));
    }
  }
  const actors = modules.filter(([, facts]) => facts.use.dramatiqActor !== null);
  if (actors.length) {
    const names = actors.map(([file]) => index.moduleName(file));
    workers.push(withCommand({ kind: 'dramatiq', module: names[0], variable: null, command: `dramatiq ${names.join(' ')}`,
      file: actors[0][0], line: actors[0][1].use.dramatiqActor }, 'dramatiq'));
  }
  return workers;
}

function usesLibrary(facts: ModuleFacts, library: string): boolean {
  return [...facts.use.imported.keys()].some((m) => m === library || m.startsWith(`${library}.`));
}

/** What a command starts: `celery -A x worker`, `celery … beat`, `rq worker`, `arq x.Settings`, `dramatiq x`. */
export function commandKind(words: readonly string[]): WorkerKind | null {
  const tool = words.findIndex((w) => ['celery', 'rq', 'arq', 'dramatiq'].includes(basename(w)));
  if (tool < 0) return null;
  const name = basename(words[tool]);
  const rest = words.slice(tool + 1);
  if (name === 'celery') return rest.includes('beat') ? 'celery-beat' : rest.includes('worker') ? 'celery' : null;
  if (name === 'rq') return rest[0] === 'worker' ? 'rq' : null;
  return rest.length ? (name as WorkerKind) : null;
}
