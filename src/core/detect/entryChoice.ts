import { follow, isTasksModule, resolveSymbol, type AppCandidate, type Symbol } from './apps';
import type { ModuleIndex } from './modules';
import { join } from './paths';
import type { DeclaredEntry, RunConfig } from './runConfig';
import type { EntrySource, NotApp, Server } from './types';

/** An app as it will be served: the candidate, the entry the project names it by, and who chose it. */
export interface ServedApp {
  candidate: AppCandidate;
  /** The project's own name for it when that differs from where it is defined (`manage:app` for `project:app`). */
  entryAs: { module: string; variable: string; factory: boolean } | null;
  entrySource: EntrySource;
  /** The server the project's own run configuration starts it with. */
  server: Server | null;
}

/** What Flask and the FastAPI CLI look for in a module named without a variable. */
const DISCOVERED_NAMES = ['app', 'application', 'api', 'create_app', 'make_app'];

/**
 * Chooses the apps to serve the way the project does: an app mounted in another app, or created
 * in a tasks module for a worker, is not served on its own; where the project's run configuration
 * (runConfig.ts) names apps, those are served and the other candidates of that project are not.
 */
export async function chooseServedApps(
  candidates: AppCandidate[], index: ModuleIndex, configs: ReadonlyMap<string, RunConfig>,
): Promise<{ apps: ServedApp[]; notApps: NotApp[] }> {
  const notApps: NotApp[] = [];
  const entryOf = (c: AppCandidate) => `${index.moduleName(c.file)}:${c.variable}${c.factory ? '()' : ''}`;
  const mounted = await mountedApps(index);
  const remaining: AppCandidate[] = [];
  for (const candidate of candidates) {
    const mount = mounted.get(`${candidate.file}#${candidate.variable}`);
    const facts = await index.factsOf(candidate.file);
    if (mount) {
      notApps.push({ entry: entryOf(candidate), reason: `mounted into another app (${mount.file}:${mount.line}); it is served with that app`, file: candidate.file, line: candidate.line });
    } else if (facts && isTasksModule(candidate.file, facts)) {
      notApps.push({ entry: entryOf(candidate), reason: 'created in a tasks module for the worker, not served', file: candidate.file, line: candidate.line });
    } else {
      remaining.push(candidate);
    }
  }

  const apps: ServedApp[] = [];
  const byRoot = new Map<string, AppCandidate[]>();
  for (const c of remaining) byRoot.set(index.projectRoot(c.file), [...(byRoot.get(index.projectRoot(c.file)) ?? []), c]);
  for (const [root, group] of byRoot) {
    const chosen = new Map<AppCandidate, ServedApp>();
    for (const entry of configs.get(root)?.entries ?? []) {
      const found = await declaredApp(entry, root, group, index);
      if (!found) continue;
      const same = [...chosen.values()].find((s) => s.candidate === found.app);
      if (!same) {
        chosen.set(found.owner, { candidate: found.app, entryAs: found.entryAs, entrySource: { via: entry.via, file: entry.file, line: entry.line }, server: entry.server });
      } else if (!same.server) {
        // A weaker source may still say how the project serves the same app (a Dockerfile CMD beside [tool.fastapi]).
        same.server = entry.server;
      }
    }
    for (const candidate of group) {
      const served = chosen.get(candidate);
      if (served) {
        apps.push(served);
        if (served.entryAs) {
          const as = `${served.entryAs.module}:${served.entryAs.variable}${served.entryAs.factory ? '()' : ''}`;
          notApps.push({ entry: entryOf(served.candidate), reason: `the same app the project serves as ${as}`, file: served.candidate.file, line: served.candidate.line });
        }
      }
      else if (chosen.size) {
        const first = [...chosen.values()][0].entrySource;
        notApps.push({ entry: entryOf(candidate), reason: `the project runs another app (${first.file}:${first.line})`, file: candidate.file, line: candidate.line });
      } else {
        apps.push({ candidate, entryAs: null, entrySource: { via: 'source', file: candidate.file, line: candidate.line }, server: null });
      }
    }
  }
  // The same app reached from a tasks module (`app = create_app()` in tasks.py) is the worker's, not served.
  for (const { candidate } of apps) {
    for (const other of candidate.alternatives ?? []) {
      const facts = await index.factsOf(other.file);
      if (facts && isTasksModule(other.file, facts)) {
        notApps.push({ entry: entryOf(other), reason: 'created in a tasks module for the worker, not served', file: other.file, line: other.line });
      }
    }
  }
  apps.sort((a, b) => a.candidate.file.localeCompare(b.candidate.file) || a.candidate.line - b.candidate.line);
  return { apps, notApps };
}

