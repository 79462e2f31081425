import { buildsFrom, type ComposeFile } from './composeFiles';
import { dirname } from './paths';
import { parseProcfile, parseServerCommand, shellWords, type Procfile, type ServerCommand } from './procfile';
import type { RunConfig } from './runConfig';
import { serviceOfImage, servicesInText } from './services';
import type { DetectWarning, Service } from './types';
import { WARNING, warning } from './warnings';

/** What a project's configuration (not its Python) says about how the app runs. */
export interface RootHints {
  /** From .flaskenv then .env (which wins, as in Flask). */
  env: Map<string, { value: string; file: string }>;
  procfile: (Procfile & { file: string }) | null;
  /** The compose service that builds this project: its container port and command. */
  compose: { port: number | null; command: ServerCommand | null; file: string } | null;
  dockerfile: { port: number; file: string; line: number } | null;
  services: Set<Service>;
  warnings: DetectWarning[];
}

/** `run` holds the project's Procfile, compose files and Dockerfile, read once (runConfig.ts). */
export function readRootHints(root: string, run: RunConfig): RootHints {
  const hints: RootHints = { env: new Map(), procfile: null, compose: null, dockerfile: null, services: new Set(), warnings: [] };
  for (const { file, values } of run.envFiles) {
    for (const [key, value] of values) {
      hints.env.set(key, { value, file });
      for (const service of servicesInText(value)) hints.services.add(service);
    }
  }
  if (run.procfile) hints.procfile = { ...parseProcfile(run.procfile.lines), file: run.procfile.file };
  for (const compose of run.compose) readCompose(compose, root, hints);
  const exposed = run.dockerfile?.port;
  if (run.dockerfile && exposed) hints.dockerfile = { port: exposed.port, file: run.dockerfile.file, line: exposed.line };
  return hints;
}

/** KEY=value lines, with `export`, quotes and comments (the dotenv format Flask reads). */
export function parseEnvFile(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(raw);
    if (!match) continue;
    let value = match[2].trim();
    const quoted = /^(["'])(.*)\1$/.exec(value);
    value = quoted ? quoted[2] : value.replace(/\s+#.*$/, '');
    out.set(match[1], value);
  }
  return out;
}

type Json = Record<string, unknown>;
const asObject = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

function readCompose({ file: path, model: { doc } }: ComposeFile, root: string, hints: RootHints): void {
  if (doc.errors.length) {
    const error = doc.errors[0];
    hints.warnings.push(warning(WARNING.composeInvalid, `${path} is not valid YAML (${error.message.split('\n')[0]}).`,
      path, error.linePos?.[0].line ?? null));
    return;
  }
  const services = Object.values(asObject(asObject(doc.toJS()).services)).map(asObject);
  // Of the services built from this project (the app, a worker), the app is the one that serves.
  const built = services.filter((s) => buildsFrom(s.build, path, root));
  const ours = built.find((s) => containerPort(s) !== null || serverCommand(s) !== null) ?? built[0];
  // Another project's compose file says nothing about this one.
  if (!ours && dirname(path) !== root) return;
  for (const service of services) {
    if (typeof service.image === 'string') {
      const kind = serviceOfImage(service.image);
      if (kind) hints.services.add(kind);
    }
    const environment = service.environment;
    const values = Array.isArray(environment) ? environment : Object.values(asObject(environment));
    for (const value of values) if (typeof value === 'string') for (const s of servicesInText(value)) hints.services.add(s);
  }
  if (ours && !hints.compose) hints.compose = { port: containerPort(ours), command: serverCommand(ours), file: path };
}

function serverCommand(service: Json): ServerCommand | null {
  const command = service.command;
  const words = typeof command === 'string' ? shellWords(command) : Array.isArray(command) ? command.map(String) : [];
  return parseServerCommand(words, 0);
}

/** The container side of `ports` ("8080:8000", "127.0.0.1:8080:8000/tcp", { target: 8000 }) or `expose`. */
function containerPort(service: Json): number | null {
  const entries = [...(Array.isArray(service.ports) ? service.ports : []), ...(Array.isArray(service.expose) ? service.expose : [])];
  for (const entry of entries) {
    const raw = typeof entry === 'object' && entry ? asObject(entry).target : entry;
    const text = String(raw ?? '').split('/')[0];
    const port = Number(text.slice(text.lastIndexOf(':') + 1));
    if (Number.isInteger(port) && port > 0 && port < 65536) return port;
  }
  return null;
}
