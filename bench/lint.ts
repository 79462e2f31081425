/**
 * npm run bench:lint — precision and recall of `dockwright lint` per rule on the hand-labelled corpus
 * of real Dockerfiles and compose files (../shared/corpus/dockerfiles/labels.json).
 */
import { join } from 'node:path';
import { formatLintScore, lintCorpus, scoreLintCorpus } from '../test/harness/lintScore';

// Built to out/bench/: the repository is two folders up.
const repo = join(__dirname, '..', '..');
const score = scoreLintCorpus(join(repo, 'dist', 'cli.js'), lintCorpus(repo));
if (!score) {
  console.log(`no labelled corpus at ${lintCorpus(repo)}`);
  process.exit(1);
}
console.log(formatLintScore(score));
