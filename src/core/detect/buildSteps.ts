import { basename, dirname, isInside, join, normalize, relativeTo } from './paths';
import type { ProjectFiles } from './projectFiles';
import type { BuildStep, DetectWarning } from './types';
import { WARNING, warning } from './warnings';

/**
 * JavaScript builds whose output the app serves: a package.json with a `build` script at the
 * app's root (webpack assets for its templates), or elsewhere when its vite/webpack config writes
 * into the app's folder. Generation does not build them, so each comes with a warning.
 */
const CONFIGS = ['vite.config.ts', 'vite.config.js', 'vite.config.mjs', 'webpack.config.js', 'webpack.config.ts', 'webpack.config.mjs'];

export async function buildSteps(files: ProjectFiles, root: string, warnings: DetectWarning[]): Promise<BuildStep[]> {
  const steps: BuildStep[] = [];
  for (const manifest of files.endingWith('package.json').filter((f) => basename(f) === 'package.json')) {
    const folder = dirname(manifest);
    const text = await files.text(manifest, { quiet: true });
    const build = text === null ? null : buildScript(text);
    if (!build) continue;
    const output = await outputFolder(files, folder);
    const writesIntoApp = output !== null && isInside(root, output) && !isInside(folder, output);
    if (folder !== root && !writesIntoApp) continue;
    const step: BuildStep = {
      kind: 'frontend', folder: folder || '.', command: `${installer(files, folder)} && ${runner(files, folder)} run build`,
      output: output === null ? null : relativeTo(root, output) || '.', file: manifest, line: build.line,
    };
    steps.push(step);
    warnings.push(warning(WARNING.buildStepNotGenerated,
      `${step.folder} has a JavaScript build (${step.command})${step.output ? ` whose output ${step.output} the app serves` : ''}; ` +
      'the generated Dockerfile does not run it: add a Node build stage that copies the output into the image.', manifest, build.line));
  }
  steps.push(...translations(files, root, warnings));
  return steps;
}

/**
 * Flask-Babel and gettext read compiled catalogs (`<lang>/LC_MESSAGES/*.mo`); projects commit the
 * .po sources only, so the image must compile them (`pybabel compile`) or the app shows no translation.
 */
function translations(files: ProjectFiles, root: string, warnings: DetectWarning[]): BuildStep[] {
  const catalogs = files.walk.files.filter((f) => isInside(root, f) && /\/LC_MESSAGES\/[^/]+\.po$/.test(f)).sort();
  const folders = [...new Set(catalogs.map((f) => dirname(dirname(dirname(f)))))];
  return folders.filter((folder) => catalogs.some((po) => isInside(folder, po) && !files.has(po.replace(/\.po$/, '.mo'))))
    .map((folder) => {
      const file = catalogs.find((po) => isInside(folder, po)) as string;
      const step: BuildStep = {
        kind: 'translations', folder, command: `pybabel compile -d ${relativeTo(root, folder)}`,
        output: relativeTo(root, folder), file, line: 1,
      };
      warnings.push(warning(WARNING.buildStepNotGenerated,
        `${folder} holds translations as .po sources only; the app loads compiled .mo files, which the generated ` +
        `Dockerfile does not make: add \`RUN ${step.command}\` after the code is copied.`, file, 1));
      return step;
    });
}

function buildScript(text: string): { line: number } | null {
  try {
    const scripts = (JSON.parse(text) as { scripts?: Record<string, unknown> }).scripts;
    if (typeof scripts?.build !== 'string') return null;
    const index = text.search(/"build"\s*:/);
    return { line: index < 0 ? 1 : text.slice(0, index).split('\n').length };
  } catch {
    return null;
  }
}

/** Where vite (`outDir: "../backend/app/frontend"`) or webpack (`path: path.join(__dirname, "pkg", "static")`) writes. */
async function outputFolder(files: ProjectFiles, folder: string): Promise<string | null> {
  for (const name of CONFIGS) {
    const path = join(folder, name);
    const text = files.has(path) ? await files.text(path, { quiet: true }) : null;
    if (text === null) continue;
    const vite = /outDir\s*:\s*["'`]([^"'`]+)["'`]/.exec(text);
    if (vite) return normalize(join(folder, vite[1]));
    const webpack = /output\s*:\s*{[^}]*?path\s*:\s*path\.(?:join|resolve)\(\s*__dirname\s*,([^)]*)\)/s.exec(text);
    const parts = webpack ? [...webpack[1].matchAll(/["'`]([^"'`]+)["'`]/g)].map((m) => m[1]) : [];
    if (parts.length) return normalize(join(folder, parts.join('/')));
  }
  return null;
}

function installer(files: ProjectFiles, folder: string): string {
  const has = (name: string) => files.has(join(folder, name)) || files.has(name);
  if (has('bun.lock') || has('bun.lockb')) return 'bun install';
  if (has('pnpm-lock.yaml')) return 'pnpm install --frozen-lockfile';
  if (has('yarn.lock')) return 'yarn install --frozen-lockfile';
  return files.has(join(folder, 'package-lock.json')) ? 'npm ci' : 'npm install';
}

function runner(files: ProjectFiles, folder: string): string {
  const has = (name: string) => files.has(join(folder, name)) || files.has(name);
  if (has('bun.lock') || has('bun.lockb')) return 'bun';
  if (has('pnpm-lock.yaml')) return 'pnpm';
  return has('yarn.lock') ? 'yarn' : 'npm';
}
