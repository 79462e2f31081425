// Shared by the explain tests: the corpus of Dockerfiles, compose files and Kubernetes manifests, app facts with
// defaults, and applying a fix's edits to a text the way an editor would.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppFacts } from '../../../src/core/detect/types';
import {
  lintCompose, lintDockerfile, lintManifest, parseCompose, parseDockerfile, parseManifest, type BuildContext, type ExplainContext, type Finding, type TextEdit,
} from '../../../src/core/explain';

/** The repository, seen from out/test/unit/explain/. */
export const repo = join(__dirname, '..', '..', '..', '..');
export const corpusDir = join(repo, 'test', 'fixtures', 'dockerfiles');
export const generateDir = join(repo, 'test', 'fixtures', 'generate');

export interface Case {
  name: string;
  kind: 'dockerfile' | 'compose' | 'manifest';
  file: string;
  text: string;
  description: string;
  recommended: boolean;
  /** `CODE:line` (1-based), sorted. */
  expect: string[];
  context: ExplainContext;
}

/** Detection's record for an app, with the fields a case does not care about filled in. */
export function appFacts(partial: Partial<AppFacts>): AppFacts {
  return {
    root: '.', framework: 'fastapi', module: 'app.main', variable: 'app', factory: false, entry: 'app.main:app', sourceRoot: null,
    server: 'uvicorn', port: 8000, portSource: 'default', host: null, pythonVersion: null, packageManager: 'pip', workspace: null,
    dependencyFiles: ['requirements.txt'], dependencies: ['fastapi', 'uvicorn'], localDependencies: [], frontendFolders: [], services: [], workers: [],
    entrySource: { via: 'source', file: 'app/main.py', line: 1 }, writablePaths: [], buildSteps: [],
    env: [], release: null, pythonVersionSource: null, pythonVersionLimit: null, systemPackages: { build: [], runtime: [] },
    warnings: [], file: 'app/main.py', line: 1, ...partial,
  };
}

/** A case's build context; `paths` (every path below the folder) answers the checks that ask whether a file exists. */
function contextOf(spec: (BuildContext & { paths?: string[] }) | undefined): BuildContext | null {
  if (!spec) return null;
  const { paths, ...context } = spec;
  return paths ? { ...context, exists: (path: string) => paths.includes(path) } : context;
}

export function loadCorpus(): Case[] {
  return readdirSync(corpusDir).sort().map((name) => {
    const dir = join(corpusDir, name);
    const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as {
      description: string; recommended: boolean; expect: string[]; app?: Partial<AppFacts>; buildContext?: BuildContext & { paths?: string[] };
    };
    const kind = existsSync(join(dir, 'compose.yaml')) ? 'compose' : existsSync(join(dir, 'manifest.yaml')) ? 'manifest' : 'dockerfile';
    const file = { compose: 'compose.yaml', manifest: 'manifest.yaml', dockerfile: 'Dockerfile' }[kind];
    return {
      name, kind, file, text: readFileSync(join(dir, file), 'utf8'), description: spec.description, recommended: spec.recommended,
      expect: [...spec.expect].sort(), context: { app: spec.app ? appFacts(spec.app) : null, buildContext: contextOf(spec.buildContext) },
    };
  });
}

export function lint(kind: Case['kind'], text: string, context: ExplainContext): Finding[] {
  if (kind === 'manifest') return lintManifest(parseManifest(text), context);
  return kind === 'compose' ? lintCompose(parseCompose(text), context) : lintDockerfile(parseDockerfile(text), context);
}

export function codes(findings: Finding[]): string[] {
  return findings.map((f) => `${f.code}:${f.range.start.line + 1}`).sort();
}

function offsetOf(text: string, line: number, character: number): number {
  let offset = 0;
  for (let l = 0; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + character, text.length);
}

/** Applies edits of one file (from last to first, as they must not overlap). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetOf(text, b.range.start.line, b.range.start.character) - offsetOf(text, a.range.start.line, a.range.start.character));
  let out = text;
  for (const e of sorted) {
    const start = offsetOf(out, e.range.start.line, e.range.start.character);
    const end = offsetOf(out, e.range.end.line, e.range.end.character);
    out = out.slice(0, start) + e.newText + out.slice(end);
  }
  return out;
}
