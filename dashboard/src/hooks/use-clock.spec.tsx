import { act, render } from '@testing-library/react';
import { fixedClock } from '../lib/clock';
import { ServicesProvider, type Services } from '../lib/services';
import { fakeServices } from '../testing/fake-services';
import { useSteppedNow } from './use-clock';

describe('useSteppedNow', () => {
  it('renders only when the clock crosses a step, with the step’s start', () => {
    const clock = fixedClock(1_004_000);
    const base = fakeServices(1_004_000);
    const services: Services = { ...base, clock };
    const renders: number[] = [];
    function Probe() {
      renders.push(useSteppedNow(10_000));
      return null;
    }
    render(
      <ServicesProvider services={services}>
        <Probe />
      </ServicesProvider>,
    );
    act(() => clock.set(1_005_000));
    act(() => clock.set(1_009_999));
    expect(renders).toEqual([1_000_000]);
    act(() => clock.set(1_010_000));
    expect(renders).toEqual([1_000_000, 1_010_000]);
    base.dispose();
  });
});