/** `parent.mount("/api", sub)` anywhere: the definition of each mounted name. */
async function mountedApps(index: ModuleIndex): Promise<Map<string, { file: string; line: number }>> {
  const out = new Map<string, { file: string; line: number }>();
  for (const [file, facts] of await index.parsedModules()) {
    for (const mount of facts.use.mounts) {
      const target = await resolveSymbol(index, file, mount.target);
      if (target) out.set(`${target.file}#${target.name}`, { file, line: mount.line });
    }
  }
  return out;
}

/** The candidate (or one of its alternatives) a declared entry names, and the name the project uses for it. */
async function declaredApp(entry: DeclaredEntry, root: string, group: AppCandidate[], index: ModuleIndex) {
  const [target, variable] = splitEntry(entry.target);
  const file = moduleFile(root, target, index);
  if (!file) return null;
  const names = variable ? [variable.replace(/\(.*$/, '')] : DISCOVERED_NAMES;
  for (const name of names) {
    const symbol = await follow(index, { file, name }, 0);
    const match = symbol && matchCandidate(symbol, group);
    if (!match) continue;
    const module = index.moduleName(file);
    const factory = match.app.factory;
    const renamed = module !== index.moduleName(match.app.file) || name !== match.app.variable;
    return { ...match, entryAs: renamed ? { module, variable: name, factory } : null };
  }
  // A module named alone, with one app in it (`FLASK_APP=microblog.py` where `app = create_app()`).
  if (!variable) {
    const inFile = group.flatMap((c) => [c, ...(c.alternatives ?? [])].map((app) => ({ owner: c, app }))).find((m) => m.app.file === file);
    if (inFile) return { ...inFile, entryAs: null };
  }
  return null;
}

function matchCandidate(symbol: Symbol, group: AppCandidate[]): { owner: AppCandidate; app: AppCandidate } | null {
  for (const owner of group) {
    for (const app of [owner, ...(owner.alternatives ?? [])]) {
      if (app.file === symbol.file && app.variable === symbol.name) return { owner, app: app === owner ? owner : promote(owner, app) };
    }
  }
  return null;
}

/** An alternative chosen by the project takes the place of the candidate, keeping how it is run. */
function promote(owner: AppCandidate, app: AppCandidate): AppCandidate {
  return { ...app, run: app.run ?? owner.run, alternatives: [owner, ...(owner.alternatives ?? []).filter((a) => a !== app)] };
}

/** `module:variable` → ['module', 'variable']; the colon of a Windows drive never occurs in these. */
function splitEntry(target: string): [string, string | null] {
  const colon = target.indexOf(':');
  return colon < 0 ? [target, null] : [target.slice(0, colon), target.slice(colon + 1) || null];
}

/** `microblog.py`, `src/pkg`, `project/__init__.py` or a dotted `app.main`, as a module file of the root. */
function moduleFile(root: string, target: string, index: ModuleIndex): string | null {
  const module = target.replace(/^\.\//, '').replace(/\/$/, '').replace(/\.py$/, '').replace(/\//g, '.');
  return module ? index.resolveModule(join(root, '__main__.py'), module, 0) : null;
}
