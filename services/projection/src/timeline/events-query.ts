import { THEATRE_ID, type CrisisEvent } from '@watchfloor/events';
import { eventTypes, instant, integer, list, oneOf, QueryIssues, single, type Query } from '../http/query-params';
import { decodeCursor, encodeCursor } from './cursor';
import type { EventTimeline, TimelineOrder } from './event-timeline';
import { filterFingerprint, type TimelineFilter } from './timeline-filter';

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 500;

export interface EventsPage {
  readonly events: readonly CrisisEvent[];
  /** Pass as `cursor` for the next page; null on the last one. */
  readonly next: string | null;
}

/** `GET /api/events?theatre=&type=&from=&to=&limit=&cursor=&order=`: the query, checked. */
export const readEventsQuery = (query: Query): { readonly filter: TimelineFilter; readonly limit: number; readonly order: TimelineOrder; readonly cursor: string | undefined } => {
  const issues = new QueryIssues();
  const theatres = list(query, 'theatre', issues, (t) => (THEATRE_ID.test(t) ? undefined : `"${t}" is not a theatre id`));
  const types = eventTypes(query, 'type', issues);
  const from = instant(query, 'from', issues);
  const to = instant(query, 'to', issues);
  const limit = integer(query, 'limit', { min: 1, max: MAX_PAGE }, issues) ?? DEFAULT_PAGE;
  const order = oneOf(query, 'order', ['asc', 'desc'] as const, issues) ?? 'asc';
  const cursor = single(query, 'cursor', issues);
  if (from !== undefined && to !== undefined && from > to) issues.add('to', 'must not be before from');
  issues.check();
  return {
    filter: {
      ...(theatres && { theatres: new Set(theatres) }),
      ...(types && { types: new Set(types) }),
      ...(from !== undefined && { from }),
      ...(to !== undefined && { to }),
    },
    limit,
    order,
    cursor,
  };
};

/** One page of the timeline, ordered by occurredAt. */
export const eventsPage = (timeline: EventTimeline, query: Query): EventsPage => {
  const { filter, limit, order, cursor } = readEventsQuery(query);
  const fingerprint = filterFingerprint(filter);
  let after;
  if (cursor !== undefined) {
    const decoded = decodeCursor(cursor, fingerprint);
    const issues = new QueryIssues();
    if (!decoded.ok) issues.add('cursor', decoded.reason);
    else if (decoded.cursor.order !== order) issues.add('cursor', `was made for order=${decoded.cursor.order}`);
    issues.check();
    if (decoded.ok) after = decoded.cursor.after;
  }
  const page = timeline.page(filter, { limit, order, ...(after && { after }) });
  return {
    events: page.entries.map((entry) => timeline.event(entry)),
    next: page.next === undefined ? null : encodeCursor({ after: page.next, order }, fingerprint),
  };
};
