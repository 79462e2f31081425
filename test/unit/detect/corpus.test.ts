// Detection against real public projects (../shared/corpus/realworld, read in place, never copied
// here): each project's truth/<name>.json says what an expert reads from it. Every difference
// between detection and the truth is either a failure or listed below with the reason an expert
// would accept; a listed difference that no longer differs fails too, so the list stays honest.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detect } from '../../../src/core/detect/detect';
import type { AppFacts } from '../../../src/core/detect/types';
import { diskFileView } from '../../../src/workspace/diskFileView';
import { CORPUS, corpusProjects, loadGrammar } from './support';


type Field = 'entry' | 'factory' | 'port' | 'server' | 'packageManager' | 'pythonVersion' | 'services' | 'worker' | 'requiredEnv' | 'release';

/** The differences detection is known to have, each with its reason. */
const KNOWN_DIFFERENCES: { project: string; field: Field; reason: string }[] = [
  { project: 'flaskr', field: 'server', reason: 'waitress comes from the Flask tutorial\'s deploy page, not from the folder; no tool reading it can know' },
  { project: 'flaskr', field: 'port', reason: 'waitress\'s 8080 comes from the Flask docs, not from the folder' },
];

interface TruthApp {
  root: string;
  entry: string;
  factory: boolean;
  port: number;
  server: string | null;
  packageManager: string;
  pythonVersion: string | null;
  services: string[];
  worker: { kind: string; module: string | null } | null;
  env?: { name: string; required: boolean }[];
  release: { command: string } | null;
}

function expected(truth: TruthApp): Record<Field, unknown> {
  return {
    entry: truth.entry, factory: truth.factory, port: truth.port, server: truth.server, packageManager: truth.packageManager,
    pythonVersion: truth.pythonVersion, services: [...truth.services].sort(),
    worker: truth.worker ? { kind: truth.worker.kind, app: truth.worker.module } : null,
    requiredEnv: (truth.env ?? []).filter((e) => e.required).map((e) => e.name).sort(),
    release: truth.release?.command ?? null,
  };
}

function actual(app: AppFacts): Record<Field, unknown> {
  // The truth names a Celery app as `celery -A` takes it (`worker.celery`); detection splits module and variable.
  // The truth names one worker, the first the project runs.
  const [worker] = app.workers;
  const workerApp = worker?.module && worker.variable ? `${worker.module}.${worker.variable}` : worker?.module ?? null;
  return {
    entry: app.entry, factory: app.factory, port: app.port, server: app.server, packageManager: app.packageManager,
    pythonVersion: app.pythonVersion, services: [...app.services].sort(),
    worker: worker ? { kind: worker.kind, app: workerApp } : null,
    requiredEnv: app.env.filter((e) => e.required).map((e) => e.name).sort(),
    release: app.release?.command ?? null,
  };
}

describe('detection on real projects (../shared/corpus/realworld)', function () {
  const names = corpusProjects(this);

  it('lists each known difference once, for a project of the corpus', () => {
    const keys = KNOWN_DIFFERENCES.map((d) => `${d.project}/${d.field}`);
    assert.deepEqual(keys, [...new Set(keys)]);
    for (const d of KNOWN_DIFFERENCES) assert.ok(names.includes(d.project), d.project);
  });

  for (const name of names) {
    it(`${name}: matches the expert's reading`, async function () {
      this.timeout(30_000);
      const truth = JSON.parse(readFileSync(join(CORPUS, 'truth', `${name}.json`), 'utf8')) as { apps: TruthApp[] };
      const result = await detect(diskFileView(join(CORPUS, name)), { root: name, loadGrammar });
      const problems: string[] = [];
      for (const truthApp of truth.apps) {
        const app = result.apps.find((a) => a.entry === truthApp.entry) ?? result.apps.find((a) => a.root === truthApp.root)
          ?? (result.apps.length === 1 ? result.apps[0] : undefined);
        if (!app) {
          problems.push(`no app for ${truthApp.entry} (found ${result.apps.map((a) => a.entry).join(', ') || 'none'})`);
          continue;
        }
        const want = expected(truthApp);
        const got = actual(app);
        for (const field of Object.keys(want) as Field[]) {
          const same = JSON.stringify(want[field]) === JSON.stringify(got[field]);
          const known = KNOWN_DIFFERENCES.find((d) => d.project === name && d.field === field);
          if (!same && !known) problems.push(`${field}: expected ${JSON.stringify(want[field])}, got ${JSON.stringify(got[field])}`);
          if (same && known) problems.push(`${field} now matches: remove it from KNOWN_DIFFERENCES`);
        }
      }
      assert.deepEqual(problems, []);
    });
  }
});
