import { startTransition, useEffect, useRef, useState } from 'react';

/** The first instant at or after `now` that is `offsetMs` past a multiple of `ms` (wall clock). */
export const nextSlot = (now: number, ms: number, offsetMs: number): number => offsetMs + Math.ceil((now - offsetMs) / ms) * ms;

/**
 * `value`, but changing at most once per `ms`: heavy derivations (a chart's series over a large
 * theatre) follow the stream at a pace the eye can use, while light ones follow every frame.
 * The first value and the last change are never lost.
 *
 * With `offsetMs`, changes land only on the wall-clock instants `offsetMs` past a multiple of
 * `ms`, even the first after a quiet spell: panels given different offsets redraw in different
 * tasks, not all in one long one (when a stream starts again, every panel changes at once).
 *
 * The change renders as a transition: React renders it in slices of a few milliseconds, between
 * which the browser paints and handles input, instead of in one synchronous task.
 */
export const useThrottled = <T>(value: T, ms: number, offsetMs?: number): T => {
  const [throttled, setThrottled] = useState(value);
  const lastAt = useRef(Number.NEGATIVE_INFINITY);
  useEffect(() => {
    if (Object.is(value, throttled)) return undefined;
    const now = Date.now();
    const wait = offsetMs === undefined ? lastAt.current + ms - now : nextSlot(now, ms, offsetMs) - now;
    if (wait <= 0) {
      lastAt.current = now;
      startTransition(() => setThrottled(value));
      return undefined;
    }
    const timer = setTimeout(() => {
      lastAt.current = Date.now();
      startTransition(() => setThrottled(value));
    }, wait);
    return () => clearTimeout(timer);
  }, [value, throttled, ms, offsetMs]);
  return throttled;
};
