import { act, render } from '@testing-library/react';
import { FrameStore } from '../lib/frame-store';
import { useThrottledStore } from './use-throttled-store';

/** A store stepped by hand: `publish` is one animation frame with a change in it. */
const counter = () => {
  let value = 0;
  const frames: (() => void)[] = [];
  const store = new FrameStore(() => value, (callback) => frames.push(callback));
  return {
    store,
    publish(next: number) {
      value = next;
      store.invalidate();
      for (const frame of frames.splice(0)) frame();
    },
  };
};

describe('useThrottledStore', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  const renderCounting = (store: FrameStore<number> | undefined, ms: number) => {
    const seen: number[] = [];
    function Probe() {
      const value = useThrottledStore(store, -1, ms);
      seen.push(value);
      return <span>{value}</span>;
    }
    const view = render(<Probe />);
    const shown = () => Number(view.container.textContent);
    return { seen, shown, view };
  };

  it('shows the first change at once, then at most one render per interval, and never loses the last change', () => {
    const { store, publish } = counter();
    const { seen, shown } = renderCounting(store, 500);
    expect(shown()).toBe(0);
    act(() => publish(1));
    expect(shown()).toBe(1);
    const rendersBefore = seen.length;
    act(() => {
      for (let i = 2; i <= 30; i += 1) {
        publish(i);
        jest.advanceTimersByTime(10);
      }
    });
    // 290 ms of changes inside the interval: nothing drawn yet.
    expect(shown()).toBe(1);
    act(() => jest.advanceTimersByTime(210));
    expect(shown()).toBe(30);
    expect(seen.length - rendersBefore).toBe(1);
  });

  it('follows every publish with an interval of 0', () => {
    const { store, publish } = counter();
    const { shown } = renderCounting(store, 0);
    act(() => publish(1));
    act(() => publish(2));
    expect(shown()).toBe(2);
  });

  it('is the fallback without a store, and stops listening when unmounted', () => {
    expect(renderCounting(undefined, 500).shown()).toBe(-1);
    const { store, publish } = counter();
    const { view } = renderCounting(store, 500);
    view.unmount();
    act(() => publish(5));
    act(() => jest.advanceTimersByTime(1000));
    expect(jest.getTimerCount()).toBe(0);
  });
});
