import { useEffect, useRef, useState } from 'react';

/** The first instant at or after `now` that is `offsetMs` past a multiple of `ms` (wall clock). */
export const nextSlot = (now: number, ms: number, offsetMs: number): number => offsetMs + Math.ceil((now - offsetMs) / ms) * ms;

/**
 * `value`, but changing at most once per `ms`: heavy derivations (a chart's series over a large
 * theatre) follow the stream at a pace the eye can use, while light ones follow every frame.
 * The first value and the last change are never lost.
 *
 * With `offsetMs`, changes land only on the wall-clock instants `offsetMs` past a multiple of
 * `ms` (after a quiet spell of two intervals the first lands at once): panels given different
 * offsets redraw in different tasks, not all in one long one.
 */
export const useThrottled = <T>(value: T, ms: number, offsetMs?: number): T => {
  const [throttled, setThrottled] = useState(value);
  const lastAt = useRef(Number.NEGATIVE_INFINITY);
  useEffect(() => {
    if (Object.is(value, throttled)) return undefined;
    const now = Date.now();
    const quiet = now - lastAt.current >= 2 * ms;
    const wait = offsetMs === undefined ? lastAt.current + ms - now : quiet ? 0 : nextSlot(now, ms, offsetMs) - now;
    if (wait <= 0) {
      lastAt.current = now;
      setThrottled(value);
      return undefined;
    }
    const timer = setTimeout(() => {
      lastAt.current = Date.now();
      setThrottled(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, throttled, ms, offsetMs]);
  return throttled;
};
