/**
 * What the docker suites serve to their builds on 127.0.0.1 (a local apt repository, the local
 * package index), and stand-in base images that point the build at it. The generated files never
 * name either: a team registry mirror makes them build FROM the stand-ins.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import * as http from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { join, normalize, relative } from 'node:path';
import { RUN_LABEL, dockerPath, runId } from './support';

/** A TCP port free on 127.0.0.1 now, for a host port compose publishes. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Serves a folder tree on 127.0.0.1; a folder answers with its index.html (a PEP 503 simple index). */
export function serveTree(root: string): Promise<{ port: number; close(): void }> {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      const path = normalize(join(root, decodeURIComponent((req.url ?? '/').split(/[?#]/)[0])));
      let file = path;
      if (relative(root, path).startsWith('..')) file = '';
      else if (existsSync(path) && statSync(path).isDirectory()) file = join(path, 'index.html');
      if (!file || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-length': statSync(file).size, 'content-type': file.endsWith('.html') ? 'text/html' : 'application/octet-stream' });
      createReadStream(file).pipe(res);
    });
    server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as AddressInfo).port, close: () => server.close() }));
  });
}

/**
 * `<prefix>python:<version>` and `<prefix>python:<version>-slim`: the rig's images with `line` added
 * (an apt source or a pip index on 127.0.0.1), labelled with this run. Returns their names.
 */
export function standInPythonImages(prefix: string, version: string, line: string): string[] {
  return [version, `${version}-slim`].map((tag) => {
    const image = `${prefix}python:${tag}`;
    const r = spawnSync(dockerPath, ['build', '-q', '--label', `${RUN_LABEL}=${runId}`, '-t', image, '-'], {
      input: `FROM python:${tag}\n${line}\n`, encoding: 'utf8', env: { ...process.env, DOCKER_BUILDKIT: '1' },
    });
    assert.equal(r.status, 0, r.stderr);
    return image;
  });
}
