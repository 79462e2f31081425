// Packaging a .vsix for a run: the UI tests package the extension as users get it, the activation
// benchmark that and two small extensions of its own.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { type HarnessRun, ProductError } from './harnessRun';

/** Runs `command` in `cwd`; resolves with `vsix` once the command has written it, else fails the run as the product's. */
export function packageVsix(run: HarnessRun, command: string, args: string[], cwd: string, vsix: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // stdin ignored: vsce asks "Do you want to continue?" on warnings and would wait forever.
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    run.onCleanup(() => void child.kill());
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => code === 0 && fs.existsSync(vsix)
      ? resolve(vsix)
      : reject(new ProductError(`${command} ${args.join(' ')} failed (exit ${code}):\n${output.slice(-4000)}`)));
  });
}
