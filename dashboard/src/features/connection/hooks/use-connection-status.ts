import { useSyncExternalStore } from 'react';
import type { ConnectionStatus } from '../../../lib/live/live-client';
import { useServices } from '../../../lib/services';

export const useConnectionStatus = (): ConnectionStatus => {
  const { live } = useServices();
  return useSyncExternalStore(live.status.subscribe, live.status.getSnapshot);
};
