import { median, percentile, throughput } from './stats';

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
