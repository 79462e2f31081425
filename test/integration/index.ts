// Entry point VS Code calls inside the extension host (extensionTestsPath): runs every
// *.test.js next to this file with mocha and rejects when any test fails.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { countsLine, countsOf } from '../harness/testCounts';

export function run(): Promise<void> {
  // Generous: the first test may wait for the extension to activate and the daemon to answer.
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000 });
  // DOCKWRIGHT_TEST_GREP=<text> runs only the tests whose title contains it, to rerun one failure.
  if (process.env.DOCKWRIGHT_TEST_GREP) mocha.grep(process.env.DOCKWRIGHT_TEST_GREP);
  // extension.test.js first: it checks that nothing has activated the extension yet.
  const first = (name: string) => (name === 'extension.test.js' ? `0${name}` : `1${name}`);
  const files = fs.readdirSync(__dirname).filter((name) => name.endsWith('.test.js'));
  for (const file of files.sort((a, b) => first(a).localeCompare(first(b)))) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        // The harness reads this line; it cannot see mocha's objects from outside the extension host.
        console.log(countsLine(countsOf(runner.stats)));
        if (failures) reject(new Error(`${failures} test(s) failed`));
        else resolve();
      });
    } catch (e) {
      // A test file that throws while loading.
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
