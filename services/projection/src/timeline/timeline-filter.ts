import { EVENT_TYPE_NAMES, RELIABILITY, VERIFICATION, type EventType, type Reliability, type Verification } from '@watchfloor/events';

/**
 * Which events a reader wants: the `GET /api/events` query and the live feed's filter are the same
 * thing, so one type and one `matches` serve both (and the resume history).
 */
export interface TimelineFilter {
  readonly theatres?: ReadonlySet<string>;
  readonly types?: ReadonlySet<EventType>;
  /** The originating source (sources[0]) is rated at least this well: 'C' lets A, B and C through. */
  readonly minReliability?: Reliability;
  readonly verification?: ReadonlySet<Verification>;
  /** occurredAt from (inclusive), epoch ms. */
  readonly from?: number;
  /** occurredAt to (exclusive), epoch ms. */
  readonly to?: number;
}

/** The few fields of an event a filter looks at. */
export interface FilterFields {
  readonly theatre: string;
  readonly type: EventType;
  readonly reliability: Reliability;
  readonly verification: Verification;
  readonly occurredAt: number;
}

export const reliabilityRank = (r: Reliability): number => RELIABILITY.indexOf(r);
export const typeRank = (t: EventType): number => EVENT_TYPE_NAMES.indexOf(t);
export const verificationRank = (v: Verification): number => VERIFICATION.indexOf(v);

export const matches = (filter: TimelineFilter, event: FilterFields): boolean =>
  (filter.theatres === undefined || filter.theatres.has(event.theatre)) &&
  (filter.types === undefined || filter.types.has(event.type)) &&
  (filter.minReliability === undefined || reliabilityRank(event.reliability) <= reliabilityRank(filter.minReliability)) &&
  (filter.verification === undefined || filter.verification.has(event.verification)) &&
  (filter.from === undefined || event.occurredAt >= filter.from) &&
  (filter.to === undefined || event.occurredAt < filter.to);

/** A stable text of the filter, so a cursor can tell it was made for the same question. */
export const filterFingerprint = (filter: TimelineFilter): string =>
  JSON.stringify([
    filter.theatres ? [...filter.theatres].sort() : null,
    filter.types ? [...filter.types].sort() : null,
    filter.minReliability ?? null,
    filter.verification ? [...filter.verification].sort() : null,
    filter.from ?? null,
    filter.to ?? null,
  ]);
