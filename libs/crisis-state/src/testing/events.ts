import { parseCrisisEvent, recordEvent, type CrisisEvent, type CrisisEventInput, type EVENT_TYPES, type EventType, type Source } from '@watchfloor/events';
import { kazakhstan2022 } from '@watchfloor/scenario';
import type { z } from 'zod';

/** Test fixtures: valid events, checked against the contract so a fixture cannot drift from it. */

export type DataOf<T extends EventType> = z.input<(typeof EVENT_TYPES)[T]['data']>;

/** A valid UUID per number, so tests can name events `id(1)`, `id(2)`. */
export const id = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export const wire: Source = { name: 'International wire service', kind: 'media', reliability: 'A', credibility: 2 };

export interface EnvelopeOptions {
  readonly theatre?: string;
  /** Defaults to occurredAt plus one hour. */
  readonly recordedAt?: string;
  readonly place?: string;
  readonly sources?: readonly Source[];
  readonly verification?: CrisisEvent['verification'];
  readonly supersedes?: string;
}

/** One event of `type`, valid by the contract. */
export const anEvent = <T extends EventType>(type: T, eventId: string, occurredAt: string, data: DataOf<T>, options: EnvelopeOptions = {}): CrisisEvent => {
  const recordedAt = options.recordedAt ?? new Date(Date.parse(occurredAt) + 3600_000).toISOString();
  const candidate = {
    id: eventId,
    type,
    theatre: options.theatre ?? 'kz',
    occurredAt,
    timePrecision: 'hour',
    recordedAt,
    ...(options.place !== undefined && {
      location: { name: options.place, country: 'KZ', lat: 43.24, lon: 76.89, precision: 'city' },
    }),
    actors: [],
    sources: options.sources ?? [wire],
    verification: options.verification ?? 'verified',
    ...(options.supersedes !== undefined && { supersedes: options.supersedes }),
    data,
  };
  const parsed = parseCrisisEvent(candidate);
  if (!parsed.ok) throw new Error(`invalid fixture ${eventId}: ${JSON.stringify(parsed.issues)}`);
  return parsed.event;
};

/** The same event, delivered again, or with some envelope fields changed. */
export const withEnvelope = (event: CrisisEvent, changes: Partial<Pick<CrisisEvent, 'id' | 'recordedAt' | 'verification' | 'supersedes'>>): CrisisEvent => {
  const parsed = parseCrisisEvent({ ...event, ...changes });
  if (!parsed.ok) throw new Error(`invalid fixture: ${JSON.stringify(parsed.issues)}`);
  return parsed.event;
};

/** Minutes after it happened that a scenario event reaches Watchfloor. */
const REPORTING_DELAY_MS = 30 * 60_000;

const record = (input: CrisisEventInput): CrisisEvent =>
  recordEvent(input, new Date(Date.parse(input.occurredAt) + REPORTING_DELAY_MS));

/** The seed scenario's events, recorded half an hour after they happened. */
export const scenario: readonly CrisisEvent[] = kazakhstan2022.map(record);

/** The seed scenario's Kazakhstan theatre. */
export const kz: readonly CrisisEvent[] = scenario.filter((e) => e.theatre === 'kz');

export const scenarioEvent = (eventId: string): CrisisEvent => {
  const event = scenario.find((e) => e.id === eventId);
  if (event === undefined) throw new Error(`no scenario event ${eventId}`);
  return event;
};
