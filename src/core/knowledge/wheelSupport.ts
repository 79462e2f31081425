/**
 * The newest CPython that old releases of compiled distributions publish wheels for (or support):
 * on a newer Python, pip builds them from source, which fails in a slim image or breaks at run
 * time. Each entry: releases before `before` stop at Python `python`. Only limits up to 3.12 are
 * listed, the ones that bite when a project pins 2021–2023 releases and declares no Python.
 */
export const WHEEL_LIMITS: Record<string, { before: string; python: string }[]> = {
  'psycopg2-binary': [
    { before: '2.8.6', python: '3.8' }, { before: '2.9.2', python: '3.9' }, { before: '2.9.5', python: '3.10' },
    { before: '2.9.8', python: '3.11' }, { before: '2.9.10', python: '3.12' },
  ],
  greenlet: [{ before: '1.1.2', python: '3.9' }, { before: '2.0.0', python: '3.10' }, { before: '3.0.0', python: '3.11' }, { before: '3.1.0', python: '3.12' }],
  numpy: [{ before: '1.21.3', python: '3.9' }, { before: '1.23.2', python: '3.10' }, { before: '1.26.0', python: '3.11' }, { before: '2.1.0', python: '3.12' }],
  pandas: [{ before: '1.3.4', python: '3.9' }, { before: '1.5.1', python: '3.10' }, { before: '2.1.1', python: '3.11' }, { before: '2.2.3', python: '3.12' }],
  pydantic: [{ before: '1.9.0', python: '3.9' }, { before: '1.10.0', python: '3.10' }, { before: '1.10.13', python: '3.11' }],
  uvloop: [{ before: '0.16.0', python: '3.9' }, { before: '0.17.0', python: '3.10' }, { before: '0.18.0', python: '3.11' }, { before: '0.21.0', python: '3.12' }],
  asyncpg: [{ before: '0.25.0', python: '3.9' }, { before: '0.27.0', python: '3.10' }, { before: '0.29.0', python: '3.11' }, { before: '0.30.0', python: '3.12' }],
  gevent: [{ before: '21.12.0', python: '3.9' }, { before: '22.10.2', python: '3.10' }, { before: '23.9.0', python: '3.11' }, { before: '24.10.1', python: '3.12' }],
};

/** Compares dotted release numbers (`2.9.10` > `2.9.9`); non-numeric parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((p) => parseInt(p, 10) || 0);
  const pb = b.split('.').map((p) => parseInt(p, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** The newest Python a pinned release is known to install on, or null when no limit is known. */
export function newestPythonFor(name: string, version: string): string | null {
  return WHEEL_LIMITS[name]?.find((limit) => compareVersions(version, limit.before) < 0)?.python ?? null;
}
