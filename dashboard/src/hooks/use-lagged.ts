import { startTransition, useEffect, useRef, useState } from 'react';

/**
 * `value`, `lagMs` after it changed: the first value at once, and a change that comes while one
 * is waiting joins it (the wait does not start again, so a fast stream of changes still lands).
 * Two heavy panels that change together, such as two charts of one dataset, draw in separate
 * tasks when the second follows with a lag. The change renders as a transition, like useThrottled's.
 */
export const useLagged = <T,>(value: T, lagMs: number): T => {
  const [lagged, setLagged] = useState(value);
  const latest = useRef(value);
  useEffect(() => {
    latest.current = value;
  });
  const waiting = lagMs > 0 && !Object.is(value, lagged);
  useEffect(() => {
    if (!waiting) return undefined;
    const timer = setTimeout(() => startTransition(() => setLagged(latest.current)), lagMs);
    return () => clearTimeout(timer);
  }, [waiting, lagMs]);
  return lagMs > 0 ? lagged : value;
};
