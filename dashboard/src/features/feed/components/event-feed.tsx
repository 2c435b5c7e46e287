import type { CrisisEvent } from '@watchfloor/events';
import { memo, useMemo, useState, type UIEvent } from 'react';
import { TYPE_COLOUR, TYPE_LABEL } from '../../../config/palette';
import { humanise } from '../../../lib/format';
import { formatInstant } from '../../../lib/time';
import { useThrottledStore } from '../../../hooks/use-throttled-store';
import type { ExternalStore } from '../../../lib/frame-store';
import { NO_EVENTS } from '../hooks/use-theatre-events';
import type { EventStoreSnapshot } from '../stores/event-store';
import { filterFeed, isFiltering, type FeedFilter } from '../utils/feed-filter';
import { FeedFilters } from './feed-filters';

/** Rows rendered at most; the list grows on request, so a fast feed never builds a huge DOM. */
const PAGE = 100;

/**
 * Of those, the rows drawn before the list is scrolled: more than the list can show (it is
 * shorter than the window, a row at least 50 px tall), so that it always scrolls; the rest are
 * drawn as it scrolls near its end. Rows out of sight cost little each (content-visibility), but
 * a live feed moves every one of them four times a second, and a hundred of them were a fifth of
 * the page's work on each repaint.
 */
const firstRows = (): number => Math.ceil((globalThis.innerHeight || 1000) / 50) + 10;
/** Drawn more when the list's end is this close to its visible part. */
const DRAW_AHEAD_PX = 400;

/** A headline for an event that may have no summary. */
export const headlineOf = (event: CrisisEvent): string => event.summary ?? `${TYPE_LABEL[event.type]}${event.location ? ` in ${event.location.name}` : ''}`;

/** One row; memoised, so a new event adds a row without redrawing the hundred below it. */
const FeedItem = memo(function FeedItem({ event, onOpen }: { readonly event: CrisisEvent; readonly onOpen: (eventId: string) => void }) {
  const origin = event.sources[0];
  return (
    <li className="feed-item" data-retracted={event.verification === 'retracted'}>
      <button type="button" onClick={() => onOpen(event.id)}>
        <span className="stripe" style={{ background: TYPE_COLOUR[event.type] }} aria-hidden="true" />
        <span>
          <span className="title">{headlineOf(event)}</span>
          <span className="meta">
            <span className="tag tag-type" style={{ background: TYPE_COLOUR[event.type] }}>
              {TYPE_LABEL[event.type]}
            </span>
            <span className="num">{formatInstant(Date.parse(event.occurredAt))}</span>
            {event.location && <span>· {event.location.name}</span>}
            {origin && (
              <span>
                · {origin.name}{' '}
                <span className="tag tag-rating" aria-label={`rated ${origin.reliability}${origin.credibility}`}>
                  {origin.reliability}
                  {origin.credibility}
                </span>
              </span>
            )}
            <span className="tag tag-verification" data-v={event.verification}>
              {humanise(event.verification)}
            </span>
            {event.supersedes && <span className="tag">correction</span>}
          </span>
        </span>
      </button>
    </li>
  );
});

interface EventFeedProps {
  readonly events: readonly CrisisEvent[];
  readonly filter: FeedFilter;
  readonly onFilterChange: (filter: FeedFilter) => void;
  readonly onOpen: (eventId: string) => void;
  readonly loadMore?: (() => void) | undefined;
  readonly loadingMore?: boolean;
}

export const EventFeed = memo(function EventFeed({ events, filter, onFilterChange, onOpen, loadMore, loadingMore }: EventFeedProps) {
  const [shown, setShown] = useState(PAGE);
  const [drawn, setDrawn] = useState(firstRows);
  const visible = useMemo(() => filterFeed(events, filter), [events, filter]);
  const onScroll = (event: UIEvent<HTMLUListElement>): void => {
    const list = event.currentTarget;
    if (drawn < shown && list.scrollTop + list.clientHeight > list.scrollHeight - DRAW_AHEAD_PX) setDrawn(Math.min(shown, drawn + firstRows()));
  };
  return (
    <div>
      <FeedFilters filter={filter} onChange={onFilterChange} />
      <p className="muted" style={{ margin: '0 0 6px', fontSize: 12 }} aria-live="polite">
        {isFiltering(filter) || filter.until ? `${visible.length} of ${events.length} events` : `${events.length} events`}, newest recorded first
      </p>
      {visible.length === 0 ? (
        <p className="empty">No events match.</p>
      ) : (
        <ul className="feed-list" aria-label="Events" onScroll={onScroll}>
          {visible.slice(0, Math.min(shown, drawn)).map((event) => (
            <FeedItem key={event.id} event={event} onOpen={onOpen} />
          ))}
        </ul>
      )}
      <div style={{ display: 'flex', gap: 8, marginTop: 6 }}>
        {visible.length > shown && (
          <button
            type="button"
            className="btn"
            onClick={() => {
              setShown(shown + PAGE);
              setDrawn(shown + PAGE);
            }}
          >
            Show {Math.min(PAGE, visible.length - shown)} more
          </button>
        )}
        {loadMore && (
          <button type="button" className="btn" onClick={loadMore} disabled={loadingMore}>
            {loadingMore ? 'Loading…' : 'Load older events'}
          </button>
        )}
      </div>
    </div>
  );
});

/**
 * The feed following its store by itself, at most once per `paceMs`: the page around it
 * subscribes at its own, slower pace, so a new event redraws the feed and nothing else.
 */
export const LiveEventFeed = memo(function LiveEventFeed({
  store,
  paceMs,
  ...props
}: Omit<EventFeedProps, 'events'> & { readonly store: ExternalStore<EventStoreSnapshot>; readonly paceMs: number }) {
  const { events } = useThrottledStore(store, NO_EVENTS, paceMs);
  return <EventFeed events={events} {...props} />;
});
