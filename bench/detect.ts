/**
 * npm run bench:detect [-- --python-share 0.8] — detection on a generated monorepo: 20k source
 * files in the tree (a share of them Python modules, the rest templates and scripts), plus 50k
 * files in folders detection must skip (node_modules, a virtualenv, .git). Prints the time of
 * detection, of a bare recursive walk of the non-ignored tree (the floor: listing, reading
 * nothing; the faster of a sync and an async walk), their ratio, and the one-time grammar load.
 * It also prints a read floor: the same walk plus opening and reading every file detection must
 * look at (each non-test Python module), with no decoding or parsing — what any detector that
 * reads the source pays before it does anything, and so how close to the walk detection can get.
 * Times are medians of warm runs in this process, the workloads taking turns within each round. Goal (issue 4): ratio ≤ 1.5, under 300 ms.
 */
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { detect, isTestModule } from '../src/core/detect/detect';
import { loadPythonParser } from '../src/core/detect/python/parser';
import { diskFileView } from '../src/workspace/diskFileView';
import { readGrammar } from '../src/workspace/grammarFiles';

const repo = join(__dirname, '..', '..');
const SOURCE_FILES = 20_000;
const IGNORED_FILES = 50_000;
const FILES_PER_FOLDER = 20;
const RUNS = 15;
const SKIPPED = new Set(['node_modules', '.venv', '.git']);
const shareArg = process.argv.indexOf('--python-share');
const PYTHON_SHARE = shareArg > 0 ? Number(process.argv[shareArg + 1]) : 0.8;

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/**
 * A FastAPI service, a Flask admin and a large shared library. Of the Python modules one in eight
 * imports the framework (a router); the other files are templates and scripts.
 */
function generateRepo(root: string): void {
  write(root, 'services/api/requirements.txt', 'fastapi\nuvicorn[standard]\nasyncpg\n');
  write(root, 'services/api/api/__init__.py', '');
  write(root, 'services/api/api/main.py', 'from fastapi import FastAPI\n\napp = FastAPI()\n');
  write(root, 'services/admin/requirements.txt', 'flask\ngunicorn\n');
  write(root, 'services/admin/app.py', 'from flask import Flask\n\nadmin = Flask(__name__)\n');
  write(root, '.gitignore', 'node_modules/\n*.pyc\n');
  let written = 5;
  for (let i = 0; written < SOURCE_FILES; i++) {
    const folder = `${['services/api/api', 'services/admin/views', 'libs/core'][i % 3]}/m${Math.floor(i / FILES_PER_FOLDER)}`;
    const python = (i % 100) < PYTHON_SHARE * 100;
    const path = `${folder}/${python ? `mod${i}.py` : i % 2 ? `t${i}.html` : `s${i}.js`}`;
    const text = !python ? (i % 2 ? `<p>{{ item${i} }}</p>\n` : `export const s${i} = ${i};\n`)
      : i % 8 === 0 ? `from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n@router.get("/r${i}")\ndef r${i}():\n    return {"i": ${i}}\n`
        : `import dataclasses\n\n\n@dataclasses.dataclass\nclass Model${i}:\n    name: str\n    size: int = ${i}\n\n\ndef helper${i}(x):\n    return x * ${i}\n`;
    write(root, path, text);
    written++;
  }
  write(root, '.venv/pyvenv.cfg', 'home = /usr/bin\n');
  const ignored = ['node_modules/pkg', '.venv/lib/python3.12/site-packages/pkg', '.git/objects/'];
  for (let i = 0; i < IGNORED_FILES; i++) {
    const base = ignored[i % 3];
    write(root, `${base}${Math.floor(i / 100)}/f${i}.${i % 3 === 1 ? 'py' : 'js'}`, 'from fastapi import FastAPI\nx = FastAPI()\n');
  }
}

/** The floor: list every folder that is not ignored, read nothing. */
async function asyncWalk(root: string, folder = ''): Promise<number> {
  const entries = await readdir(join(root, folder), { withFileTypes: true });
  const counts = await Promise.all(entries.map((e) => {
    if (e.isDirectory()) return SKIPPED.has(e.name) ? 0 : asyncWalk(root, join(folder, e.name));
    return e.isFile() ? 1 : 0;
  }));
  return counts.reduce((a, b) => a + b, 0);
}

