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

describe('timeAxisProps, kept stable for recharts', () => {
  const from = Date.parse('2022-01-02T00:00:00Z');
  const to = Date.parse('2022-01-09T00:00:00Z');

  it('gives the very same settings for the same window and width, so the axis is not registered again', () => {
    const first = timeAxisProps({ from, to }, 630);
    const again = timeAxisProps({ from, to }, 630);
    expect(again).toBe(first);
    expect(again.ticks).toBe(first.ticks);
    expect(again.tickFormatter).toBe(first.tickFormatter);
  });

  it('gives new settings when the window or the width changes, and keeps a few of them', () => {
    const narrow = timeAxisProps({ from, to }, 300);
    const wide = timeAxisProps({ from, to }, 600);
    const later = timeAxisProps({ from, to: to + 3600_000 }, 300);
    expect(wide).not.toBe(narrow);
    expect(later).not.toBe(narrow);
    expect(later.domain).toEqual([from, to + 3600_000]);
    // Two charts of different widths take turns: both keep their settings.
    expect(timeAxisProps({ from, to }, 300)).toBe(narrow);
    expect(timeAxisProps({ from, to }, 600)).toBe(wide);
  });
});
