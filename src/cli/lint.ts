import { basename, dirname, relative } from 'node:path';
import { lintCompose, lintDockerfile, lintManifest, parseCompose, parseDockerfile, parseManifest, type Finding } from '../core/explain';
import { explainContext, fileKind, formatParseErrors, manifestsIn, neighboursOf, readInput } from './lintInput';
import { EXIT, type CliCommand } from './run';

const USAGE = 'Usage: dockwright lint <Dockerfile|compose.yaml|manifest.yaml> [--app-dir DIR] [--json]';

function formatFinding(file: string, f: Finding): string {
  const at = `${file}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
  const extra = [f.fix ? `fix: ${f.fix.title}` : '', f.hadolint ? `hadolint ${f.hadolint}` : ''].filter(Boolean).join('; ');
  return `${at}: ${f.severity} ${f.code} ${f.message}${extra ? ` [${extra}]` : ''}\n`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function summary(findings: Finding[]): string {
  if (!findings.length) return 'No problems found.\n';
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  return `${plural(findings.length, 'problem')} (${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info'), 'suggestion')})\n`;
}

/** `dockwright lint`: the Dockerfile, compose or manifest mistakes Dockwright knows; exit 1 on any error. */
export const lintCommand: CliCommand = {
  name: 'lint',
  summary: 'Check a Dockerfile, compose file or Kubernetes manifest for the mistakes that break or bloat Python containers',
  usage: USAGE,
  async run(args, io) {
    const read = readInput(args, io, lintCommand);
    if (typeof read === 'number') return read;
    const { input, text } = read;
    const shown = relative(process.cwd(), input.file) || input.file;
    const kind = fileKind(input.file, text);
    const model = kind === 'manifest' ? parseManifest(text) : kind === 'compose' ? parseCompose(text) : parseDockerfile(text);
    if (model.errors.length || ('instructions' in model && !model.instructions.length)) {
      io.stderr(model.errors.length ? formatParseErrors(shown, model.errors) : `${shown}: no instructions\n`);
      return EXIT.usage;
    }
    const context = await explainContext(input, io, 'lint');
    if (!context) return EXIT.usage;
    let findings: Finding[];
    if ('docs' in model) {
      // Only a Service is checked against the other manifests of its folder.
      const neighbours = model.services.length ? neighboursOf(manifestsIn(dirname(input.file)), basename(input.file)) : [];
      findings = lintManifest(model, { ...context, neighbours });
    } else findings = 'doc' in model ? lintCompose(model, context) : lintDockerfile(model, context);
    if (input.json) {
      io.stdout(`${JSON.stringify({ file: shown, findings: findings.map((f) => ({
        code: f.code, severity: f.severity, line: f.range.start.line + 1, column: f.range.start.character + 1,
        endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1, message: f.message,
        fix: f.fix?.title ?? null, hadolint: f.hadolint, reference: f.reference,
      })) }, null, 2)}\n`);
    } else {
      io.stdout(findings.map((f) => formatFinding(shown, f)).join('') + summary(findings));
    }
    return findings.some((f) => f.severity === 'error') ? EXIT.problems : EXIT.ok;
  },
};
