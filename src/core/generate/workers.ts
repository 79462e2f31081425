/**
 * The command each kind of worker runs with in the container, and the compose service it gets:
 * the project's own command when detection found one, else the usual one for the kind.
 */
import type { AppFacts } from './facts';

type GeneratedWorker = AppFacts['workers'][number];

const SERVICE_NAMES: Record<GeneratedWorker['kind'], string> = {
  celery: 'worker', 'celery-beat': 'beat', rq: 'rq-worker', arq: 'arq-worker', dramatiq: 'dramatiq-worker',
};

/** The command, or null when neither the project's command nor the worker's module is known. */
export function workerCommand(worker: GeneratedWorker): string | null {
  const own = worker.command?.trim() || null;
  switch (worker.kind) {
    case 'celery':
      return own ?? (worker.module ? `celery -A ${worker.module} worker --loglevel=INFO` : null);
    case 'celery-beat': {
      const command = own ?? (worker.module ? `celery -A ${worker.module} beat --loglevel=INFO` : null);
      // Beat keeps its schedule in a file in the working directory, which is read-only to the app's user.
      return command && !/\s(?:-s|--schedule)[\s=]/.test(command) ? `${command} --schedule /tmp/celerybeat-schedule` : command;
    }
    case 'rq':
      // The queue URL comes from RQ_REDIS_URL, which compose sets for it.
      return own ?? 'rq worker';
    case 'arq':
      return own ?? (worker.module ? `arq ${worker.module}.${worker.variable ?? 'WorkerSettings'}` : null);
    case 'dramatiq':
      return own ?? (worker.module ? `dramatiq ${worker.module}` : null);
  }
}

/** A compose service name per worker, in order: `worker`, `beat`, `rq-worker`…, numbered when a kind repeats. */
export function workerServiceNames(workers: readonly GeneratedWorker[]): string[] {
  const seen = new Map<string, number>();
  return workers.map((w) => {
    const base = SERVICE_NAMES[w.kind];
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}
