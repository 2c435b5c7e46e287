import { z } from 'zod';

/**
 * The event model of SPEC.md, as zod schemas. The TypeScript types, the JSON Schemas and the
 * AsyncAPI document are all derived from these: there is no second hand-kept copy.
 * Objects are strict so a misspelt field is an error naming it, not silently dropped data.
 */

export const THEATRE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const COUNTRY_CODE = /^[A-Z]{2}$/;

const text = (max: number) => z.string().trim().min(1).max(max);
const country = z.string().regex(COUNTRY_CODE, 'must be an ISO 3166-1 alpha-2 code, e.g. "KZ"');
const instant = z.iso.datetime({ offset: true });

export const theatreId = z
  .string()
  .regex(THEATRE_ID, 'must be lower-case letters, digits and dashes, e.g. "kz" or "ua-border"')
  .describe('Theatre id: the crisis area, e.g. "kz" (Kazakhstan) or "ua-border" (Russia–Ukraine border)');

export const TIME_PRECISIONS = ['exact', 'hour', 'day', 'week', 'month'] as const;
export const LOCATION_PRECISIONS = ['exact', 'city', 'region', 'country'] as const;
export const SOURCE_KINDS = ['official', 'media', 'ngo', 'social', 'intelligence'] as const;
/** NATO Admiralty code: source reliability A (completely reliable) … F (cannot be judged). */
export const RELIABILITY = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export const VERIFICATION = ['unverified', 'under_review', 'verified', 'disputed', 'unverifiable', 'retracted'] as const;

/** A count known only as a range: any of low, best and high, ordered low ≤ best ≤ high. */
export const countRange = z
  .strictObject({
    low: z.number().int().nonnegative().optional().describe('Lowest figure the source allows'),
    best: z.number().int().nonnegative().optional().describe("The source's own best figure"),
    high: z.number().int().nonnegative().optional().describe('Highest figure the source allows'),
  })
  .refine((r) => r.low !== undefined || r.best !== undefined || r.high !== undefined, {
    message: 'needs at least one of low, best, high',
  })
  .refine(
    (r) => {
      const known = [r.low, r.best, r.high].filter((n): n is number => n !== undefined);
      return known.every((n, i) => i === 0 || (known[i - 1] ?? n) <= n);
    },
    { message: 'must be ordered low ≤ best ≤ high' },
  )
  .describe('A count as a range: {low, best, high}, each where known');

export const location = z
  .strictObject({
    name: text(200).describe('Place name as reported, e.g. "Almaty"'),
    country: country.describe('ISO 3166-1 alpha-2 country code'),
    region: text(200).optional().describe('Administrative region, where known'),
    lat: z.number().min(-90).max(90).describe('Latitude, WGS84'),
    lon: z.number().min(-180).max(180).describe('Longitude, WGS84'),
    precision: z.enum(LOCATION_PRECISIONS).describe('How precisely the place is known'),
  })
  .describe('Where it happened');

export const actor = z
  .strictObject({
    name: text(200).describe('Who, e.g. "Collective Security Treaty Organization" or "Almaty police"'),
    role: z.enum(['actor', 'target']).describe('Whether they acted or were acted upon'),
    country: country.optional().describe('Their country, where one applies'),
    kind: z
      .enum(['state', 'government', 'security_forces', 'military', 'alliance', 'protesters', 'civilians', 'official', 'organisation', 'other'])
      .optional()
      .describe('What kind of actor'),
  })
  .describe('Who acted, or on whom');

export const source = z
  .strictObject({
    name: text(200).describe('Who reported it, e.g. "Almaty city authorities"'),
    kind: z.enum(SOURCE_KINDS).describe('What kind of source'),
    url: z.url().max(2000).optional().describe('Where the report can be read'),
    reliability: z.enum(RELIABILITY).describe('Admiralty source reliability: A completely reliable … E unreliable, F cannot be judged'),
    credibility: z.number().int().min(1).max(6).describe('Admiralty information credibility: 1 confirmed … 5 improbable, 6 cannot be judged'),
  })
  .describe('A source and its NATO Admiralty rating');

