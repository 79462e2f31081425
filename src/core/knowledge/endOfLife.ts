/**
 * When the software behind common image tags stops getting fixes: Python minor versions (PEP 373,
 * 478, 494, 537, 569, 596, 619, 664, 693), the Debian releases python tags are built on (their LTS
 * end), and the databases compose files run. A version past its date gets no security fixes, and
 * its images are no longer rebuilt.
 */

interface Lifetime {
  /** What a person calls it: "Python 3.9", "Debian buster", "PostgreSQL 13". */
  name: string;
  /** The last day of support, ISO (yyyy-mm-dd). */
  until: string;
}

const PYTHON: Record<string, string> = {
  '2.7': '2020-01-01', '3.4': '2019-03-18', '3.5': '2020-09-30', '3.6': '2021-12-23', '3.7': '2023-06-27', '3.8': '2024-10-07',
  '3.9': '2025-10-31', '3.10': '2026-10-31', '3.11': '2027-10-31', '3.12': '2028-10-31', '3.13': '2029-10-31', '3.14': '2030-10-31',
};

const DEBIAN: Record<string, string> = { jessie: '2020-06-30', stretch: '2022-06-30', buster: '2024-06-30', bullseye: '2026-08-31', bookworm: '2028-06-30' };

/** Databases by image: the version as the tag starts, and its end of support. */
const DATABASES: Record<string, { name: string; versions: Record<string, string> }> = {
  postgres: {
    name: 'PostgreSQL',
    versions: {
      '9.4': '2020-02-13', '9.5': '2021-02-11', '9.6': '2021-11-11', 10: '2022-11-10', 11: '2023-11-09', 12: '2024-11-21', 13: '2025-11-13',
      14: '2026-11-12', 15: '2027-11-11', 16: '2028-11-09', 17: '2029-11-08',
    },
  },
  mysql: { name: 'MySQL', versions: { '5.6': '2021-02-28', '5.7': '2023-10-31', '8.0': '2026-04-30' } },
  mariadb: { name: 'MariaDB', versions: { '10.3': '2023-05-25', '10.4': '2024-06-18', '10.5': '2025-06-24', '10.6': '2026-07-06' } },
  mongo: { name: 'MongoDB', versions: { '3.6': '2021-04-30', '4.0': '2022-04-30', '4.2': '2023-04-30', '4.4': '2024-02-29', '5.0': '2024-10-31', '6.0': '2025-07-31' } },
  redis: { name: 'Redis', versions: { 3: '2019-12-31', 4: '2020-12-31', 5: '2021-12-31', '6.0': '2023-08-01' } },
};

export interface EndOfLife extends Lifetime {
  /** "October 2025", for messages. */
  month: string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function ended(name: string, until: string | undefined, today: Date): EndOfLife | null {
  if (!until || new Date(`${until}T23:59:59Z`) >= today) return null;
  const [year, month] = until.split('-');
  return { name, until, month: `${MONTHS[Number(month) - 1]} ${year}` };
}

/** The Python version a python image tag (or an image whose tag names one, `python3.12-alpine`) carries. */
export function pythonOfTag(tag: string): string | null {
  const match = /(?:^|python)(\d)\.(\d+)(?:\.\d+)?(?=$|[-_])/.exec(tag);
  return match ? `${match[1]}.${match[2]}` : null;
}

/**
 * What in an image reference has reached its end of life, as of `today`: the Python version and the
 * Debian release of a python tag, or a database's version. Empty when nothing has (or nothing is known).
 */
export function endsOfLife(repository: string, tag: string | null, today: Date = new Date()): EndOfLife[] {
  if (!tag) return [];
  const name = repository.split('/').pop() ?? repository;
  const found: (EndOfLife | null)[] = [];
  if (name === 'python' || /python\d/.test(tag)) {
    const python = pythonOfTag(tag);
    if (python) found.push(ended(`Python ${python}`, PYTHON[python], today));
    const debian = /(?:^|-)(jessie|stretch|buster|bullseye|bookworm)(?=$|-)/.exec(tag)?.[1];
    if (debian) found.push(ended(`Debian ${debian}`, DEBIAN[debian], today));
  }
  const database = DATABASES[name === 'postgresql' ? 'postgres' : name === 'mongodb' ? 'mongo' : name];
  if (database) {
    const version = Object.keys(database.versions).sort((a, b) => b.length - a.length)
      .find((v) => tag === v || tag.startsWith(`${v}.`) || tag.startsWith(`${v}-`));
    if (version) found.push(ended(`${database.name} ${version}`, database.versions[version], today));
  }
  return found.filter((f): f is EndOfLife => f !== null);
}
