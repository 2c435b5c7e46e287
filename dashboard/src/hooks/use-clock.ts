import { startTransition, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useServices } from '../lib/services';

/** Now, re-rendering once a second. */
export const useNow = (): number => {
  const { clock } = useServices();
  return useSyncExternalStore(clock.subscribe, clock.getSnapshot);
};

/**
 * Now, rounded down to a multiple of `stepMs`, re-rendering only when it steps, and then as a
 * transition. useNow renders its component synchronously on every tick: for a page that folds
 * the whole theatre at the new moment, the step was one long task every ten seconds, and the
 * nine ticks between were renders for nothing.
 */
export const useSteppedNow = (stepMs: number): number => {
  const { clock } = useServices();
  const [stepped, setStepped] = useState(() => Math.floor(clock.getSnapshot() / stepMs) * stepMs);
  const shown = useRef(stepped);
  useEffect(() => {
    const update = (): void => {
      const next = Math.floor(clock.getSnapshot() / stepMs) * stepMs;
      if (next === shown.current) return;
      shown.current = next;
      startTransition(() => setStepped(next));
    };
    // A step taken between the first render and this subscription.
    update();
    return clock.subscribe(update);
  }, [clock, stepMs]);
  return stepped;
};
