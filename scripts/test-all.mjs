// Runs every suite in order and ends with one line, `N passed, N failed`, summed over them all.
//   node scripts/test-all.mjs [unit|docker|integration|ui ...]
// A suite whose engine or VS Code is missing is a failure in CI (CI=true) and a loud skip elsewhere.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { dockerEnv } from './dockerCli.mjs';

const root = new URL('..', import.meta.url).pathname;
const inCI = process.env.CI === 'true';
const vscodeDir = process.env.DOCKWRIGHT_VSCODE_DIR || '/opt/dockwright/vscode';
const PROVISION = 'sudo bash scripts/provision.sh';

function run(cmd, args, env = process.env) {
  return spawnSync(cmd, args, { encoding: 'utf8', env, cwd: root });
}

function engineProblem(env) {
  const info = run('docker', ['info', '--format', '{{.ServerVersion}}'], env);
  return info.status === 0 ? null : `no running Docker engine (${(info.stderr || '').trim().split('\n')[0]})`;
}

function vscodeProblem() {
  if (!existsSync(join(vscodeDir, '.rig-stamp'))) return `code-server is not installed in ${vscodeDir}`;
  if (!existsSync('/usr/bin/chromium')) return 'Chromium is not installed (/usr/bin/chromium)';
  return null;
}

const SUITES = [
  { name: 'unit', needs: [], command: ['node_modules/.bin/mocha', '--config', '.mocharc.unit.json'] },
  { name: 'docker', needs: ['engine'], command: ['node_modules/.bin/mocha', '--config', '.mocharc.docker.json'] },
  { name: 'integration', needs: ['engine', 'vscode'], command: ['node', 'out/test/harness/runIntegration.js'] },
  { name: 'ui', needs: ['engine', 'vscode'], command: ['node', 'out/test/harness/runUi.js'] },
];

/** Counts from mocha's spec reporter or from our harnesses' `N passed, N failed` line. */
function parseCounts(output) {
  const lines = output.trimEnd().split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = /^(\d+) passed, (\d+) failed/.exec(lines[i].trim());
    if (m) return { passed: Number(m[1]), failed: Number(m[2]) };
  }
  const passing = /(\d+) passing/.exec(output);
  const failing = /(\d+) failing/.exec(output);
  if (passing || failing) return { passed: Number(passing?.[1] ?? 0), failed: Number(failing?.[1] ?? 0) };
  return null;
}

function runSuite(suite, env) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(suite.command[0], suite.command.slice(1), { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('close', (code) => {
      const counts = parseCounts(output);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (!counts) resolve({ passed: 0, failed: 1, note: `exited ${code} without a summary`, seconds });
      else if (code !== 0 && counts.failed === 0) resolve({ ...counts, failed: 1, note: `exited ${code}`, seconds });
      else if (counts.passed + counts.failed === 0) resolve({ passed: 0, failed: 1, note: 'ran no tests', seconds });
      else resolve({ ...counts, seconds });
    });
  });
}

async function main() {
  const wanted = process.argv.slice(2);
  const suites = wanted.length ? SUITES.filter((s) => wanted.includes(s.name)) : SUITES;
  const { env, error } = dockerEnv(root);
  const problems = {
    engine: error ?? engineProblem(env),
    vscode: vscodeProblem(),
  };
  const fixes = { engine: `${PROVISION} --only docker`, vscode: `${PROVISION} --only vscode` };

  const build = run('node', ['scripts/build.mjs', '--tests']);
  process.stdout.write(build.stdout);
  if (build.status !== 0) {
    process.stderr.write(build.stderr);
    console.log('build failed\n0 passed, 1 failed');
    process.exit(1);
  }

  const results = [];
  for (const suite of suites) {
    const missing = suite.needs.filter((n) => problems[n]);
    console.log(`\n===== ${suite.name} =====`);
    if (missing.length) {
      const why = missing.map((n) => `${problems[n]} — run \`${fixes[n]}\``).join('; ');
      const banner = `!!!!! ${suite.name} suite ${inCI ? 'FAILED' : 'NOT RUN'}: ${why}`;
      console.log(`${banner}\n${'!'.repeat(Math.min(banner.length, 100))}`);
      results.push({ name: suite.name, passed: 0, failed: inCI ? 1 : 0, note: inCI ? 'missing prerequisites' : 'skipped: missing prerequisites', seconds: '0.0' });
      continue;
    }
    results.push({ name: suite.name, ...(await runSuite(suite, env)) });
  }

  console.log('\n===== summary =====');
  for (const r of results) {
    console.log(`${r.name.padEnd(12)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed  ${r.seconds}s${r.note ? `  (${r.note})` : ''}`);
  }
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

await main();
