/**
 * Charts never draw more than about two points per pixel: more cannot be seen, and SVG with
 * tens of thousands of nodes makes a live chart stutter.
 */

/** Points a chart of `widthPx` may draw. */
export const pointBudget = (widthPx: number, perPixel = 2): number => Math.max(2, Math.floor(Math.max(1, widthPx) * perPixel));

/** `count` instants evenly from `from` to `to`, both included. */
export const sampleTimes = (from: number, to: number, count: number): number[] => {
  if (count <= 1 || to <= from) return [to];
  const step = (to - from) / (count - 1);
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? to : from + step * i));
};

/**
 * Keeps, per bucket of x, the items with the smallest and the largest y (in x order): the shape
 * of the series, its spikes included, in at most 2 × buckets items. `items` must be in x order.
 */
export const downsampleMinMax = <T>(items: readonly T[], x: (item: T) => number, y: (item: T) => number, buckets: number): T[] => {
  if (items.length <= 2 * buckets) return [...items];
  const first = items[0];
  const last = items[items.length - 1];
  if (first === undefined || last === undefined) return [];
  const from = x(first);
  const span = x(last) - from || 1;
  const out: T[] = [];
  let bucket = -1;
  let low: T | undefined;
  let high: T | undefined;
  const flush = (): void => {
    if (low === undefined || high === undefined) return;
    if (low === high) out.push(low);
    else if (x(low) <= x(high)) out.push(low, high);
    else out.push(high, low);
  };
  for (const item of items) {
    const index = Math.min(buckets - 1, Math.floor(((x(item) - from) / span) * buckets));
    if (index !== bucket) {
      flush();
      bucket = index;
      low = item;
      high = item;
      continue;
    }
    if (low !== undefined && y(item) < y(low)) low = item;
    if (high !== undefined && y(item) > y(high)) high = item;
  }
  flush();
  return out;
};
