import { startTransition, useEffect, useState } from 'react';
import type { ExternalStore } from '../lib/frame-store';

/**
 * A store's snapshot, re-rendering at most once per `ms`. useSyncExternalStore renders
 * synchronously on every publish (every frame while a theatre streams), and React folds any
 * other pending update into that synchronous render; a page that derives from the stream at its
 * own pace subscribes with this instead and redraws only when it will use the change. The first
 * change after a quiet spell shows at once and the last one is never lost; `ms` 0 follows every
 * publish. Changes render as transitions, in slices between which the browser can paint.
 */
export const useThrottledStore = <T,>(store: ExternalStore<T> | undefined, fallback: T, ms: number): T => {
  const [held, setHeld] = useState<{ readonly store: ExternalStore<T> | undefined; readonly snapshot: T }>(() => ({
    store,
    snapshot: store ? store.getSnapshot() : fallback,
  }));
  useEffect(() => {
    if (store === undefined) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastAt = Number.NEGATIVE_INFINITY;
    const take = (): void => {
      const snapshot = store.getSnapshot();
      setHeld((current) => (current.store === store && Object.is(current.snapshot, snapshot) ? current : { store, snapshot }));
    };
    const publish = (): void => {
      timer = undefined;
      lastAt = Date.now();
      startTransition(take);
    };
    const onChange = (): void => {
      if (timer !== undefined) return;
      const wait = lastAt + ms - Date.now();
      if (wait <= 0) publish();
      else timer = setTimeout(publish, wait);
    };
    // Whatever was published between the render and this subscription.
    take();
    const unsubscribe = store.subscribe(onChange);
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [store, ms]);
  if (store === undefined) return fallback;
  return held.store === store ? held.snapshot : store.getSnapshot();
};
