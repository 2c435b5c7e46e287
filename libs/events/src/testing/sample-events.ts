import type { AlertRaised } from '../alert.schema';
import type { CrisisEvent, EventOf, EventType, Source } from '../event.schema';

/** One valid event of each type, from the seed scenario (Kazakhstan, January 2022), for unit tests. */

const almatyAuthorities: Source = { name: 'Almaty city authorities', kind: 'official', reliability: 'B', credibility: 2 };
const newsAgency: Source = {
  name: 'Reuters',
  kind: 'media',
  url: 'https://news.example/kazakhstan-unrest',
  reliability: 'B',
  credibility: 2,
};

const almaty = { name: 'Almaty', country: 'KZ', region: 'Almaty', lat: 43.238, lon: 76.889, precision: 'city' } as const;

export const protestInAlmaty: EventOf<'protest.escalated'> = {
  id: '0b6f3c2a-4d1e-4f5a-9c3b-1a2b3c4d5e01',
  type: 'protest.escalated',
  theatre: 'kz',
  occurredAt: '2022-01-05T14:00:00+06:00',
  timePrecision: 'hour',
  recordedAt: '2022-01-05T08:30:00.000Z',
  location: almaty,
  actors: [
    { name: 'Protesters', role: 'actor', country: 'KZ', kind: 'protesters' },
    { name: 'Almaty police', role: 'target', country: 'KZ', kind: 'security_forces' },
  ],
  sources: [newsAgency],
  verification: 'verified',
  summary: 'Peaceful protests against fuel prices turn violent; government buildings set on fire',
  data: {
    stage: 'riot',
    crowdSize: { low: 5000, best: 10000 },
    trigger: 'fuel price rise',
    demands: ['lower fuel prices', 'resignation of the government'],
    stateResponse: 'state of emergency declared',
  },
};

export const cstoDeployment: EventOf<'troops.deployed'> = {
  id: '0b6f3c2a-4d1e-4f5a-9c3b-1a2b3c4d5e02',
  type: 'troops.deployed',
  theatre: 'kz',
  occurredAt: '2022-01-07T10:00:00+06:00',
  timePrecision: 'day',
  recordedAt: '2022-01-07T05:00:00.000Z',
  location: almaty,
  actors: [{ name: 'Collective Security Treaty Organization', role: 'actor', kind: 'alliance' }],
  sources: [newsAgency],
  verification: 'verified',
  data: {
    force: 'CSTO',
    contributor: 'RU',
    unitKind: 'paratroopers',
    requestedBy: 'KZ',
    mission: 'peacekeeping',
    phase: 'deployed',
  },
};

export const almatyCasualties: EventOf<'casualties.reported'> = {
  id: '0b6f3c2a-4d1e-4f5a-9c3b-1a2b3c4d5e03',
  type: 'casualties.reported',
  theatre: 'kz',
  occurredAt: '2022-01-06T18:00:00+06:00',
  timePrecision: 'day',
  recordedAt: '2022-01-06T13:00:00.000Z',
  location: almaty,
  actors: [],
  sources: [almatyAuthorities],
  verification: 'unverified',
  data: {
    killed: { best: 12 },
    injured: { best: 353 },
    group: 'security_forces',
    cumulative: true,
    period: { from: '2022-01-05T00:00:00+06:00', to: '2022-01-06T18:00:00+06:00' },
  },
};

export const genevaTalks: EventOf<'diplomacy.meeting'> = {
  id: '0b6f3c2a-4d1e-4f5a-9c3b-1a2b3c4d5e04',
  type: 'diplomacy.meeting',
  theatre: 'ua-border',
  occurredAt: '2022-01-10T09:00:00+01:00',
  timePrecision: 'day',
  recordedAt: '2022-01-10T17:00:00.000Z',
  location: { name: 'Geneva', country: 'CH', lat: 46.204, lon: 6.143, precision: 'city' },
  actors: [],
  sources: [newsAgency],
  verification: 'verified',
  data: {
    participants: [
      { name: 'Sergey Ryabkov', role: 'Deputy Foreign Minister', country: 'RU' },
      { name: 'Wendy Sherman', role: 'Deputy Secretary of State', country: 'US' },
    ],
    format: 'talks',
    venue: 'Geneva',
    durationMinutes: 420,
    topics: ['Ukraine', 'security guarantees'],
    outcome: 'deadlock',
  },
};

export const blinkenStatement: EventOf<'diplomacy.statement'> = {
  id: '0b6f3c2a-4d1e-4f5a-9c3b-1a2b3c4d5e05',
  type: 'diplomacy.statement',
  theatre: 'kz',
  occurredAt: '2022-01-07T20:00:00-05:00',
  timePrecision: 'day',
  recordedAt: '2022-01-08T02:00:00.000Z',
  actors: [],
  sources: [newsAgency],
  verification: 'verified',
  data: {
    speaker: 'Antony Blinken',
    speakerRole: 'US Secretary of State',
    country: 'US',
    target: 'RU',
    stance: 'critical',
    quote: "Once Russians are in your house, it's sometimes very difficult to get them to leave",
    respondsTo: '0b6f3c2a-4d1e-4f5a-9c3b-1a2b3c4d5e02',
  },
};

export const orderRestored: EventOf<'situation.assessed'> = {
  id: '0b6f3c2a-4d1e-4f5a-9c3b-1a2b3c4d5e06',
  type: 'situation.assessed',
  theatre: 'kz',
  occurredAt: '2022-01-10T12:00:00+06:00',
  timePrecision: 'day',
  recordedAt: '2022-01-10T07:00:00.000Z',
  actors: [],
  sources: [almatyAuthorities],
  verification: 'unverified',
  data: {
    assessor: 'National Security Committee (KNB)',
    assessorCountry: 'KZ',
    assessment: 'restored',
    summary: 'Situation stabilised, order restored across the country',
  },
};

export const SAMPLE_EVENTS: Readonly<{ [T in EventType]: EventOf<T> }> = {
  'protest.escalated': protestInAlmaty,
  'troops.deployed': cstoDeployment,
  'casualties.reported': almatyCasualties,
  'diplomacy.meeting': genevaTalks,
  'diplomacy.statement': blinkenStatement,
  'situation.assessed': orderRestored,
};

export const sampleEvents: readonly CrisisEvent[] = Object.values(SAMPLE_EVENTS);

export const escalationAlert: AlertRaised = {
  id: '0b6f3c2a-4d1e-4f5a-9c3b-1a2b3c4d5e10',
  theatre: 'kz',
  raisedAt: '2022-01-05T08:31:00.000Z',
  band: 'high',
  previousBand: 'elevated',
  index: 71.5,
  direction: 'up',
  reasons: [
    { eventId: protestInAlmaty.id, type: 'protest.escalated', weight: 18, summary: 'protest reached riot stage' },
  ],
};
