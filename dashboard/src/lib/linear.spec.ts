import { linearOf } from './linear';

describe('linearOf', () => {
  const scale = (value: number): number => 40 + (value - 1_000_000) * 0.5;

  it('places values where the scale does, far from the sampled points too', () => {
    const linear = linearOf(scale, 1_000_000, 3_600_000);
    expect(linear?.at(1_000_000)).toBeCloseTo(40, 9);
    expect(linear?.at(1_000_100)).toBeCloseTo(90, 9);
    expect(linear?.at(999_900)).toBeCloseTo(-10, 9);
  });

  it('has the same key for equal scales and another for a scale that moved', () => {
    const shifted = (value: number): number => scale(value) + 1;
    expect(linearOf(scale, 0)?.key).toBe(linearOf((v) => scale(v), 0)?.key);
    expect(linearOf(shifted, 0)?.key).not.toBe(linearOf(scale, 0)?.key);
  });

  it('is undefined when the scale cannot place a point', () => {
    expect(linearOf(() => undefined, 0)).toBeUndefined();
    expect(linearOf((v) => (v === 0 ? 1 : Number.NaN), 0)).toBeUndefined();
    expect(linearOf(scale, 0, 0)).toBeUndefined();
  });
});
