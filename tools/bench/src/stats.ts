/** Median and spread of repeated measurements. */
export interface Summary {
  median: number;
  p25: number;
  p75: number;
  p99: number;
  min: number;
  max: number;
  runs: number;
}

/** Linear interpolation between the closest ranks of an ascending array. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const a = sorted[low] ?? Number.NaN;
  const b = sorted[high] ?? Number.NaN;
  return a + (b - a) * (position - low);
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((x, y) => x - y);
  return {
    median: quantile(sorted, 0.5),
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    p99: quantile(sorted, 0.99),
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
    runs: sorted.length,
  };
}

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** `12.3 (11.9–12.8)`: the median and the interquartile range. */
export function spread(summary: Summary, digits = 1): string {
  return `${round(summary.median, digits)} (${round(summary.p25, digits)}–${round(summary.p75, digits)})`;
}

/** `12.3 (10.1–15.0)`: the median and the full range, for a handful of runs where quartiles say little. */
export function range(summary: Summary, digits = 1): string {
  return `${round(summary.median, digits)} (${round(summary.min, digits)}–${round(summary.max, digits)})`;
}

export function ratio(value: number, baseline: number): string {
  return `${round(value / baseline, 2)}x`;
}
