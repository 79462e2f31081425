/** Order statistics for the benchmarks' figures. */

/** The value at `fraction` (0.5 the median, 0.99 the p99) of the values, nearest rank below; NaN for none. */
export function percentile(values: readonly number[], fraction: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

export const median = (values: readonly number[]): number => percentile(values, 0.5);
