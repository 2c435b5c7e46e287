/**
 * A linear scale reduced to two numbers, read from a chart's own scale function: a layer drawn
 * beside the chart places its marks exactly where the chart would, and can be memoised on `key`,
 * which is equal for equal scales even when the chart hands over a new function each render.
 */
export interface Linear {
  /** Equal for two scales that place every value at the same pixel. */
  readonly key: string;
  /** The pixel of `value`. */
  at(value: number): number;
}

/**
 * Samples `scale` at `origin` and at `origin + unit` (pick both near the data: far from them,
 * floating point loses the pixel). Undefined when the scale cannot place either point.
 */
export const linearOf = (scale: (value: number) => number | undefined, origin: number, unit = 1): Linear | undefined => {
  const a = scale(origin);
  const b = scale(origin + unit);
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || unit === 0) return undefined;
  const slope = (b - a) / unit;
  return { key: `${origin}|${unit}|${a}|${b}`, at: (value) => a + (value - origin) * slope };
};
