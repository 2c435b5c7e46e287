import fc from 'fast-check';
import {
  ASSESSMENTS,
  CASUALTY_GROUPS,
  DEPLOYMENT_PHASES,
  EVENT_TYPE_NAMES,
  LOCATION_PRECISIONS,
  MEETING_OUTCOMES,
  PROTEST_STAGES,
  RELIABILITY,
  SOURCE_KINDS,
  STANCES,
  THEATRE_ID,
  TIME_PRECISIONS,
  VERIFICATION,
  type CountRange,
  type EventType,
} from '../event.schema';

/**
 * Arbitraries of VALID event inputs, one per type, built from the constraints of event.schema.ts.
 * Values are plain JSON, as a producer would send them.
 */

/** An event as decoded JSON: what parseEventInputs is given. */
export type EventJson = Readonly<Record<string, unknown>>;

// Short strings keep runs fast; the length limits of the schema are far above them.
const text = (max = 40): fc.Arbitrary<string> =>
  fc.string({ minLength: 1, maxLength: Math.min(max, 40), unit: 'grapheme' }).filter((s) => s.trim().length > 0);

const country = fc.stringMatching(/^[A-Z]{2}$/);
const theatre = fc.stringMatching(THEATRE_ID);
const uuid = fc.uuid();

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** An ISO 8601 instant with an offset, sometimes Z, sometimes ±hh:mm, sometimes with milliseconds. */
const instantAt = (ms: number, offsetMinutes: number, withMillis: boolean): string => {
  const local = new Date(ms + offsetMinutes * 60_000);
  const date = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  const millis = withMillis ? `.${pad(local.getUTCMilliseconds(), 3)}` : '';
  if (offsetMinutes === 0) return `${date}T${time}${millis}Z`;
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${date}T${time}${millis}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
};

const MIN_MS = Date.UTC(1990, 0, 1);
const MAX_MS = Date.UTC(2090, 0, 1);
const moment = fc.integer({ min: MIN_MS, max: MAX_MS });
const offset = fc.oneof(fc.constant(0), fc.integer({ min: -12 * 4, max: 14 * 4 }).map((quarters) => quarters * 15));
const instantOf = (ms: fc.Arbitrary<number>): fc.Arbitrary<string> =>
  fc.tuple(ms, offset, fc.boolean()).map(([at, off, millis]) => instantAt(at, off, millis));
const instant = instantOf(moment);

/** low ≤ best ≤ high, with any non-empty subset of the three present. */
export const countRange: fc.Arbitrary<CountRange> = fc
  .tuple(fc.array(fc.nat({ max: 1_000_000 }), { minLength: 3, maxLength: 3 }), fc.subarray(['low', 'best', 'high'] as const, { minLength: 1 }))
  .map(([figures, present]) => {
    const [low = 0, best = 0, high = 0] = [...figures].sort((a, b) => a - b);
    const all = { low, best, high };
    return Object.fromEntries(present.map((key) => [key, all[key]]));
  });

const location = fc.record(
  {
    name: text(),
    country,
    region: text(),
    lat: fc.double({ min: -90, max: 90, noNaN: true }),
    lon: fc.double({ min: -180, max: 180, noNaN: true }),
    precision: fc.constantFrom(...LOCATION_PRECISIONS),
  },
  { requiredKeys: ['name', 'country', 'lat', 'lon', 'precision'] },
);

const actor = fc.record(
  {
    name: text(),
    role: fc.constantFrom('actor', 'target'),
    country,
    kind: fc.constantFrom('state', 'government', 'security_forces', 'military', 'alliance', 'protesters', 'civilians', 'official', 'organisation', 'other'),
  },
  { requiredKeys: ['name', 'role'] },
);

const source = fc.record(
  {
    name: text(),
    kind: fc.constantFrom(...SOURCE_KINDS),
    url: fc.webUrl({ withQueryParameters: true, withFragments: true }),
    reliability: fc.constantFrom(...RELIABILITY),
    credibility: fc.integer({ min: 1, max: 6 }),
  },
  { requiredKeys: ['name', 'kind', 'reliability', 'credibility'] },
);

const envelope = {
  id: uuid,
  theatre,
  occurredAt: instant,
  timePrecision: fc.constantFrom(...TIME_PRECISIONS),
  recordedAt: instant,
  location,
  actors: fc.array(actor, { maxLength: 3 }),
  sources: fc.array(source, { minLength: 1, maxLength: 3 }),
  verification: fc.constantFrom(...VERIFICATION),
  supersedes: uuid,
  summary: text(),
};
const requiredEnvelope = ['id', 'type', 'theatre', 'occurredAt', 'timePrecision', 'sources', 'verification', 'data'] as const;

