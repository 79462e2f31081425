import type Dockerode from 'dockerode';
import type * as Ssh2 from 'ssh2';

let loaded: typeof Dockerode | undefined;

/**
 * dockerode with its transports (ssh2, @grpc/grpc-js, protobufjs): about 0.75 MB of code that
 * the extension and the CLI load on the first request to an engine, not when they start. Their
 * bundles get it from dist/dockerode.js (see scripts/build.mjs); tests and benchmarks from
 * node_modules. Every other module imports dockerode's types only.
 */
export function loadDockerode(): typeof Dockerode {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous load on first use, see above
  loaded ??= require('dockerode') as typeof Dockerode;
  return loaded;
}

/** ssh2, for ssh:// engines: dist/dockerode.js carries it as `.ssh2`; from node_modules it is its own package. */
export function loadSsh2(): typeof Ssh2 {
  const bundled = (loadDockerode() as typeof Dockerode & { ssh2?: typeof Ssh2 }).ssh2;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- tests and benchmarks, see above
  return bundled ?? (require('ssh2') as typeof Ssh2);
}
