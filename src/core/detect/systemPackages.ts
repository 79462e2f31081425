import { SELF_CONTAINED_EXTRAS, SYSTEM_PACKAGES } from '../knowledge/systemPackages';
import type { Requirement } from './requirements';

/** The Debian packages an app's dependencies need to build (builder stage) and to run (slim runtime). */
export function systemPackagesFor(requirements: readonly Requirement[]): { build: string[]; runtime: string[] } {
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
  return { build: [...build].sort(), runtime: [...runtime].sort() };
}
