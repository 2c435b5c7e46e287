import { downsampleMinMax, pointBudget, sampleTimes } from './downsample';

describe('downsampling', () => {
  it('allows two points per pixel', () => {
    expect(pointBudget(600)).toBe(1200);
    expect(pointBudget(0)).toBe(2);
  });

  it('samples evenly and always includes both ends', () => {
    expect(sampleTimes(0, 100, 5)).toEqual([0, 25, 50, 75, 100]);
    expect(sampleTimes(50, 50, 10)).toEqual([50]);
  });

  it('keeps at most two items per bucket, the extremes among them, in x order', () => {
    const series = Array.from({ length: 10_000 }, (_, i) => ({ x: i, y: Math.sin(i / 50) * 100 + (i === 5_000 ? 1_000 : 0) }));
    const reduced = downsampleMinMax(series, (p) => p.x, (p) => p.y, 300);
    expect(reduced.length).toBeLessThanOrEqual(600);
    expect(reduced.some((p) => p.x === 5_000)).toBe(true);
    expect(Math.min(...reduced.map((p) => p.y))).toBe(Math.min(...series.map((p) => p.y)));
    expect(reduced.every((p, i) => i === 0 || (reduced[i - 1]?.x ?? -1) < p.x)).toBe(true);
  });

  it('leaves a series already within budget as it is', () => {
    const series = [1, 2, 3].map((x) => ({ x, y: x }));
    expect(downsampleMinMax(series, (p) => p.x, (p) => p.y, 10)).toEqual(series);
  });
});