const envelopeShape = {
  id: z.uuid().describe('Event id (UUID); the idempotency key: the same id twice is one event'),
  theatre: theatreId,
  occurredAt: instant.describe('When it happened in the world (ISO 8601 with offset)'),
  timePrecision: z.enum(TIME_PRECISIONS).describe('How precisely occurredAt is known'),
  recordedAt: instant.describe('When Watchfloor accepted it; set by the server'),
  location: location.optional(),
  actors: z.array(actor).max(50).default([]).describe('Who acted, and on whom'),
  sources: z.array(source).min(1).max(20).describe('One or more sources'),
  verification: z.enum(VERIFICATION).describe('Verification status'),
  supersedes: z.uuid().optional().describe('Id of an earlier event this one corrects; the earlier stays in the log'),
  summary: text(2000).optional().describe('One line of human-readable summary'),
};

// ---- data per type -------------------------------------------------------------------------

/** Ordered: each stage is more severe than the one before (ACLED's protest/riot ladder). */
export const PROTEST_STAGES = ['peaceful', 'with_intervention', 'violent', 'riot'] as const;

export const protestEscalatedData = z
  .strictObject({
    stage: z.enum(PROTEST_STAGES).describe('peaceful → with_intervention → violent (incl. excessive force) → riot'),
    crowdSize: countRange.optional().describe('Crowd size as a range'),
    trigger: text(500).optional().describe('What set it off, e.g. "fuel price rise"'),
    demands: z.array(text(300)).max(20).optional().describe('What the protesters demand'),
    stateResponse: text(500).optional().describe('How the state responded'),
  })
  .describe('A protest reached a stage on the escalation ladder');

export const DEPLOYMENT_PHASES = ['announced', 'deploying', 'deployed', 'withdrawing', 'withdrawn'] as const;

export const troopsDeployedData = z
  .strictObject({
    force: text(200).describe('The force, e.g. "CSTO" or "Russian Armed Forces"'),
    contributor: country.optional().describe('Contributing country'),
    unitKind: text(200).optional().describe('Kind of unit, e.g. "paratroopers"'),
    troops: countRange.optional().describe('Troop count as a range'),
    requestedBy: country.optional().describe('Country that requested the deployment'),
    mission: text(500).optional().describe('Declared mission'),
    phase: z.enum(DEPLOYMENT_PHASES).describe('announced → deploying → deployed → withdrawing → withdrawn'),
  })
  .describe('A force was announced, deployed or withdrawn');

export const CASUALTY_GROUPS = ['security_forces', 'civilians', 'protesters', 'unspecified'] as const;

export const casualtiesReportedData = z
  .strictObject({
    killed: countRange.optional(),
    injured: countRange.optional(),
    detained: countRange.optional(),
    group: z.enum(CASUALTY_GROUPS).describe('Whom the figures are about'),
    cumulative: z.boolean().describe('true: a running total to date; false: only the period stated'),
    period: z
      .strictObject({ from: instant, to: instant })
      .refine((p) => Date.parse(p.from) <= Date.parse(p.to), { message: 'from must not be after to' })
      .optional()
      .describe('The period the figures cover'),
    sourceWording: text(500).optional().describe('The words the source used, e.g. "dozens"'),
  })
  .refine((d) => d.killed !== undefined || d.injured !== undefined || d.detained !== undefined, {
    message: 'needs at least one of killed, injured, detained',
  })
  .describe("One source's casualty claim, kept as it was made");

export const MEETING_OUTCOMES = ['agreement', 'deadlock', 'ongoing', 'unknown'] as const;

export const diplomacyMeetingData = z
  .strictObject({
    participants: z
      .array(
        z.strictObject({
          name: text(200),
          role: text(200).optional().describe('e.g. "Deputy Foreign Minister"'),
          country: country,
        }),
      )
      .min(2)
      .max(50),
    format: z.enum(['talks', 'call', 'summit']),
    venue: text(200).optional().describe('e.g. "Geneva"'),
    durationMinutes: z.number().int().positive().max(60 * 24 * 14).optional(),
    topics: z.array(text(300)).max(30).default([]),
    outcome: z.enum(MEETING_OUTCOMES),
  })
  .describe('Talks, a call or a summit');

export const STANCES = ['supportive', 'conciliatory', 'neutral', 'critical', 'hostile'] as const;

