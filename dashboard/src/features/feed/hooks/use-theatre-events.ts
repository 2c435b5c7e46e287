import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useThrottledStore } from '../../../hooks/use-throttled-store';
import type { ExternalStore } from '../../../lib/frame-store';
import { useServices } from '../../../lib/services';
import { getEvents } from '../api/get-events';
import { EventStore, type EventStoreSnapshot } from '../stores/event-store';

export const NO_EVENTS: EventStoreSnapshot = { events: [], byId: new Map(), version: 0, status: 'waiting', rejected: 0 };
const PAGE = 500;

export interface TheatreEvents extends EventStoreSnapshot {
  /** The store itself, for a view that follows it faster than the snapshot here. */
  readonly store: ExternalStore<EventStoreSnapshot>;
  /** Reads the next page of the timeline; undefined when there is none. */
  readonly loadMore: (() => void) | undefined;
  readonly loadingMore: boolean;
  readonly loadError?: string;
}

/**
 * The events of a theatre: the live feed, plus the first page of the timeline and the
 * theatre's diplomacy (meetings and statements are few and old, and the panels need their
 * full records), all in one capped store. The snapshot re-renders at most once per `throttleMs`
 * (0: every frame with a change).
 */
export const useTheatreEvents = (theatre: string, throttleMs = 0): TheatreEvents => {
  const { live, backend } = useServices();
  const store = useMemo(() => new EventStore(), [theatre]);
  const snapshot = useThrottledStore(store.store, NO_EVENTS, throttleMs);
  const cursor = useRef<string | undefined>(undefined);
  const [hasMore, setHasMore] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);

  useEffect(() => store.follow(live, theatre), [store, live, theatre]);

  useEffect(() => {
    const controller = new AbortController();
    const fail = (error: unknown): void => {
      if (!controller.signal.aborted) setLoadError(error instanceof Error ? error.message : String(error));
    };
    // Newest first: the map and feed want the latest; older pages follow on request.
    getEvents(backend, { theatre, limit: PAGE, order: 'desc' }, controller.signal)
      .then((page) => {
        store.add(page.events);
        cursor.current = page.nextCursor;
        setHasMore(page.nextCursor !== undefined);
      })
      .catch(fail);
    for (const type of ['diplomacy.meeting', 'diplomacy.statement'] as const) {
      getEvents(backend, { theatre, type, limit: 200 }, controller.signal)
        .then((page) => store.add(page.events))
        .catch(fail);
    }
    return () => controller.abort();
  }, [backend, store, theatre]);

  const loadMore = useCallback(() => {
    const next = cursor.current;
    if (next === undefined) return;
    setLoadingMore(true);
    getEvents(backend, { theatre, limit: PAGE, order: 'desc', cursor: next })
      .then((page) => {
        store.add(page.events);
        cursor.current = page.nextCursor;
        setHasMore(page.nextCursor !== undefined);
      })
      .catch((error: unknown) => setLoadError(error instanceof Error ? error.message : String(error)))
      .finally(() => setLoadingMore(false));
  }, [backend, store, theatre]);

  return { ...snapshot, store: store.store, loadMore: hasMore ? loadMore : undefined, loadingMore, ...(loadError !== undefined && { loadError }) };
};
