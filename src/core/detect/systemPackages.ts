import { LINKED_LIBRARIES, SELF_CONTAINED_EXTRAS, SYSTEM_PACKAGES } from '../knowledge/systemPackages';
import type { Requirement } from './requirements';

/** The Debian packages an app's dependencies need to build (builder stage) and to run (slim runtime). */
/** The C libraries a setup.py links its extensions against: `libraries=["yaml", "pq"]`. */
export function linkedLibraries(setupPy: string): string[] {
  const names = new Set<string>();
  for (const m of setupPy.matchAll(/\blibraries\s*=\s*\[([^\]]*)\]/g)) {
    for (const lib of m[1].matchAll(/["']([\w.+-]+)["']/g)) names.add(lib[1]);
  }
  return [...names];
}

export function systemPackagesFor(requirements: readonly Requirement[], linked: readonly string[] = []): { build: string[]; runtime: string[] } {
  const build = new Set<string>();
  const runtime = new Set<string>();
  for (const r of requirements) {
    const need = SYSTEM_PACKAGES[r.name];
    if (!need || SELF_CONTAINED_EXTRAS[r.name]?.some((extra) => r.extras.includes(extra))) continue;
    // `psycopg[c]` compiles its C implementation against libpq.
    const compiled = r.extras.includes('c') ? SYSTEM_PACKAGES[`${r.name}-c`] : undefined;
    for (const p of compiled?.build ?? need.build) build.add(p);
    for (const p of need.runtime) runtime.add(p);
  }
  // A local package compiled here: a compiler, the library's headers, and the library at run time.
  for (const lib of linked) {
    const need = LINKED_LIBRARIES[lib];
    if (!need) continue;
    for (const p of ['gcc', ...need.build]) build.add(p);
    for (const p of need.runtime) runtime.add(p);
  }
  return { build: [...build].sort(), runtime: [...runtime].sort() };
}
