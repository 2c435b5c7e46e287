import { useThrottledStore } from '../../../hooks/use-throttled-store';
import type { ConnectionStatus } from '../../../lib/live/live-client';
import { useServices } from '../../../lib/services';

/**
 * The live connection's status, at most four times a second: it changes with every message (its
 * `lastMessageAt`), and read with useSyncExternalStore it forced a synchronous render on every
 * frame of a busy stream, into which React folded every other pending update of the page. A
 * change of state still shows at once (the first change after a quiet spell).
 */
const STATUS_PACE_MS = 250;

export const useConnectionStatus = (): ConnectionStatus => {
  const { live } = useServices();
  return useThrottledStore(live.status, live.status.getSnapshot(), STATUS_PACE_MS);
};
