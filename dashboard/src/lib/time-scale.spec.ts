import { timeAxisProps } from './time-scale';

describe('timeAxisProps', () => {
  const from = Date.parse('2022-01-02T00:00:00Z');
  const to = Date.parse('2022-01-09T00:00:00Z');

  it('spans the chart window with ticks inside it, on one step aligned to UTC', () => {
    const axis = timeAxisProps({ from, to }, 630);
    expect(axis.domain).toEqual([from, to]);
    expect(axis.ticks.length).toBeGreaterThan(1);
    expect(axis.ticks.every((t) => t >= from && t <= to)).toBe(true);
    const [first = Number.NaN, second = Number.NaN] = axis.ticks;
    const step = second - first;
    expect(axis.ticks.every((t, i) => t === first + i * step)).toBe(true);
    expect(first % step).toBe(0);
  });

  it('gives a wider chart more ticks over the same window', () => {
    expect(timeAxisProps({ from, to }, 1200).ticks.length).toBeGreaterThan(timeAxisProps({ from, to }, 300).ticks.length);
  });
});
