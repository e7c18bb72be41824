// Summary statistics for benchmark samples: median and spread, and the ratio to a baseline.

export interface Sample {
  median: number;
  min: number;
  max: number;
  /** (max - min) / median, as a fraction. */
  spread: number;
  n: number;
  values: number[];
}

export function summarize(values: number[]): Sample {
  if (values.length === 0) throw new Error('bench: no samples');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const min = sorted[0]!;
  const max = sorted.at(-1)!;
  return { median, min, max, spread: median ? (max - min) / median : 0, n: values.length, values };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** A sample's spread as the tables show it: ±half the (max − min) range, in percent of the median. */
export const spreadText = (sample: Sample) => `±${Math.round((sample.spread * 100) / 2)}%`;

/** "median ±spread" with the median formatted by `format`. */
export const sampleText = (sample: Sample, format: (value: number) => string) =>
  `${format(sample.median)} ${spreadText(sample)}`;
