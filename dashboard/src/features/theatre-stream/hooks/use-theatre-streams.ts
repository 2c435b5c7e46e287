import { useEffect, useMemo, useState } from 'react';
import { useExternalStore } from '../../../hooks/use-external-store';
import { combineStores } from '../../../lib/combined-store';
import { useServices } from '../../../lib/services';
import { registryOf } from '../stores/stream-registry';
import type { TheatreStream, TheatreStreamSnapshot } from '../stores/theatre-stream';

const NONE: readonly TheatreStreamSnapshot[] = [];

/** The live streams of several theatres (the overview), held while mounted. */
export const useTheatreStreams = (theatres: readonly string[]): readonly TheatreStreamSnapshot[] => {
  const { live } = useServices();
  const key = theatres.join('\u0000');
  const [streams, setStreams] = useState<readonly TheatreStream[]>([]);
  useEffect(() => {
    const held = (key === '' ? [] : key.split('\u0000')).map((theatre) => registryOf(live).acquire(theatre));
    setStreams(held.map((h) => h.stream));
    return () => held.forEach((h) => h.release());
  }, [live, key]);
  const combined = useMemo(() => combineStores(streams.map((s) => s.store)), [streams]);
  return useExternalStore(combined, NONE);
};
