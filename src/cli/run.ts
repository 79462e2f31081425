/** The `dockwright` command line: parses argv, dispatches, returns an exit code. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface CliCommand {
  name: string;
  summary: string;
  /** One line, `Usage: dockwright <name> ...`: printed for --help and after a usage error. */
  usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}

/** Exit codes: 0 ok, 1 the command found problems, 2 bad usage. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

/** A usage error: one line on stderr, `dockwright <name>: <what>. <usage>`, and exit 2. */
export function usageError(io: CliIO, command: Pick<CliCommand, 'name' | 'usage'>, what: string): number {
  io.stderr(`dockwright ${command.name}: ${what}. ${command.usage}\n`);
  return EXIT.usage;
}

export function usage(commands: readonly CliCommand[]): string {
  const width = Math.max(10, ...commands.map((c) => c.name.length));
  const lines = [
    'Usage: dockwright <command> [options]',
    '',
    'Containerize FastAPI and Flask apps the recommended way, and keep Dockerfiles standard.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    `  ${'-h, --help'.padEnd(width)}  Show this help`,
    `  ${'--version'.padEnd(width)}  Print the version`,
    '',
  ];
  return lines.join('\n');
}

export async function runCli(argv: string[], io: CliIO, commands: readonly CliCommand[], version: string): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    io.stdout(usage(commands));
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`${version}\n`);
    return EXIT.ok;
  }
  const command = commands.find((c) => c.name === first);
  if (!command) {
    const what = first.startsWith('-') ? `unknown option "${first}"` : `unknown command "${first}"`;
    io.stderr(`dockwright: ${what}\n\n${usage(commands)}`);
    return EXIT.usage;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    io.stdout(`${command.usage}\n`);
    return EXIT.ok;
  }
  return command.run(rest, io);
}