const period = fc
  .tuple(moment, moment)
  .chain(([a, b]) => fc.record({ from: instantOf(fc.constant(Math.min(a, b))), to: instantOf(fc.constant(Math.max(a, b))) }))
  // Writing an instant without its milliseconds can reorder two within one second.
  .filter((p) => Date.parse(p.from) <= Date.parse(p.to));

const dataArbitraries: Readonly<Record<EventType, fc.Arbitrary<EventJson>>> = {
  'protest.escalated': fc.record(
    {
      stage: fc.constantFrom(...PROTEST_STAGES),
      crowdSize: countRange,
      trigger: text(),
      demands: fc.array(text(), { maxLength: 3 }),
      stateResponse: text(),
    },
    { requiredKeys: ['stage'] },
  ),
  'troops.deployed': fc.record(
    {
      force: text(),
      contributor: country,
      unitKind: text(),
      troops: countRange,
      requestedBy: country,
      mission: text(),
      phase: fc.constantFrom(...DEPLOYMENT_PHASES),
    },
    { requiredKeys: ['force', 'phase'] },
  ),
  'casualties.reported': fc
    .record(
      {
        killed: countRange,
        injured: countRange,
        detained: countRange,
        group: fc.constantFrom(...CASUALTY_GROUPS),
        cumulative: fc.boolean(),
        period,
        sourceWording: text(),
      },
      { requiredKeys: ['group', 'cumulative'] },
    )
    .filter((d) => d.killed !== undefined || d.injured !== undefined || d.detained !== undefined),
  'diplomacy.meeting': fc.record(
    {
      participants: fc.array(fc.record({ name: text(), role: text(), country }, { requiredKeys: ['name', 'country'] }), {
        minLength: 2,
        maxLength: 4,
      }),
      format: fc.constantFrom('talks', 'call', 'summit'),
      venue: text(),
      durationMinutes: fc.integer({ min: 1, max: 60 * 24 * 14 }),
      topics: fc.array(text(), { maxLength: 3 }),
      outcome: fc.constantFrom(...MEETING_OUTCOMES),
    },
    { requiredKeys: ['participants', 'format', 'outcome'] },
  ),
  'diplomacy.statement': fc.record(
    {
      speaker: text(),
      speakerRole: text(),
      country,
      target: text(),
      stance: fc.constantFrom(...STANCES),
      quote: text(),
      respondsTo: uuid,
    },
    { requiredKeys: ['speaker', 'country', 'stance'] },
  ),
  'situation.assessed': fc.record(
    {
      assessor: text(),
      assessorCountry: country,
      assessment: fc.constantFrom(...ASSESSMENTS),
      summary: text(),
    },
    { requiredKeys: ['assessor', 'assessment', 'summary'] },
  ),
};

/** The fields a producer must send, per type, as paths of validation issues. */
export const REQUIRED_FIELDS: Readonly<Record<EventType, readonly string[]>> = {
  'protest.escalated': ['data.stage'],
  'troops.deployed': ['data.force', 'data.phase'],
  'casualties.reported': ['data.group', 'data.cumulative'],
  'diplomacy.meeting': ['data.participants', 'data.format', 'data.outcome'],
  'diplomacy.statement': ['data.speaker', 'data.country', 'data.stance'],
  'situation.assessed': ['data.assessor', 'data.assessment', 'data.summary'],
};
export const REQUIRED_ENVELOPE_FIELDS: readonly string[] = requiredEnvelope;

/** A valid input event of one type (recordedAt sometimes sent, as producers may). */
export const validEventInput = (type: EventType): fc.Arbitrary<EventJson> =>
  fc
    .record(
      { ...envelope, type: fc.constant(type), data: dataArbitraries[type] },
      { requiredKeys: [...requiredEnvelope] },
    )
    .map((event): EventJson => event);

/** A valid input event of any type. */
export const anyValidEventInput: fc.Arbitrary<EventJson> = fc.oneof(...EVENT_TYPE_NAMES.map(validEventInput));

/** Types whose data holds count ranges, and where. */
export const RANGE_FIELDS: Readonly<Partial<Record<EventType, readonly string[]>>> = {
  'protest.escalated': ['crowdSize'],
  'troops.deployed': ['troops'],
  'casualties.reported': ['killed', 'injured', 'detained'],
};
