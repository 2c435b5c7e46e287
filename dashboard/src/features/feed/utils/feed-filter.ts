import { RELIABILITY, type CrisisEvent, type EventType, type Reliability, type Verification } from '@watchfloor/events';
import type { TimeBasis } from '@watchfloor/crisis-state';

/**
 * The feed's filters. Reliability is that of the event's first source, its originator: the
 * projection attributes and rates a report by it too (further sources relay it).
 */
export interface FeedFilter {
  /** Empty: every type. */
  readonly types: ReadonlySet<EventType>;
  /** Only sources rated this or better (A best … E); F "cannot be judged" passes only with no minimum. */
  readonly minReliability?: Exclude<Reliability, 'F'>;
  /** Empty: every status. */
  readonly verification: ReadonlySet<Verification>;
  /** Case-insensitive words in the summary, place or sources. */
  readonly text?: string;
  /** Only what had happened (occurred) or was known (recorded) by `at`: time travel. */
  readonly until?: { readonly at: number; readonly basis: TimeBasis };
}

export const NO_FILTER: FeedFilter = { types: new Set(), verification: new Set() };

const rank = (reliability: Reliability): number => RELIABILITY.indexOf(reliability);

export const passesReliability = (event: CrisisEvent, min: FeedFilter['minReliability']): boolean => {
  if (min === undefined) return true;
  const origin = event.sources[0];
  return origin !== undefined && origin.reliability !== 'F' && rank(origin.reliability) <= rank(min);
};

const haystack = (event: CrisisEvent): string =>
  [event.summary, event.location?.name, event.location?.region, ...event.sources.map((s) => s.name), ...event.actors.map((a) => a.name)]
    .filter((part): part is string => part !== undefined)
    .join(' ')
    .toLowerCase();

export const matchesFilter = (event: CrisisEvent, filter: FeedFilter): boolean => {
  if (filter.types.size > 0 && !filter.types.has(event.type)) return false;
  if (filter.verification.size > 0 && !filter.verification.has(event.verification)) return false;
  if (!passesReliability(event, filter.minReliability)) return false;
  if (filter.until) {
    const at = Date.parse(filter.until.basis === 'occurred' ? event.occurredAt : event.recordedAt);
    if (at > filter.until.at) return false;
  }
  const words = filter.text?.trim().toLowerCase();
  if (words) {
    const text = haystack(event);
    if (!words.split(/\s+/).every((word) => text.includes(word))) return false;
  }
  return true;
};

export const filterFeed = (events: readonly CrisisEvent[], filter: FeedFilter): CrisisEvent[] => events.filter((event) => matchesFilter(event, filter));

/** Whether any filter is set (the feed says "n of m shown"). */
export const isFiltering = (filter: FeedFilter): boolean =>
  filter.types.size > 0 || filter.verification.size > 0 || filter.minReliability !== undefined || Boolean(filter.text?.trim());
