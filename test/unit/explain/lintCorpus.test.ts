// `dockwright lint --json` over the hand-labelled corpus of real Dockerfiles and compose files
// (../shared/corpus/dockerfiles, read in place): prints precision and recall per rule, and fails when
// a finding the labels judge true is no longer reported. `npm run bench:lint` prints the same table.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { formatLintScore, lintCorpus, scoreLintCorpus } from '../../harness/lintScore';
import { repo } from './support';

describe('lint on the labelled corpus of real Dockerfiles (../shared/corpus/dockerfiles)', function () {
  this.timeout(120_000);

  it('keeps every finding the labels judge true, and prints precision and recall per rule', function () {
    const score = scoreLintCorpus(join(repo, 'dist', 'cli.js'), lintCorpus(repo));
    if (!score) {
      console.log(`    skipped: no labelled corpus at ${lintCorpus(repo)} (it lives beside the repository, in ../shared)`);
      this.skip();
      return;
    }
    console.log(formatLintScore(score).split('\n').map((l) => `      ${l}`).join('\n'));
    assert.deepEqual(score.lostFindings, [], 'true findings no longer reported');
  });
});
