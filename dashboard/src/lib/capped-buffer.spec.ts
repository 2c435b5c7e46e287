import { CappedBuffer } from './capped-buffer';

describe('CappedBuffer', () => {
  it('keeps the newest items up to its capacity and reports what fell out', () => {
    const buffer = new CappedBuffer<number>(3);
    expect([1, 2, 3].map((n) => buffer.push(n))).toEqual([undefined, undefined, undefined]);
    expect(buffer.push(4)).toBe(1);
    expect(buffer.push(5)).toBe(2);
    expect(buffer.toArray()).toEqual([3, 4, 5]);
    expect(buffer.newestFirst()).toEqual([5, 4, 3]);
    expect(buffer.size).toBe(3);
  });

  it('holds the same memory after a long stream as after a short one', () => {
    const buffer = new CappedBuffer<number>(100);
    for (let i = 0; i < 100_000; i += 1) buffer.push(i);
    expect(buffer.size).toBe(100);
    expect(buffer.toArray()[0]).toBe(99_900);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new CappedBuffer(0)).toThrow(/positive integer/);
  });
});
