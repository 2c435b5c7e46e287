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

/** The machine's CPU time in clock ticks, from the first line of Linux's /proc/stat. */
export interface CpuTicks {
  readonly total: number;
  /** Time the hypervisor gave this VM's CPUs to someone else while they had work ("steal"). */
  readonly steal: number;
}

/** Reads "cpu  user nice system idle iowait irq softirq steal ..."; undefined for anything else. */
export const parseCpuTicks = (procStat: string): CpuTicks | undefined => {
  const line = procStat.split('\n', 1)[0] ?? '';
  const fields = line.trim().split(/\s+/);
  if (fields[0] !== 'cpu' || fields.length < 9) return undefined;
  const ticks = fields.slice(1, 9).map(Number);
  if (ticks.some((t) => !Number.isFinite(t))) return undefined;
  return { total: ticks.reduce((sum, t) => sum + t, 0), steal: ticks[7] ?? 0 };
};

/** Share of the machine's CPU time between two readings that was stolen, in percent. */
export const stealPercent = (from: CpuTicks, to: CpuTicks): number => {
  const total = to.total - from.total;
  return total > 0 ? (100 * (to.steal - from.steal)) / total : 0;
};
