import { useEffect, useRef, useState } from 'react';

/**
 * `value`, but changing at most once per `ms`: heavy derivations (a chart's series over a large
 * theatre) follow the stream at a pace the eye can use, while light ones follow every frame.
 * The first value and the last change are never lost.
 */
export const useThrottled = <T>(value: T, ms: number): T => {
  const [throttled, setThrottled] = useState(value);
  const lastAt = useRef(0);
  useEffect(() => {
    if (Object.is(value, throttled)) return undefined;
    const wait = lastAt.current + ms - Date.now();
    if (wait <= 0) {
      lastAt.current = Date.now();
      setThrottled(value);
      return undefined;
    }
    const timer = setTimeout(() => {
      lastAt.current = Date.now();
      setThrottled(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, throttled, ms]);
  return throttled;
};
