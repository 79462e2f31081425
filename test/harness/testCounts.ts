// Test counts and the closing `N passed, N failed` line. The extension-host suite cannot return
// data to the harness, so it prints one marked console line that runIntegration picks up.
import type Mocha from 'mocha';

export interface TestCounts {
  passed: number;
  failed: number;
  pending: number;
}

const MARKER = '[dockwright-test-counts]';

export function countsOf(stats: Mocha.Stats | undefined): TestCounts {
  return { passed: stats?.passes ?? 0, failed: stats?.failures ?? 0, pending: stats?.pending ?? 0 };
}

export function countsLine(counts: TestCounts): string {
  return `${MARKER} ${JSON.stringify(counts)}`;
}

export function parseCountsLine(text: string): TestCounts | undefined {
  return text.startsWith(MARKER) ? (JSON.parse(text.slice(MARKER.length)) as TestCounts) : undefined;
}

export function formatCounts(counts: TestCounts): string {
  return `${counts.passed} passed, ${counts.failed} failed${counts.pending ? `, ${counts.pending} skipped` : ''}`;
}
