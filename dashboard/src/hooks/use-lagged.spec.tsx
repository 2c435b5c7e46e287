import { act, render } from '@testing-library/react';
import { useLagged } from './use-lagged';

describe('useLagged', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  const mount = (lagMs: number) => {
    const shown: number[] = [];
    function Probe({ value }: { readonly value: number }) {
      shown.push(useLagged(value, lagMs));
      return null;
    }
    const view = render(<Probe value={0} />);
    const set = (value: number) => act(() => view.rerender(<Probe value={value} />));
    return { last: () => shown[shown.length - 1], set };
  };

  it('shows the first value at once and a change only after the lag', () => {
    const { last, set } = mount(100);
    expect(last()).toBe(0);
    set(1);
    expect(last()).toBe(0);
    act(() => jest.advanceTimersByTime(99));
    expect(last()).toBe(0);
    act(() => jest.advanceTimersByTime(1));
    expect(last()).toBe(1);
  });

  it('lands the newest of the changes that came during one wait, without waiting again', () => {
    const { last, set } = mount(100);
    set(1);
    act(() => jest.advanceTimersByTime(60));
    set(2);
    act(() => jest.advanceTimersByTime(40));
    expect(last()).toBe(2);
  });

  it('follows at once with no lag', () => {
    const { last, set } = mount(0);
    set(5);
    expect(last()).toBe(5);
  });
});
