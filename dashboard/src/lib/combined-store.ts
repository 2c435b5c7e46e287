import type { ExternalStore, Listener } from './frame-store';

/**
 * Several stores read as one: the snapshot is the array of their snapshots, a new array only
 * when one of them changed (useSyncExternalStore needs a stable value between changes).
 */
export const combineStores = <T,>(stores: readonly ExternalStore<T>[]): ExternalStore<readonly T[]> => {
  let cached: readonly T[] = stores.map((s) => s.getSnapshot());
  return {
    subscribe(listener: Listener) {
      const unsubscribes = stores.map((store) => store.subscribe(listener));
      return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
    },
    getSnapshot() {
      const current = stores.map((s) => s.getSnapshot());
      if (current.length !== cached.length || current.some((value, i) => value !== cached[i])) cached = current;
      return cached;
    },
  };
};
