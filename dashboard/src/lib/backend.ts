import { parseCrisisEvent, type CrisisEvent, type EventType } from '@watchfloor/events';
import type { SerialisedTheatreState, TheatreStateView, TheatreSummary, TimeBasis } from '@watchfloor/crisis-state';
import { authHeaders } from './api-key';

/**
 * The query API as the dashboard reads it: every URL and every response shape in one place, so
 * that when the projection service settles its JSON only this file changes. The readers are
 * lenient about the envelope (a bare array or `{ theatres: [...] }`, `nextCursor` or `cursor`)
 * and strict about the contents: events go through the contract's own parser.
 */

export interface TheatreBounds {
  readonly south: number;
  readonly west: number;
  readonly north: number;
  readonly east: number;
}

/** One row of GET /api/theatres. `name` and `bounds` are used when the server sends them. */
export interface TheatreListing {
  readonly id: string;
  readonly name?: string;
  readonly bounds?: TheatreBounds;
  readonly summary?: TheatreSummary;
}

/** GET /api/theatres: the rows, and the world clock the server evaluated them at. */
export interface TheatreList {
  readonly theatres: readonly TheatreListing[];
  /** The projection's world clock (epoch ms): the latest occurredAt of any event, never past now. */
  readonly evaluatedAt?: number;
}

/** GET /api/theatres/{id}/state: the view, and the serialised state when the server includes it. */
export interface TheatreStateResponse {
  readonly view: TheatreStateView;
  readonly state?: SerialisedTheatreState;
}

export interface EventQuery {
  readonly theatre?: string;
  readonly type?: EventType;
  /** ISO instants. */
  readonly from?: string;
  readonly to?: string;
  readonly limit?: number;
  /** asc: oldest first (the server's default); desc: newest first. */
  readonly order?: 'asc' | 'desc';
  readonly cursor?: string;
}

export interface EventPage {
  readonly events: readonly CrisisEvent[];
  readonly nextCursor?: string;
  /** Events in the page that did not pass the contract's parser (dropped). */
  readonly rejected: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const urls = {
  theatres: (): string => '/api/theatres',
  theatreState: (theatre: string, asOf?: Date, basis?: TimeBasis): string => {
    const params = new URLSearchParams();
    if (asOf) params.set('asOf', asOf.toISOString());
    if (asOf && basis) params.set('basis', basis);
    const query = params.toString();
    return `/api/theatres/${encodeURIComponent(theatre)}/state${query ? `?${query}` : ''}`;
  },
  events: (query: EventQuery): string => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(name, String(value));
    const text = params.toString();
    return `/api/events${text ? `?${text}` : ''}`;
  },
} as const;

// ---- readers -------------------------------------------------------------------------------

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

const isSummary = (value: unknown): value is TheatreSummary =>
  isRecord(value) && typeof value['theatre'] === 'string' && isRecord(value['escalation']) && typeof value['escalation']['value'] === 'number';

const isView = (value: unknown): value is TheatreStateView =>
  isRecord(value) &&
  typeof value['theatre'] === 'string' &&
  isRecord(value['escalation']) &&
  isRecord(value['protests']) &&
  Array.isArray(value['deployments']) &&
  isRecord(value['casualties']) &&
  isRecord(value['diplomacy']);

const isSerialisedState = (value: unknown): value is SerialisedTheatreState =>
  isRecord(value) && value['format'] === 'watchfloor.theatre-state' && Array.isArray(value['facts']);

const boundsOf = (value: unknown): TheatreBounds | undefined => {
  if (!isRecord(value)) return undefined;
  const { south, west, north, east } = value;
  return typeof south === 'number' && typeof west === 'number' && typeof north === 'number' && typeof east === 'number'
    ? { south, west, north, east }
    : undefined;
};

export const readTheatres = (json: unknown): TheatreListing[] => {
  const rows = Array.isArray(json) ? json : isRecord(json) && Array.isArray(json['theatres']) ? json['theatres'] : [];
  return rows.flatMap((row: unknown): TheatreListing[] => {
    if (typeof row === 'string') return [{ id: row }];
    if (!isRecord(row)) return [];
    // A row may be a summary itself, or wrap one.
    const summary = isSummary(row['summary']) ? row['summary'] : isSummary(row) ? row : undefined;
    const id = text(row['id']) ?? text(row['theatre']) ?? summary?.theatre;
    if (id === undefined) return [];
    const name = text(row['name']);
    const bounds = boundsOf(row['bounds']);
    return [{ id, ...(name && { name }), ...(bounds && { bounds }), ...(summary && { summary }) }];
  });
};

export const readTheatreList = (json: unknown): TheatreList => {
  const evaluatedAt = isRecord(json) ? Date.parse(text(json['evaluatedAt']) ?? '') : NaN;
  return { theatres: readTheatres(json), ...(!Number.isNaN(evaluatedAt) && { evaluatedAt }) };
};

export const readTheatreState = (json: unknown): TheatreStateResponse => {
  if (!isRecord(json)) throw new ApiError(502, 'the state response is not an object');
  const view = isView(json['view']) ? json['view'] : isView(json) ? json : isView(json['state']) ? json['state'] : undefined;
  if (view === undefined) throw new ApiError(502, 'the state response holds no theatre state view');
  const serialised = [json['serialised'], json['snapshot'], json['state']].find(isSerialisedState);
  return { view, ...(serialised && { state: serialised }) };
};

export const readEventPage = (json: unknown): EventPage => {
  const rows = Array.isArray(json) ? json : isRecord(json) && Array.isArray(json['events']) ? json['events'] : isRecord(json) && Array.isArray(json['items']) ? json['items'] : [];
  const events: CrisisEvent[] = [];
  let rejected = 0;
  for (const row of rows) {
    const parsed = parseCrisisEvent(row);
    if (parsed.ok) events.push(parsed.event);
    else rejected += 1;
  }
  const nextCursor = isRecord(json) ? (text(json['nextCursor']) ?? text(json['cursor']) ?? text(json['next'])) : undefined;
  return { events, rejected, ...(nextCursor && { nextCursor }) };
};

// ---- the client ----------------------------------------------------------------------------

export type Fetch = (input: string, init?: { headers?: Record<string, string>; signal?: AbortSignal }) => Promise<{
  readonly ok: boolean;
  readonly status: number;
  json(): Promise<unknown>;
}>;

export interface Backend {
  theatres(signal?: AbortSignal): Promise<TheatreList>;
  theatreState(theatre: string, asOf?: Date, basis?: TimeBasis, signal?: AbortSignal): Promise<TheatreStateResponse>;
  events(query: EventQuery, signal?: AbortSignal): Promise<EventPage>;
}

export const createBackend = (fetchImpl: Fetch, key: string | undefined): Backend => {
  const get = async (url: string, signal?: AbortSignal): Promise<unknown> => {
    const response = await fetchImpl(url, { headers: { Accept: 'application/json', ...authHeaders(key) }, ...(signal && { signal }) });
    if (!response.ok) {
      const reason = response.status === 401 || response.status === 403 ? 'a reader key is needed (open the link with #key=…)' : 'the server answered';
      throw new ApiError(response.status, `${url}: ${reason} ${response.status}`);
    }
    return response.json();
  };
  return {
    theatres: async (signal) => readTheatreList(await get(urls.theatres(), signal)),
    theatreState: async (theatre, asOf, basis, signal) => readTheatreState(await get(urls.theatreState(theatre, asOf, basis), signal)),
    events: async (query, signal) => readEventPage(await get(urls.events(query), signal)),
  };
};
