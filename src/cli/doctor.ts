import { DockerClient, DockerError } from '../docker/client';
import { closeSshTransports } from '../docker/sshTransport';
import { EXIT, usageError, type CliCommand } from './run';

/** `dockwright doctor [--json]`: does the Docker engine answer, and if not, what to do. */
export const doctorCommand: CliCommand = {
  name: 'doctor',
  summary: 'Check that the Docker engine answers (honours DOCKER_HOST and the docker context)',
  usage: 'Usage: dockwright doctor [--json]',
  async run(args, io) {
    const json = args.includes('--json');
    const unknown = args.filter((a) => a !== '--json');
    if (unknown.length) return usageError(io, doctorCommand, `unexpected argument "${unknown[0]}"`);
    try {
      const s = await new DockerClient().summary();
      io.stdout(json ? `${JSON.stringify({ status: 'running', summary: s }, null, 2)}\n`
        : `Docker Engine ${s.version} (API ${s.apiVersion}, ${s.os}/${s.arch}) at ${s.endpoint}: ` +
          `${s.containersRunning} running container(s), ${s.images} image(s).\n`);
      return EXIT.ok;
    } catch (err) {
      if (!(err instanceof DockerError)) throw err;
      if (json) io.stdout(`${JSON.stringify({ status: 'unavailable', failure: err.failure }, null, 2)}\n`);
      else io.stderr(`${err.failure.message}\nFix: ${err.failure.fix}\n`);
      return EXIT.problems;
    } finally {
      // An ssh:// engine's connection would otherwise keep the process running.
      closeSshTransports();
    }
  },
};
