/**
 * Python distributions that need a system library, as Debian bookworm packages (the python:*-slim
 * images): `build` to compile them in the builder stage (where no wheel fits), `runtime` for the
 * shared library the compiled module loads in the slim runtime. Distributions with self-contained
 * wheels (psycopg2-binary, Pillow, lxml, cryptography, mysql-connector-python) need none.
 */
export interface SystemPackageNeed {
  build: string[];
  runtime: string[];
  why: string;
}

export const SYSTEM_PACKAGES: Record<string, SystemPackageNeed> = {
  psycopg2: { build: ['gcc', 'libpq-dev'], runtime: ['libpq5'], why: 'psycopg2 (not -binary) is compiled against libpq.' },
  psycopg: { build: [], runtime: ['libpq5'], why: 'psycopg 3 without the [binary] extra loads the system libpq.' },
  'psycopg-c': { build: ['gcc', 'libpq-dev'], runtime: ['libpq5'], why: 'psycopg-c is compiled against libpq.' },
  mysqlclient: {
    build: ['gcc', 'pkg-config', 'default-libmysqlclient-dev'], runtime: ['libmariadb3'],
    why: 'mysqlclient has no Linux wheels; it is compiled against the MySQL/MariaDB client library.',
  },
  'python-ldap': {
    build: ['gcc', 'libldap2-dev', 'libsasl2-dev'], runtime: ['libldap-2.5-0', 'libsasl2-2'],
    why: 'python-ldap has no wheels; it is compiled against OpenLDAP and SASL.',
  },
  pyodbc: { build: [], runtime: ['unixodbc'], why: 'pyodbc loads the unixODBC driver manager.' },
  'python-magic': { build: [], runtime: ['libmagic1'], why: 'python-magic loads libmagic.' },
  weasyprint: { build: [], runtime: ['libpango-1.0-0', 'libpangoft2-1.0-0'], why: 'WeasyPrint renders with Pango.' },
  gdal: { build: ['gcc', 'g++', 'libgdal-dev'], runtime: ['libgdal32'], why: 'GDAL\'s bindings have no wheels; they are compiled against libgdal.' },
  'xmlsec': {
    build: ['gcc', 'pkg-config', 'libxmlsec1-dev'], runtime: ['libxmlsec1', 'libxmlsec1-openssl'],
    why: 'xmlsec is compiled against libxmlsec1.',
  },
  pycairo: { build: ['gcc', 'pkg-config', 'libcairo2-dev'], runtime: ['libcairo2'], why: 'pycairo is compiled against cairo.' },
};

/** Extras that swap a source build for a wheel with the library inside: `psycopg[binary]`. */
export const SELF_CONTAINED_EXTRAS: Record<string, string[]> = { psycopg: ['binary'] };

/**
 * C libraries a local package links (`Extension(..., libraries=["yaml"])` in its setup.py), by the
 * name the linker takes, as Debian bookworm packages: headers to build, the shared library to run.
 */
export const LINKED_LIBRARIES: Record<string, { build: string[]; runtime: string[] }> = {
  pq: { build: ['libpq-dev'], runtime: ['libpq5'] },
  yaml: { build: ['libyaml-dev'], runtime: ['libyaml-0-2'] },
  magic: { build: ['libmagic-dev'], runtime: ['libmagic1'] },
  xml2: { build: ['libxml2-dev'], runtime: ['libxml2'] },
  xslt: { build: ['libxslt1-dev'], runtime: ['libxslt1.1'] },
  sodium: { build: ['libsodium-dev'], runtime: ['libsodium23'] },
  ssl: { build: ['libssl-dev'], runtime: ['libssl3'] },
  crypto: { build: ['libssl-dev'], runtime: ['libssl3'] },
  ffi: { build: ['libffi-dev'], runtime: ['libffi8'] },
  z: { build: ['zlib1g-dev'], runtime: ['zlib1g'] },
  jpeg: { build: ['libjpeg62-turbo-dev'], runtime: ['libjpeg62-turbo'] },
  png: { build: ['libpng-dev'], runtime: ['libpng16-16'] },
  mariadb: { build: ['libmariadb-dev'], runtime: ['libmariadb3'] },
  mysqlclient: { build: ['default-libmysqlclient-dev'], runtime: ['libmariadb3'] },
  ldap: { build: ['libldap2-dev'], runtime: ['libldap-2.5-0'] },
  sasl2: { build: ['libsasl2-dev'], runtime: ['libsasl2-2'] },
  geos_c: { build: ['libgeos-dev'], runtime: ['libgeos-c1v5'] },
  sqlite3: { build: ['libsqlite3-dev'], runtime: ['libsqlite3-0'] },
  curl: { build: ['libcurl4-openssl-dev'], runtime: ['libcurl4'] },
  uuid: { build: ['uuid-dev'], runtime: ['libuuid1'] },
  gmp: { build: ['libgmp-dev'], runtime: ['libgmp10'] },
  zstd: { build: ['libzstd-dev'], runtime: ['libzstd1'] },
  lzma: { build: ['liblzma-dev'], runtime: ['liblzma5'] },
  bz2: { build: ['libbz2-dev'], runtime: ['libbz2-1.0'] },
};
