import { median, parseCpuTicks, percentile, stealPercent, throughput } from './stats';

describe('benchmark statistics', () => {
  it('takes the middle of an odd and the mean of the middle two of an even sample', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('interpolates percentiles between ranks', () => {
    const samples = Array.from({ length: 101 }, (_, i) => i);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile([10, 20], 50)).toBe(15);
    expect(Number.isNaN(percentile([], 50))).toBe(true);
  });

  it('turns counts and elapsed time into rates', () => {
    const rate = throughput(2000, 2 * 1024 * 1024, 500);
    expect(rate.messagesPerSecond).toBe(4000);
    expect(rate.megabytesPerSecond).toBe(4);
  });
});

describe('CPU steal', () => {
  const stat = (user: number, idle: number, steal: number) => `cpu  ${user} 0 100 ${idle} 5 0 3 ${steal} 0 0\ncpu0 1 2 3 4 5 6 7 8 9 10\n`;

  it('reads the total and the steal of the first line of /proc/stat', () => {
    expect(parseCpuTicks(stat(1000, 5000, 200))).toEqual({ total: 1000 + 100 + 5000 + 5 + 3 + 200, steal: 200 });
  });

  it('says nothing for anything that is not that line', () => {
    expect(parseCpuTicks('')).toBeUndefined();
    expect(parseCpuTicks('intr 1 2 3')).toBeUndefined();
    expect(parseCpuTicks('cpu  1 2 x 4 5 6 7 8')).toBeUndefined();
  });

  it('gives the stolen share of the CPU time between two readings', () => {
    const from = parseCpuTicks(stat(1000, 5000, 200));
    const to = parseCpuTicks(stat(1600, 5600, 500));
    if (from === undefined || to === undefined) throw new Error('unreadable fixture');
    // 1,500 ticks went by (600 user, 600 idle, 300 steal): a fifth stolen.
    expect(stealPercent(from, to)).toBeCloseTo(20, 5);
    expect(stealPercent(to, to)).toBe(0);
  });
});
