/**
 * Alpine's apk keeps the package index it downloads (`apk update`, `apk add --update`) in
 * /var/cache/apk, in the layer. `apk add --no-cache` fetches the index to a temporary place instead.
 */
import { MESSAGES } from '../../knowledge/lintRules';
import type { InstructionNode, Stage } from '../../dockerfile';
import { argsOf, commandsOf, type Command } from '../commandLine';
import { finding, type DockerfileCheck } from './finding';
import { cacheMounted } from './imageRules';

function apkUpdates(command: Command): boolean {
  if (command.program !== 'apk') return false;
  const args = argsOf(command).map((w) => w.value);
  if (args.includes('--no-cache')) return false;
  const subcommand = args.find((a) => !a.startsWith('-'));
  return subcommand === 'update' || (subcommand === 'add' && (args.includes('--update') || args.includes('-U') || args.includes('--update-cache')));
}

function cacheRemoved(node: InstructionNode, commands: Command[]): boolean {
  return commands.some((c) => c.program === 'rm' && c.words.some((w) => w.value.startsWith('/var/cache/apk')))
    || cacheMounted(node, /^\/var\/cache\/apk/);
}

const apkIndex: DockerfileCheck = ({ model }) => model.stages.filter((s: Stage) => s.ships).flatMap((s) => s.instructions)
  .filter((n) => n.keyword === 'RUN').flatMap((node) => {
    const commands = commandsOf(node);
    return commands.some(apkUpdates) && !cacheRemoved(node, commands) ? [finding('aptLists', node.keywordRange, MESSAGES.apkIndex)] : [];
  });

export const APK_CHECKS: DockerfileCheck[] = [apkIndex];
