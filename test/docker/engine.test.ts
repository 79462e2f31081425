import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DockerClient, DockerError } from '../../src/docker/client';
import { runBuild } from '../../src/docker/buildRunner';
import {
  RUN_LABEL, dockerPath, publishedPort, removeRunArtifacts, requireEngine, runId, waitForHttp,
} from './support';

const SERVER = `from http.server import BaseHTTPRequestHandler, HTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = b'{"status": "ok", "path": "' + self.path.encode() + b'"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


HTTPServer(("0.0.0.0", 8000), Handler).serve_forever()
`;

const DOCKERFILE = `FROM python:3.12-slim
ENV PYTHONUNBUFFERED=1
WORKDIR /srv
COPY server.py .
RUN useradd --create-home --uid 1000 app
USER app
EXPOSE 8000
CMD ["python", "server.py"]
`;

describe('docker engine (real daemon)', function () {
  this.timeout(120_000);
  let engine: DockerClient;
  let context: string;

  before(async () => {
    engine = await requireEngine();
    context = mkdtempSync(join(tmpdir(), 'dockwright-docker-test-'));
    writeFileSync(join(context, 'server.py'), SERVER);
    writeFileSync(join(context, 'Dockerfile'), DOCKERFILE);
  });

  after(async () => {
    rmSync(context, { recursive: true, force: true });
    if (engine) await removeRunArtifacts(engine);
  });

  it('reports the engine it talks to', async () => {
    const summary = await engine.summary();
    assert.match(summary.version, /^\d+\.\d+/);
    assert.match(summary.apiVersion, /^1\.\d+$/);
  });

  it('builds a tiny image with the CLI, runs it on 127.0.0.1 and gets HTTP 200', async () => {
    const tag = `dockwright-test/tiny:${runId}`;
    const build = await runBuild(
      { context, tags: [tag], labels: { [RUN_LABEL]: runId }, network: 'none' },
      { dockerPath },
    );
    assert.equal(build.exitCode, 0, `build failed: ${build.command}\n${build.output.slice(-2000)}`);

    const container = await engine.docker.createContainer({
      Image: tag,
      Labels: { [RUN_LABEL]: runId },
      ExposedPorts: { '8000/tcp': {} },
      HostConfig: { PortBindings: { '8000/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } },
    });
    await container.start();
    const port = await publishedPort(container, '8000/tcp');
    const response = await waitForHttp(container, port, '/hello');
    assert.equal(response.status, 200);
    assert.deepEqual(JSON.parse(response.body), { status: 'ok', path: '/hello' });

    const top = await container.top({ ps_args: '-o pid,uid,comm' });
    const uid = top.Titles.indexOf('UID');
    assert.ok(top.Processes.length > 0 && top.Processes.every((row: string[]) => row[uid] === '1000'),
      `not all processes run as uid 1000: ${JSON.stringify(top)}`);
  });

  it('cleans up: everything labelled with this run goes away', async () => {
    const removed = await removeRunArtifacts(engine);
    assert.ok(removed.containers >= 1 && removed.images >= 1, JSON.stringify(removed));
    const filters = JSON.stringify({ label: [`${RUN_LABEL}=${runId}`] });
    assert.equal((await engine.docker.listContainers({ all: true, filters })).length, 0);
    assert.equal((await engine.docker.listImages({ filters })).length, 0);
  });

  it('a build that fails reports the exit code and the failing output', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'dockwright-docker-broken-'));
    try {
      writeFileSync(join(broken, 'Dockerfile'), 'FROM python:3.12-slim\nRUN python -c "raise SystemExit(3)"\n');
      const build = await runBuild({ context: broken, tags: [`dockwright-test/broken:${runId}`],
        labels: { [RUN_LABEL]: runId }, network: 'none' }, { dockerPath });
      assert.notEqual(build.exitCode, 0);
      assert.match(build.output, /exit code: 3|returned a non-zero code: 3/);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });

  it('translates a socket that does not exist into an actionable error', async () => {
    const missing = new DockerClient(2000, { DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    await assert.rejects(missing.ping(), (err: unknown) => {
      assert.ok(err instanceof DockerError);
      assert.equal(err.failure.kind, 'socket-missing');
      return true;
    });
  });

  it('translates a refused connection into "not running"', async () => {
    const refused = new DockerClient(2000, { DOCKER_HOST: 'tcp://127.0.0.1:9' });
    await assert.rejects(refused.ping(), (err: unknown) => err instanceof DockerError && err.failure.kind === 'daemon-not-running');
  });
});
