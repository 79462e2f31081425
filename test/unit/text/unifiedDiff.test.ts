import * as assert from 'node:assert/strict';
import { unifiedDiff } from '../../../src/core/text/unifiedDiff';

/** Applies a unified diff produced for `before`, to check it describes exactly the change. */
function applyDiff(before: string, diff: string): string {
  const source = before === '' ? [] : before.replace(/\n$/, '').split('\n');
  const out: string[] = [];
  let cursor = 0;
  const lines = diff.replace(/\n$/, '').split('\n').slice(2);
  for (let i = 0; i < lines.length; i++) {
    const m = /^@@ -(\d+),(\d+) \+\d+,\d+ @@$/.exec(lines[i]);
    if (!m) continue;
    const start = Number(m[2]) === 0 ? Number(m[1]) : Number(m[1]) - 1;
    out.push(...source.slice(cursor, start));
    cursor = start;
    for (i++; i < lines.length && !lines[i].startsWith('@@'); i++) {
      const [kind, text] = [lines[i][0], lines[i].slice(1)];
      if (kind === ' ' || kind === '-') {
        assert.equal(source[cursor], text, `context mismatch at line ${cursor + 1}`);
        cursor++;
      }
      if (kind === ' ' || kind === '+') out.push(text);
    }
    i--;
  }
  out.push(...source.slice(cursor));
  return out.length ? `${out.join('\n')}\n` : '';
}

function lines(...items: string[]): string {
  return items.map((l) => `${l}\n`).join('');
}

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    assert.equal(unifiedDiff('Dockerfile', 'a\n', 'a\n'), '');
  });

  it('shows a new file against /dev/null', () => {
    assert.equal(unifiedDiff('Dockerfile', null, lines('FROM x', 'CMD y')), '--- /dev/null\n+++ b/Dockerfile\n@@ -0,0 +1,2 @@\n+FROM x\n+CMD y\n');
  });

  it('keeps three lines of context and merges nearby changes into one hunk', () => {
    const before = lines('1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15');
    const after = lines('1', '2', '3', '4', 'five', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16');
    const diff = unifiedDiff('f', before, after);
    assert.equal(diff, '--- a/f\n+++ b/f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n@@ -13,3 +13,4 @@\n 13\n 14\n 15\n+16\n');
  });

  it('describes exactly the change, for many random edits', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 300; round++) {
      const a = Array.from({ length: Math.floor(random() * 25) }, () => 'abcdef'[Math.floor(random() * 6)]);
      const b = [...a];
      for (let edits = Math.floor(random() * 6); edits > 0; edits--) {
        const at = Math.floor(random() * (b.length + 1));
        if (random() < 0.4 && b.length) b.splice(Math.min(at, b.length - 1), 1);
        else b.splice(at, 0, 'xyz'[Math.floor(random() * 3)]);
      }
      const before = a.map((l) => `${l}\n`).join('');
      const after = b.map((l) => `${l}\n`).join('');
      assert.equal(applyDiff(before, unifiedDiff('f', before, after)), after, `round ${round}`);
    }
  });
});
