import { checkCommand } from './check';
import { detectCommand } from './detect';
import { explainCommand } from './explain';
import { initCommand } from './init';
import { lintCommand } from './lint';
import { doctorCommand } from './doctor';
import { runCli, type CliCommand } from './run';

const commands: CliCommand[] = [doctorCommand, detectCommand, initCommand, explainCommand, lintCommand, checkCommand];

// `dockwright ... | head` closes the pipe early; that is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}, commands, __DOCKWRIGHT_VERSION__).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`dockwright: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
