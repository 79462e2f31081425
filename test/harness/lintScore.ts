/**
 * Scores `dockwright lint --json` on the hand-labelled corpus of real Dockerfiles and compose files
 * (../shared/corpus/dockerfiles/labels.json): each finding the labels judge true or false, findings
 * nobody has judged yet (a changed rule's new ones, to be labelled), and the labelled misses a rule
 * now finds. Shared by the unit test that guards it and by `npm run bench:lint`, which prints it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The labelled corpus beside a checkout of the repository. */
export const lintCorpus = (repoRoot: string) => join(repoRoot, '..', 'shared', 'corpus', 'dockerfiles');

interface Label {
  file: string;
  kind: 'dockerfile' | 'compose';
  findings: { code: string; line: number; verdict: 'true' | 'false'; reason: string }[];
  misses: { code: string; line: number; problem: string }[];
}

export interface RuleScore {
  code: string;
  truePositives: number;
  falseAlarms: number;
  /** Found now, judged by nobody yet. */
  unjudged: number;
  /** Labelled misses filed under this rule, and how many of them it finds now. */
  misses: number;
  missesFound: number;
  /** Findings labelled true that it no longer reports. */
  lost: number;
}

export interface LintScore {
  files: number;
  rules: RuleScore[];
  /** `file:line CODE` of each lost true finding, each false alarm and each unjudged finding. */
  lostFindings: string[];
  falseAlarms: string[];
  unjudged: string[];
}

/** Lints every labelled file with the built CLI (dist/cli.js) and scores it against the labels. */
export function scoreLintCorpus(cli: string, corpus: string): LintScore | null {
  const labelsFile = join(corpus, 'labels.json');
  if (!existsSync(labelsFile)) return null;
  const labels = JSON.parse(readFileSync(labelsFile, 'utf8')) as Label[];
  const rules = new Map<string, RuleScore>();
  const rule = (code: string) => {
    let r = rules.get(code);
    if (!r) rules.set(code, (r = { code, truePositives: 0, falseAlarms: 0, unjudged: 0, misses: 0, missesFound: 0, lost: 0 }));
    return r;
  };
  const score: LintScore = { files: labels.length, rules: [], lostFindings: [], falseAlarms: [], unjudged: [] };
  for (const label of labels) {
    const run = spawnSync(process.execPath, [cli, 'lint', '--json', join(corpus, label.file)], { encoding: 'utf8' });
    const found = (JSON.parse(run.stdout) as { findings: { code: string; line: number }[] }).findings;
    const has = (code: string, line: number) => found.some((f) => f.code === code && f.line === line);
    for (const f of found) {
      const judged = label.findings.find((l) => l.code === f.code && l.line === f.line);
      const at = `${label.file}:${f.line} ${f.code}`;
      // A labelled miss that the rule now finds is a true finding (counted under misses found).
      if (!judged && label.misses.some((m) => m.code === f.code && m.line === f.line)) continue;
      if (!judged) {
        rule(f.code).unjudged++;
        score.unjudged.push(at);
      } else if (judged.verdict === 'true') rule(f.code).truePositives++;
      else {
        rule(f.code).falseAlarms++;
        score.falseAlarms.push(`${at} (${judged.reason})`);
      }
    }
    for (const l of label.findings.filter((x) => x.verdict === 'true' && !has(x.code, x.line))) {
      rule(l.code).lost++;
      score.lostFindings.push(`${label.file}:${l.line} ${l.code}`);
    }
    for (const m of label.misses.filter((x) => /^DW\d+$/.test(x.code))) {
      const r = rule(m.code);
      r.misses++;
      if (has(m.code, m.line)) r.missesFound++;
    }
  }
  score.rules = [...rules.values()].sort((a, b) => a.code.localeCompare(b.code));
  return score;
}

/** The per-rule table and the totals, as bench:lint and the test print them. */
export function formatLintScore(score: LintScore): string {
  const pad = (v: string | number, n: number) => String(v).padStart(n);
  const lines = [`lint on ${score.files} labelled files of real projects`, '', 'rule    true  false  unjudged  precision  misses found/labelled'];
  let tp = 0;
  let fp = 0;
  let misses = 0;
  let found = 0;
  for (const r of score.rules) {
    tp += r.truePositives;
    fp += r.falseAlarms;
    misses += r.misses;
    found += r.missesFound;
    const judged = r.truePositives + r.falseAlarms;
    const precision = judged ? `${((100 * r.truePositives) / judged).toFixed(0)}%` : '-';
    lines.push(`${r.code.padEnd(6)} ${pad(r.truePositives, 5)} ${pad(r.falseAlarms, 6)} ${pad(r.unjudged, 9)} ${pad(precision, 10)}  ${pad(`${r.missesFound}/${r.misses}`, 8)}`);
  }
  const precision = tp + fp ? ((100 * tp) / (tp + fp)).toFixed(1) : '-';
  lines.push('', `precision ${precision}% (${tp} true, ${fp} false alarms; goal ≥ 97%, at most one false alarm per rule)`);
  lines.push(`recall of labelled misses under a rule: ${found}/${misses}`);
  if (score.falseAlarms.length) lines.push('', 'false alarms:', ...score.falseAlarms.map((f) => `  ${f}`));
  if (score.unjudged.length) lines.push('', 'not judged yet (label them):', ...score.unjudged.map((f) => `  ${f}`));
  if (score.lostFindings.length) lines.push('', 'true findings no longer reported:', ...score.lostFindings.map((f) => `  ${f}`));
  return lines.join('\n');
}
