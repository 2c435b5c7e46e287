/** Small statistics for benchmark figures: medians over runs, percentiles over samples. */
export const median = (values: readonly number[]): number => percentile(values, 50);

export const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const lo = sorted[lower] ?? Number.NaN;
  const hi = sorted[upper] ?? Number.NaN;
  return lo + (hi - lo) * (rank - lower);
};

export interface Throughput {
  readonly messagesPerSecond: number;
  readonly megabytesPerSecond: number;
}

export const throughput = (messages: number, bytes: number, elapsedMs: number): Throughput => ({
  messagesPerSecond: (messages * 1000) / elapsedMs,
  megabytesPerSecond: (bytes * 1000) / elapsedMs / (1024 * 1024),
});

/** The median of each figure over several runs. */
export const medianThroughput = (runs: readonly Throughput[]): Throughput => ({
  messagesPerSecond: median(runs.map((r) => r.messagesPerSecond)),
  megabytesPerSecond: median(runs.map((r) => r.megabytesPerSecond)),
});