/** Counts the files; `visit`, when given, is called with each file's path (the read floor uses it). */
function syncWalk(root: string, visit?: (path: string) => void, folder = ''): number {
  let count = 0;
  for (const e of readdirSync(join(root, folder), { withFileTypes: true })) {
    if (e.isDirectory()) count += SKIPPED.has(e.name) ? 0 : syncWalk(root, visit, join(folder, e.name));
    else if (e.isFile()) {
      count++;
      visit?.(join(folder, e.name));
    }
  }
  return count;
}

const scratch = Buffer.allocUnsafe(64 * 1024);

/** One open/read/close of a file when it is a module detection reads; nothing else. */
function readModule(root: string, path: string): void {
  if (!path.endsWith('.py') || isTestModule(path)) return;
  const fd = openSync(join(root, path), 'r');
  try {
    readSync(fd, scratch, 0, scratch.length, 0);
  } finally {
    closeSync(fd);
  }
}

const middle = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Each round times every workload once, in turn, so that a burst of load from elsewhere on the
 * machine falls on all of them alike; medians per workload, and the median of each round's own
 * detect / floor ratio (paired, the figure least moved by such bursts).
 */
async function interleaved(workloads: Record<string, () => Promise<unknown>>): Promise<{ medians: Record<string, number>; rounds: Record<string, number>[] }> {
  const rounds: Record<string, number>[] = [];
  for (let i = 0; i < RUNS; i++) {
    const round: Record<string, number> = {};
    for (const [name, run] of Object.entries(workloads)) {
      const started = performance.now();
      await run();
      round[name] = performance.now() - started;
    }
    rounds.push(round);
  }
  const medians = Object.fromEntries(Object.keys(workloads).map((name) => [name, middle(rounds.map((r) => r[name]))]));
  return { medians, rounds };
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'dockwright-bench-detect-'));
  try {
    const generating = performance.now();
    generateRepo(root);
    console.log(`generated ${SOURCE_FILES} source files (${Math.round(PYTHON_SHARE * 100)}% Python) + ${IGNORED_FILES} ignored ` +
      `in ${((performance.now() - generating) / 1000).toFixed(1)} s`);

    const loadGrammar = () => readGrammar(join(repo, 'dist'));
    const loading = performance.now();
    await loadPythonParser(loadGrammar);
    const grammarMs = performance.now() - loading;

    const files = syncWalk(root);
    const first = await detect(diskFileView(root), { root, loadGrammar });
    const { medians, rounds } = await interleaved({
      sync: async () => syncWalk(root),
      async: () => asyncWalk(root),
      floor: async () => syncWalk(root, (path) => readModule(root, path)),
      detect: () => detect(diskFileView(root), { root, loadGrammar }),
    });
    const { sync: syncMs, async: asyncMs, floor: floorMs, detect: detectMs } = medians;
    const walkMs = Math.min(syncMs, asyncMs);
    const ratio = detectMs / walkMs;
    const pairedFloor = middle(rounds.map((r) => r.detect / r.floor));

    console.log(`apps found:            ${first.apps.map((a) => `${a.root} ${a.entry}`).join(', ')}`);
    console.log(`files scanned/parsed:  ${first.stats.filesScanned} / ${first.stats.filesParsed} (bare walk saw ${files})`);
    console.log(`one-time grammar load: ${grammarMs.toFixed(0)} ms`);
    console.log(`bare walk (median):    ${walkMs.toFixed(0)} ms (sync ${syncMs.toFixed(0)} ms, async ${asyncMs.toFixed(0)} ms)`);
    console.log(`detect (median):       ${detectMs.toFixed(0)} ms`);
    console.log(`read floor (median):   ${floorMs.toFixed(0)} ms (the walk + open/read/close of every module detection reads, nothing else)`);
    console.log(`ratio detect / walk:   ${ratio.toFixed(2)}  (goal ≤ 1.5; detect goal < 300 ms)`);
    console.log(`ratio floor / walk:    ${(floorMs / walkMs).toFixed(2)}  (reading the modules alone)`);
    console.log(`ratio detect / floor:  ${(detectMs / floorMs).toFixed(2)}  (detection's own work on top of reading; goal ≤ 1.5)`);
    console.log(`  paired, per round:   ${pairedFloor.toFixed(2)}  (median of ${RUNS} rounds' detect / floor, each round timing both in turn)`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
