import type { ExternalStore, Listener } from './frame-store';

/**
 * Wall-clock time for the page, ticking once a second: lags, ages and "now" read it, so one
 * timer drives every clock on screen and tests can freeze it.
 */
export interface Clock extends ExternalStore<number> {
  now(): number;
}

export const createTickingClock = (intervalMs = 1000): Clock & { dispose(): void } => {
  const listeners = new Set<Listener>();
  let current = Date.now();
  let timer: ReturnType<typeof setInterval> | undefined;
  const tick = (): void => {
    current = Date.now();
    for (const listener of [...listeners]) listener();
  };
  return {
    now: () => Date.now(),
    getSnapshot: () => current,
    subscribe(listener) {
      listeners.add(listener);
      timer ??= setInterval(tick, intervalMs);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer !== undefined) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
    dispose() {
      if (timer !== undefined) clearInterval(timer);
      listeners.clear();
    },
  };
};

/** A clock that stands still until told (tests). */
export const fixedClock = (at: number): Clock & { set(ms: number): void } => {
  const listeners = new Set<Listener>();
  let current = at;
  return {
    now: () => current,
    getSnapshot: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(ms) {
      current = ms;
      for (const listener of [...listeners]) listener();
    },
  };
};
