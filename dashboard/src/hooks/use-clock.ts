import { useSyncExternalStore } from 'react';
import { useServices } from '../lib/services';

/** Now, re-rendering once a second. */
export const useNow = (): number => {
  const { clock } = useServices();
  return useSyncExternalStore(clock.subscribe, clock.getSnapshot);
};
