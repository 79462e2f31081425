import type Dockerode from 'dockerode';

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
