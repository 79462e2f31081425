// What `init` writes for real public projects (../shared/corpus/realworld, read in place, never
// copied here), checked against what an expert reads from each (truth/<name>.json): every required
// variable gets a value or stops compose by name, the release step runs before the app, the Python
// version is the project's, each worker has a service, the code is root's and only the paths the app
// writes are its own, and no package manager is left in the final stage.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { detect } from '../../../src/core/detect/detect';
import { planApp, readAppFolder } from '../../../src/core/plan/planApp';
import { loadTeamSetup } from '../../../src/core/team/setup';
import { diskFileView } from '../../../src/workspace/diskFileView';
import { diskTeamReader } from '../../../src/workspace/diskTeamReader';
import { CORPUS, corpusProjects, loadGrammar } from '../detect/support';


interface TruthApp {
  root: string;
  appDir?: string;
  entry: string;
  pythonVersion: string | null;
  worker: { kind: string; command?: string } | null;
  env?: { name: string; required: boolean }[];
  release: { command: string } | null;
  writablePaths?: string[];
}

/** Differences from the truth an expert accepts, each with its reason (a stale entry fails). */
const KNOWN: { project: string; check: string; reason: string }[] = [];

interface ComposeFile { services: Record<string, { command?: string[]; environment?: Record<string, string>; depends_on?: Record<string, { condition: string }> }> }

describe('init on real projects (../shared/corpus/realworld)', function () {
  const names = corpusProjects(this);

  for (const name of names) {
    it(`${name}: the generated files give the app what the expert says it needs`, async function () {
      this.timeout(30_000);
      const truth = JSON.parse(readFileSync(join(CORPUS, 'truth', `${name}.json`), 'utf8')) as { apps: TruthApp[] };
      const result = await detect(diskFileView(join(CORPUS, name)), { root: name, loadGrammar });
      const problems: string[] = [];
      const hit = new Set<string>();
      const note = (check: string, problem: string) => {
        if (KNOWN.some((k) => k.project === name && k.check === check)) hit.add(check);
        else problems.push(`${check}: ${problem}`);
      };
      for (const truthApp of truth.apps) {
        const app = result.apps.find((a) => a.entry === truthApp.entry) ?? (result.apps.length === 1 ? result.apps[0] : undefined);
        if (!app) {
          problems.push(`no app for ${truthApp.entry}`);
          continue;
        }
        const folder = await readAppFolder(diskTeamReader, join(CORPUS, name, app.root).replace(/\\/g, '/'));
        const { setup } = await loadTeamSetup(diskTeamReader, join(CORPUS, name, app.root));
        const plan = planApp({ app, setup, folder, random: () => 'r' });
        const [dockerfile, , composeText] = plan.files.map((f) => f.content);
        const compose = parse(composeText) as ComposeFile;
        const appEnv = compose.services.app.environment ?? {};
        const local = new Set(plan.environment.local.map((v) => v.name));

        // Every variable the app cannot start without has a value, or compose stops and names it.
        for (const v of (truthApp.env ?? []).filter((e) => e.required)) {
          if (!(v.name in appEnv) && !local.has(v.name)) problems.push(`env: ${v.name} is required but compose gives it no value`);
        }
        for (const [key, value] of Object.entries(appEnv)) {
          if (/^\$\{[A-Z_]+:\?/.test(value) && !local.has(key)) problems.push(`env: ${key} is interpolated but .env has no line for it`);
        }
        // The release step runs once the services are healthy, and the app waits for it.
        if (truthApp.release) {
          const release = compose.services.release;
          if (!release) problems.push(`release: no release service for ${truthApp.release.command}`);
          else {
            if (!release.command?.join(' ').includes(truthApp.release.command)) problems.push(`release: runs ${release.command?.join(' ')}`);
            if (compose.services.app.depends_on?.release?.condition !== 'service_completed_successfully') problems.push('release: the app does not wait for it');
          }
        } else if (compose.services.release) problems.push('release: a release service the project does not have');
        // Python: the project's own version.
        const python = /^ARG PYTHON_VERSION=(\S+)$/m.exec(dockerfile)?.[1];
        if (truthApp.pythonVersion && python !== truthApp.pythonVersion) note('python', `${python}, expected ${truthApp.pythonVersion}`);
        // Workers: a service each, on the same image, with the project's command.
        if (truthApp.worker) {
          const service = Object.entries(compose.services).find(([key]) => /worker|beat/.test(key))?.[1];
          if (!service) problems.push(`workers: no service for the ${truthApp.worker.kind} worker`);
          else if (truthApp.worker.command && service.command?.join(' ') !== truthApp.worker.command) problems.push(`workers: runs ${service.command?.join(' ')}, expected ${truthApp.worker.command}`);
        }
        // Ownership: the code is root's; the paths the app writes are its own.
        const final = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
        if (!/^COPY (\.|[\w./-]+\/) \.$/m.test(final)) problems.push('ownership: the code is not copied as root\'s');
        // Absolute paths (/tmp) are outside the code and writable already.
        for (const path of (truthApp.writablePaths ?? []).filter((p) => !p.startsWith('/'))) {
          const folder = path.endsWith('/') ? `/app/${path.replace(/\/$/, '')}` : `/app${path.includes('/') ? `/${path.slice(0, path.lastIndexOf('/'))}` : ''}`;
          if (!new RegExp(`^RUN .*chown app:app .*${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?: |$)`, 'm').test(final)) problems.push(`ownership: ${path} is not writable by the app`);
        }
        // No package manager in the final stage: it only receives the virtualenv.
        if (/^RUN .*\b(?:pip install|uv |poetry |pipenv |pdm )/m.test(final) && plan.options.multiStage) problems.push('final stage installs packages');
      }
      for (const k of KNOWN.filter((known) => known.project === name && !hit.has(known.check))) {
        problems.push(`${k.check} now matches: remove it from KNOWN`);
      }
      assert.deepEqual(problems, []);
    });
  }
});
