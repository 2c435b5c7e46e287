import { act, render } from '@testing-library/react';
import { nextSlot, useThrottled } from './use-throttled';

describe('nextSlot', () => {
  it('is the next instant offset past a multiple of the interval, now included', () => {
    expect(nextSlot(10_100, 1000, 250)).toBe(10_250);
    expect(nextSlot(10_250, 1000, 250)).toBe(10_250);
    expect(nextSlot(10_251, 1000, 250)).toBe(11_250);
    expect(nextSlot(10_900, 1000, 0)).toBe(11_000);
  });
});

describe('useThrottled', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  const mount = (ms: number, offsetMs?: number) => {
    const changes: [number, number][] = [];
    function Probe({ value }: { readonly value: number }) {
      const throttled = useThrottled(value, ms, offsetMs);
      if (changes[changes.length - 1]?.[1] !== throttled) changes.push([Date.now(), throttled]);
      return null;
    }
    const view = render(<Probe value={0} />);
    const set = (value: number) => act(() => view.rerender(<Probe value={value} />));
    return { changes, set };
  };

  it('lets the first change through at once and the last one through at the end of the interval', () => {
    const { changes, set } = mount(1000);
    set(1);
    set(2);
    act(() => jest.advanceTimersByTime(400));
    set(3);
    act(() => jest.advanceTimersByTime(600));
    expect(changes).toEqual([
      [1_000_000, 0],
      [1_000_000, 1],
      [1_001_000, 3],
    ]);
  });

  it('with an offset, lands changes on its own slots of the wall clock', () => {
    const { changes, set } = mount(1000, 250);
    const shown = () => changes[changes.length - 1]?.[1];
    set(1);
    // Even after a quiet spell a change waits for the slot (1 000 250), so that panels on
    // different slots never redraw together when a stream starts again.
    expect(shown()).toBe(0);
    act(() => jest.advanceTimersByTime(249));
    expect(shown()).toBe(0);
    act(() => jest.advanceTimersByTime(1));
    expect(shown()).toBe(1);
    act(() => jest.advanceTimersByTime(100));
    set(2);
    act(() => jest.advanceTimersByTime(899));
    expect(shown()).toBe(1);
    act(() => jest.advanceTimersByTime(1));
    expect(shown()).toBe(2);
  });

  it('with an offset, takes a change at once when it comes on the slot itself', () => {
    jest.setSystemTime(1_000_250);
    const { changes, set } = mount(1000, 250);
    set(1);
    expect(changes[changes.length - 1]).toEqual([1_000_250, 1]);
  });
});
