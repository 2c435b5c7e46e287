import { useSyncExternalStore } from 'react';
import type { Route } from '../lib/hash-route';
import { useServices } from '../lib/services';

export const useRoute = (): Route => {
  const { router } = useServices();
  return useSyncExternalStore(router.subscribe, router.getSnapshot);
};
