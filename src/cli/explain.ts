import { relative } from 'node:path';
import { explainDockerfile, parseDockerfile, plainText } from '../core/explain';
import { explainContext, formatParseErrors, readInput } from './lintInput';
import { EXIT, type CliCommand } from './run';

const USAGE = 'Usage: dockwright explain <Dockerfile> [--app-dir DIR] [--json]';

/** `dockwright explain`: every instruction of a Dockerfile, what it does and why it is there. */
export const explainCommand: CliCommand = {
  name: 'explain',
  summary: 'Explain a Dockerfile line by line: what each instruction does here, its flags and commands',
  usage: USAGE,
  async run(args, io) {
    const read = readInput(args, io, explainCommand);
    if (typeof read === 'number') return read;
    const { input, text } = read;
    const model = parseDockerfile(text);
    const shown = relative(process.cwd(), input.file) || input.file;
    if (model.errors.length || !model.instructions.length) {
      io.stderr(model.errors.length ? formatParseErrors(shown, model.errors) : `${shown}: no instructions\n`);
      return EXIT.usage;
    }
    const context = await explainContext(input, io, 'explain');
    if (!context) return EXIT.usage;
    const explanations = explainDockerfile(model, context);
    if (input.json) {
      io.stdout(`${JSON.stringify(explanations.map((e) => ({
        line: e.range.start.line + 1, instruction: e.keyword, text: e.text, title: e.title,
        explanation: [e.summary, ...e.context].join(' '), parts: e.parts, reference: e.reference,
      })), null, 2)}\n`);
    } else {
      io.stdout(`${explanations.map(plainText).join('\n\n')}\n`);
    }
    return EXIT.ok;
  },
};
