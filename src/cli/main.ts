import { detectCommand } from './detect';
import { doctorCommand } from './doctor';
import { runCli, type CliCommand } from './run';

const commands: CliCommand[] = [doctorCommand, detectCommand];

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
