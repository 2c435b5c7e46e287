import type { TheatreState } from '@watchfloor/crisis-state';
import type { CrisisEvent } from '@watchfloor/events';
import { useEffect, useState } from 'react';
import { useServices } from '../../../lib/services';
import { findEvent } from '../api/find-event';

export interface EventRecord {
  readonly event: CrisisEvent | undefined;
  readonly loading: boolean;
  readonly error?: string;
}

/** The full record of an event: from the browser's store, else from the timeline API. */
export const useEventRecord = (theatre: string, eventId: string | undefined, known: ReadonlyMap<string, CrisisEvent>, state: TheatreState | undefined): EventRecord => {
  const { backend } = useServices();
  const local = eventId ? known.get(eventId) : undefined;
  const [fetched, setFetched] = useState<{ id: string; event?: CrisisEvent; error?: string } | undefined>(undefined);
  const occurredAt = eventId ? state?.applied.get(eventId)?.occurredAt : undefined;
  useEffect(() => {
    if (eventId === undefined || local !== undefined) return undefined;
    const controller = new AbortController();
    findEvent(backend, theatre, eventId, occurredAt, controller.signal)
      .then((event) => setFetched({ id: eventId, ...(event ? { event } : { error: 'not found in the timeline' }) }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setFetched({ id: eventId, error: error instanceof Error ? error.message : String(error) });
      });
    return () => controller.abort();
  }, [backend, theatre, eventId, local, occurredAt]);
  if (eventId === undefined) return { event: undefined, loading: false };
  if (local) return { event: local, loading: false };
  const mine = fetched?.id === eventId ? fetched : undefined;
  return { event: mine?.event, loading: mine === undefined, ...(mine?.error !== undefined && { error: mine.error }) };
};
