import type { Backend, EventPage, EventQuery } from '../../../lib/backend';

/** One page of GET /api/events. */
export const getEvents = (backend: Backend, query: EventQuery, signal?: AbortSignal): Promise<EventPage> => backend.events(query, signal);
