import { useEffect, useMemo, useState } from 'react';
import { useThrottledStore } from '../../../hooks/use-throttled-store';
import { useServices } from '../../../lib/services';
import { registryOf } from '../stores/stream-registry';
import type { TheatreStream, TheatreStreamSnapshot } from '../stores/theatre-stream';

/**
 * The live stream of a theatre, held while the component is mounted, re-rendering at most once
 * per `throttleMs` (0: every frame with a change); the state itself changes in place.
 */
export const useTheatreStream = (theatre: string, throttleMs = 0): TheatreStreamSnapshot => {
  const { live } = useServices();
  const [stream, setStream] = useState<TheatreStream | undefined>(undefined);
  useEffect(() => {
    const held = registryOf(live).acquire(theatre);
    setStream(held.stream);
    return () => {
      held.release();
      setStream(undefined);
    };
  }, [live, theatre]);
  const waiting = useMemo<TheatreStreamSnapshot>(() => ({ theatre, phase: 'waiting', state: undefined, version: 0, rejected: 0 }), [theatre]);
  const current = stream?.theatre === theatre ? stream : undefined;
  return useThrottledStore(current?.store, waiting, throttleMs);
};