export const diplomacyStatementData = z
  .strictObject({
    speaker: text(200).describe('Who spoke, e.g. "Antony Blinken"'),
    speakerRole: text(200).optional().describe('e.g. "US Secretary of State"'),
    country: country.describe('Country the speaker speaks for'),
    target: text(200).optional().describe('At whom it is aimed: a country code or a name'),
    stance: z.enum(STANCES).describe('supportive … hostile, towards the target'),
    quote: text(4000).optional().describe('The words, as reported'),
    respondsTo: z.uuid().optional().describe('Id of the event this statement answers'),
  })
  .describe('A public statement');

export const ASSESSMENTS = ['deteriorating', 'stable', 'improving', 'restored'] as const;

export const situationAssessedData = z
  .strictObject({
    assessor: text(200).describe('Who assesses, e.g. "National Security Committee (KNB)"'),
    assessorCountry: country.optional(),
    assessment: z.enum(ASSESSMENTS),
    summary: text(2000),
  })
  .describe("Someone's assessment of the situation");

/** Current schema version of each type: the `v<N>` of the CloudEvents type. */
export const EVENT_TYPES = {
  'protest.escalated': { version: 2, data: protestEscalatedData },
  'troops.deployed': { version: 1, data: troopsDeployedData },
  'casualties.reported': { version: 1, data: casualtiesReportedData },
  'diplomacy.meeting': { version: 1, data: diplomacyMeetingData },
  'diplomacy.statement': { version: 1, data: diplomacyStatementData },
  'situation.assessed': { version: 1, data: situationAssessedData },
} as const;

export type EventType = keyof typeof EVENT_TYPES;
export const EVENT_TYPE_NAMES = Object.keys(EVENT_TYPES) as EventType[];

const eventOf = <T extends EventType>(type: T) => {
  // Annotated on purpose: the bare `EVENT_TYPES[type].data` widens to the union of all six data
  // schemas, which typed every event's `data` as any type's data.
  const data: (typeof EVENT_TYPES)[T]['data'] = EVENT_TYPES[type].data;
  return z.strictObject({ ...envelopeShape, type: z.literal(type), data });
};

export const protestEscalated = eventOf('protest.escalated');
export const troopsDeployed = eventOf('troops.deployed');
export const casualtiesReported = eventOf('casualties.reported');
export const diplomacyMeeting = eventOf('diplomacy.meeting');
export const diplomacyStatement = eventOf('diplomacy.statement');
export const situationAssessed = eventOf('situation.assessed');

/** An accepted event, as it stands in the log and as the HTTP API shows it. */
export const crisisEvent = z.discriminatedUnion('type', [
  protestEscalated,
  troopsDeployed,
  casualtiesReported,
  diplomacyMeeting,
  diplomacyStatement,
  situationAssessed,
]);

/** What a producer sends: the same, but recordedAt is the server's to set (ignored if sent). */
export const crisisEventInput = z.discriminatedUnion('type', [
  protestEscalated.extend({ recordedAt: instant.optional() }),
  troopsDeployed.extend({ recordedAt: instant.optional() }),
  casualtiesReported.extend({ recordedAt: instant.optional() }),
  diplomacyMeeting.extend({ recordedAt: instant.optional() }),
  diplomacyStatement.extend({ recordedAt: instant.optional() }),
  situationAssessed.extend({ recordedAt: instant.optional() }),
]);

export type CrisisEvent = Readonly<z.infer<typeof crisisEvent>>;
export type CrisisEventInput = z.infer<typeof crisisEventInput>;
export type EventOf<T extends EventType> = Extract<CrisisEvent, { type: T }>;
export type CountRange = z.infer<typeof countRange>;
export type Source = z.infer<typeof source>;
export type Location = z.infer<typeof location>;
export type Actor = z.infer<typeof actor>;
export type ProtestStage = (typeof PROTEST_STAGES)[number];
export type CasualtyGroup = (typeof CASUALTY_GROUPS)[number];
export type DeploymentPhase = (typeof DEPLOYMENT_PHASES)[number];
export type Stance = (typeof STANCES)[number];
export type Assessment = (typeof ASSESSMENTS)[number];
export type MeetingOutcome = (typeof MEETING_OUTCOMES)[number];
export type Verification = (typeof VERIFICATION)[number];
export type Reliability = (typeof RELIABILITY)[number];
