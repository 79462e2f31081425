// Runs a command with the docker CLI that can build with BuildKit first in PATH:
//   node scripts/withDocker.mjs <command> [args...]
import { spawnSync } from 'node:child_process';
import { dockerEnv } from './dockerCli.mjs';

const root = new URL('..', import.meta.url).pathname;
const { env, error } = dockerEnv(root);
if (error) console.error(`warning: ${error}`);
const [command, ...args] = process.argv.slice(2);
const r = spawnSync(command, args, { stdio: 'inherit', env });
process.exitCode = r.status ?? 1;
