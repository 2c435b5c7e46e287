import { useSyncExternalStore } from 'react';
import type { ExternalStore } from '../lib/frame-store';

const noSubscription = (): (() => void) => () => undefined;

/** useSyncExternalStore over a store that may not exist yet. */
export const useExternalStore = <T,>(store: ExternalStore<T> | undefined, fallback: T): T =>
  useSyncExternalStore(store?.subscribe ?? noSubscription, store ? store.getSnapshot : () => fallback);
