import type { CrisisEventInput, Location, Source } from '@watchfloor/events';

/**
 * The built-in scenario: the Kazakhstan unrest of January 2022 and the Russia–Ukraine border
 * crisis beside it, as reported by the two seed articles (see /work/shared/scenario/FACTS.md).
 *
 * Conventions:
 * - Ids are fixed so that replaying the scenario is idempotent and statements can answer each other.
 * - Times are UTC. The articles give days only, so times of day are chosen to be plausible in local
 *   time (Almaty UTC+6, Geneva UTC+1, Moscow UTC+3) and to keep the story in order. Where only
 *   "last week" is known the precision is `week` and the instant falls inside that week.
 * - Quotes the articles give in Vietnamese are English renderings of that text, not the speakers'
 *   original words; only Blinken's remark is his own English.
 * - A location is set only where the articles place the event; statements whose place is not
 *   reported carry none, so the map shows no invented points.
 */

/** The scenario's event ids, by what each event is. */
export const SCENARIO_EVENT_IDS = {
  fuelProtestsPeaceful: '7ea9b00c-c989-410c-8538-5988ac874971',
  borderBuildUp: 'd0ba8fde-6402-4c38-b4ad-dc4256bd2e84',
  clashesWithPolice: '30a4e7fc-4aee-4ca2-ae2c-9933bc9e77e2',
  governmentBuildingsStormed: 'df301bb1-cdb9-48e2-a458-fbb5b309b38e',
  cstoDeploying: 'a683f410-1677-4310-ae09-12cf583a2e08',
  almatyCityCasualties: '9178c9a9-e822-4d60-b86d-64db51f0aa47',
  almatyPoliceCasualties: '170575e8-ac4b-4ed6-aa24-323a6a267ae3',
  russianParatroopersDeployed: 'd381de4a-f7ed-4494-b765-f2d8717d3abd',
  blinkenRemark: 'fc4dd705-6431-4503-8dc9-1e5fe957abd1',
  russianMfaReply: 'a3e25b21-9dc7-4dfc-a6f7-cabdb6dd0ed1',
  kazakhOfficialsBlameExtremists: '12668de5-3693-42b2-a9dd-3d343ae76067',
  knbOrderRestored: 'dcf20eda-c75d-4f27-8dab-a1b9499b3536',
  genevaTalks: '860f1a7d-043c-46fd-80e5-956a8bd420ea',
  putinDefendsDeployment: '5d062780-cd0f-4e89-bb21-ddd48f4f0275',
  wangLavrovCall: '9026f7d6-d5bd-46fa-b0c5-9dfe84455fc3',
  wangYiBacksTokayev: '5cbd311a-fb7a-496e-96f2-890c9e8aedd8',
  ryabkovNoAttackPlanned: '0169e9fa-c75d-47ec-afd4-9addbea0d83e',
  shermanProveIt: 'a724885a-0027-44f0-a695-0152f678a9f0',
} as const;

const ids = SCENARIO_EVENT_IDS;

// ---- places ----------------------------------------------------------------------------------

const almaty: Location = { name: 'Almaty', country: 'KZ', lat: 43.2389, lon: 76.8897, precision: 'city' };
const kazakhstan: Location = { name: 'Kazakhstan', country: 'KZ', lat: 48.0196, lon: 66.9237, precision: 'country' };
const geneva: Location = { name: 'Geneva', country: 'CH', lat: 46.2044, lon: 6.1432, precision: 'city' };
const borderRegion: Location = {
  name: 'Russian regions bordering Ukraine',
  country: 'RU',
  region: 'Bryansk, Kursk, Belgorod and Voronezh oblasts',
  lat: 51.0,
  lon: 37.0,
  precision: 'region',
};

// ---- sources (NATO Admiralty: reliability A–F of the source, credibility 1–6 of the claim) ----

/** The articles' own narrative of widely reported events: a reputable outlet, facts confirmed elsewhere. */
const seed000Press: Source = { name: 'Vietnamese press (seed article 000)', kind: 'media', reliability: 'B', credibility: 2 };
const seed004Press: Source = { name: 'Vietnamese press (seed article 004)', kind: 'media', reliability: 'B', credibility: 2 };
/** An official figure, precise but from an interested party and not independently checked. */
const almatyCity: Source = { name: 'Almaty city authorities', kind: 'official', reliability: 'B', credibility: 3 };
/** Second-hand (via local agencies), vague, and the same report admits there is no reliable information. */
const almatyPoliceSpokesperson: Source = {
  name: 'Almaty police spokesperson (via local news agencies)',
  kind: 'official',
  reliability: 'C',
  credibility: 4,
};
/** State-aligned agencies: fair on Russia's own troop movements, which photographs then confirmed. */
const russianNewsAgencies: Source = { name: 'Russian news agencies', kind: 'media', reliability: 'C', credibility: 2 };
const reutersPhotos: Source = { name: 'Reuters (photographs from Almaty)', kind: 'media', reliability: 'B', credibility: 2 };
/** For statements the claim is "X said Y", which the speaker's own publication confirms. */
const kazakhPresidency: Source = { name: 'Office of the President of Kazakhstan', kind: 'official', reliability: 'B', credibility: 1 };
const csto: Source = { name: 'Collective Security Treaty Organization', kind: 'official', reliability: 'B', credibility: 1 };
const usStateDepartment: Source = { name: 'US Department of State', kind: 'official', reliability: 'B', credibility: 1 };
const russianMfa: Source = { name: 'Russian Ministry of Foreign Affairs', kind: 'official', reliability: 'B', credibility: 1 };
const kremlin: Source = { name: 'Kremlin (Office of the President of Russia)', kind: 'official', reliability: 'B', credibility: 1 };
const chineseMfa: Source = { name: 'Chinese Ministry of Foreign Affairs', kind: 'official', reliability: 'B', credibility: 1 };
const kazakhOfficials: Source = { name: 'Kazakh government officials', kind: 'official', reliability: 'B', credibility: 2 };
/** A security service grading its own success: interested, and nobody independent confirmed it then. */
const knb: Source = { name: 'National Security Committee of Kazakhstan (KNB)', kind: 'official', reliability: 'C', credibility: 3 };
const businessInsider: Source = { name: 'Business Insider', kind: 'media', reliability: 'B', credibility: 2 };

// ---- the events, in occurredAt order -----------------------------------------------------------

export const kazakhstan2022: readonly CrisisEventInput[] = [
  {
    id: ids.fuelProtestsPeaceful,
    type: 'protest.escalated',
    theatre: 'kz',
    occurredAt: '2022-01-03T05:00:00Z',
    timePrecision: 'week',
    location: kazakhstan,
    actors: [
      { name: 'Protesters', role: 'actor', country: 'KZ', kind: 'protesters' },
      { name: 'Government of Kazakhstan', role: 'target', country: 'KZ', kind: 'government' },
    ],
    sources: [seed004Press],
    verification: 'verified',
    summary: 'Peaceful protests against higher fuel prices spread across Kazakhstan.',
    data: { stage: 'peaceful', trigger: 'fuel price rise', demands: ['lower fuel prices'] },
  },
  {
    id: ids.borderBuildUp,
    type: 'troops.deployed',
    theatre: 'ua-border',
    // Both articles call the build-up recent and treat it as standing before the 10 January talks;
    // the week before the talks is the narrowest window they support.
    occurredAt: '2022-01-03T09:00:00Z',
    timePrecision: 'week',
    location: borderRegion,
    actors: [
      { name: 'Russian Armed Forces', role: 'actor', country: 'RU', kind: 'military' },
      { name: 'Ukraine', role: 'target', country: 'UA', kind: 'state' },
    ],
    sources: [seed000Press, seed004Press],
    verification: 'verified',
    summary: 'Russia has massed a large number of troops near the Ukrainian border; Moscow denies planning an attack.',
    // No troop count: neither article states the size, and a guessed range would look like a claim.
    data: { force: 'Russian Armed Forces', contributor: 'RU', phase: 'deployed' },
  },
  {
    id: ids.clashesWithPolice,
    type: 'protest.escalated',
    theatre: 'kz',
    occurredAt: '2022-01-05T04:00:00Z',
    timePrecision: 'day',
    location: kazakhstan,
    actors: [
      { name: 'Protesters', role: 'actor', country: 'KZ', kind: 'protesters' },
      { name: 'Police and army of Kazakhstan', role: 'actor', country: 'KZ', kind: 'security_forces' },
    ],
    sources: [seed000Press],
    verification: 'verified',
    summary: 'Repeated violent clashes between protesters and police and army.',
    data: { stage: 'violent', trigger: 'fuel price rise', stateResponse: 'police and army deployed against protesters' },
  },
  {
    id: ids.governmentBuildingsStormed,
    type: 'protest.escalated',
    theatre: 'kz',
    occurredAt: '2022-01-05T12:00:00Z',
    timePrecision: 'week',
    location: kazakhstan,
    actors: [
      { name: 'Protesters', role: 'actor', country: 'KZ', kind: 'protesters' },
      { name: 'Government buildings', role: 'target', country: 'KZ', kind: 'government' },
    ],
    sources: [seed004Press],
    verification: 'verified',
    summary: 'Protests turn into riots: government buildings seized or set on fire in many cities.',
    data: { stage: 'riot', trigger: 'fuel price rise' },
  },
  {
    id: ids.cstoDeploying,
    type: 'troops.deployed',
    theatre: 'kz',
    occurredAt: '2022-01-06T02:00:00Z',
    timePrecision: 'day',
    location: kazakhstan,
    actors: [
      { name: 'Collective Security Treaty Organization', role: 'actor', kind: 'alliance' },
      { name: 'Kassym-Jomart Tokayev', role: 'actor', country: 'KZ', kind: 'official' },
    ],
    sources: [kazakhPresidency, csto],
    verification: 'verified',
    summary: "At President Tokayev's request, the Russia-led CSTO sends troops to help Kazakhstan restore security.",
    data: {
      force: 'CSTO',
      requestedBy: 'KZ',
      mission: 'help Kazakhstan restore security (declared a peacekeeping mission)',
      phase: 'deploying',
    },
  },
  {
    id: ids.almatyCityCasualties,
    type: 'casualties.reported',
    theatre: 'kz',
    occurredAt: '2022-01-06T08:00:00Z',
    timePrecision: 'day',
    location: almaty,
    actors: [{ name: 'Police and security personnel', role: 'target', country: 'KZ', kind: 'security_forces' }],
    sources: [almatyCity],
    verification: 'unverified',
    summary: 'Almaty city authorities: 353 police and security personnel injured, 12 killed.',
    // One exact figure each, so only `best`: the city gave no range.
    data: {
      killed: { best: 12 },
      injured: { best: 353 },
      group: 'security_forces',
      cumulative: true,
      sourceWording: '353 police and security personnel injured, 12 killed',
    },
  },
  {
    id: ids.almatyPoliceCasualties,
    type: 'casualties.reported',
    theatre: 'kz',
    occurredAt: '2022-01-06T12:00:00Z',
    timePrecision: 'day',
    location: almaty,
    actors: [
      { name: 'Almaty police', role: 'actor', country: 'KZ', kind: 'security_forces' },
      { name: 'Attackers on government buildings', role: 'target', country: 'KZ', kind: 'other' },
    ],
    sources: [almatyPoliceSpokesperson],
    verification: 'unverified',
    summary:
      'Almaty police spokesperson, via local news agencies: "dozens" killed in attacks on government buildings; no reliable information on totals.',
    data: {
      // "Dozens" (plural) means at least two dozen, and would have been called "a hundred" or
      // "hundreds" past 99; no best figure, because the spokesperson gave none.
      killed: { low: 24, high: 99 },
      group: 'unspecified',
      // Only the deaths in the attacks on government buildings of 5–6 January, not a running total.
      cumulative: false,
      period: { from: '2022-01-04T18:00:00Z', to: '2022-01-06T12:00:00Z' },
      sourceWording: 'dozens',
    },
  },
  {
    id: ids.russianParatroopersDeployed,
    type: 'troops.deployed',
    theatre: 'kz',
    occurredAt: '2022-01-07T04:00:00Z',
    timePrecision: 'day',
    location: almaty,
    actors: [
      { name: 'Russian paratroopers', role: 'actor', country: 'RU', kind: 'military' },
      { name: 'Collective Security Treaty Organization', role: 'actor', kind: 'alliance' },
    ],
    sources: [russianNewsAgencies, reutersPhotos],
    verification: 'verified',
    summary: 'Russian paratroopers arrive in Kazakhstan under the CSTO mission; soldiers seen in Almaty.',
    data: {
      force: 'CSTO',
      contributor: 'RU',
      unitKind: 'paratroopers',
      requestedBy: 'KZ',
      mission: 'help Kazakhstan restore order (CSTO mission)',
      phase: 'deployed',
    },
  },
  {
    id: ids.blinkenRemark,
    type: 'diplomacy.statement',
    theatre: 'kz',
    occurredAt: '2022-01-07T16:00:00Z',
    timePrecision: 'day',
    actors: [
      { name: 'Antony Blinken', role: 'actor', country: 'US', kind: 'official' },
      { name: 'Russia', role: 'target', country: 'RU', kind: 'state' },
    ],
    sources: [usStateDepartment, seed000Press],
    verification: 'verified',
    summary: 'Blinken warns that Kazakhstan may find it hard to get Russian troops to leave.',
    data: {
      speaker: 'Antony Blinken',
      speakerRole: 'US Secretary of State',
      country: 'US',
      target: 'RU',
      stance: 'critical',
      quote:
        "One lesson of recent history is that once Russians are in your house, it's sometimes very difficult to get them to leave.",
    },
  },
  {
    id: ids.russianMfaReply,
    type: 'diplomacy.statement',
    theatre: 'kz',
    occurredAt: '2022-01-08T09:00:00Z',
    timePrecision: 'day',
    actors: [
      { name: 'Russian Ministry of Foreign Affairs', role: 'actor', country: 'RU', kind: 'government' },
      { name: 'United States', role: 'target', country: 'US', kind: 'state' },
    ],
    sources: [russianMfa, seed000Press],
    verification: 'verified',
    summary:
      "Russia's Foreign Ministry calls Blinken's remark a typical attack, says Washington should analyse its own interventions such as Iraq, and calls the deployment a lawful answer to Kazakhstan's request to the CSTO.",
    data: {
      speaker: 'Russian Ministry of Foreign Affairs',
      country: 'RU',
      target: 'US',
      stance: 'hostile',
      quote: 'a typical attack',
      respondsTo: ids.blinkenRemark,
    },
  },
  {
    // A statement rather than a situation.assessed: it names who is to blame, not whether things
    // are getting better or worse, and as a statement it stays a claim beside the others instead
    // of moving the theatre's assessed trend.
    id: ids.kazakhOfficialsBlameExtremists,
    type: 'diplomacy.statement',
    theatre: 'kz',
    // The article places it only in the days around its own date (about 8–10 January): a week
    // understates what is known, a day would overstate it.
    occurredAt: '2022-01-09T06:00:00Z',
    timePrecision: 'week',
    location: kazakhstan,
    actors: [
      { name: 'Kazakh government officials', role: 'actor', country: 'KZ', kind: 'government' },
      { name: 'Extremist elements', role: 'target', kind: 'other' },
    ],
    sources: [kazakhOfficials, seed004Press],
    verification: 'verified',
    summary: 'Kazakh officials blame the riots on "extremist elements", including Islamist gunmen trained abroad.',
    data: {
      speaker: 'Kazakh government officials',
      country: 'KZ',
      target: 'extremist elements, including Islamist gunmen trained abroad',
      stance: 'hostile',
      quote: 'extremist elements',
    },
  },
  {
    id: ids.knbOrderRestored,
    type: 'situation.assessed',
    theatre: 'kz',
    occurredAt: '2022-01-10T04:00:00Z',
    timePrecision: 'day',
    location: kazakhstan,
    actors: [{ name: 'National Security Committee (KNB)', role: 'actor', country: 'KZ', kind: 'security_forces' }],
    sources: [knb, seed004Press],
    verification: 'unverified',
    summary: "Kazakhstan's National Security Committee says the situation has stabilised and order is restored across the country.",
    data: {
      assessor: 'National Security Committee of Kazakhstan (KNB)',
      assessorCountry: 'KZ',
      assessment: 'restored',
      summary: 'The situation has stabilised and order has been restored throughout the country.',
    },
  },
  {
    id: ids.genevaTalks,
    type: 'diplomacy.meeting',
    theatre: 'ua-border',
    // Started 09:00 in Geneva; the seven hours end at 15:00 UTC.
    occurredAt: '2022-01-10T08:00:00Z',
    timePrecision: 'day',
    location: geneva,
    actors: [
      { name: 'Sergey Ryabkov', role: 'actor', country: 'RU', kind: 'official' },
      { name: 'Wendy Sherman', role: 'actor', country: 'US', kind: 'official' },
    ],
    sources: [businessInsider, seed004Press],
    verification: 'verified',
    summary: 'US–Russia security talks on Ukraine in Geneva last seven hours and end in deadlock.',
    data: {
      participants: [
        { name: 'Sergey Ryabkov', role: 'Deputy Foreign Minister', country: 'RU' },
        { name: 'Wendy Sherman', role: 'Deputy Secretary of State', country: 'US' },
      ],
      format: 'talks',
      venue: 'Geneva',
      durationMinutes: 420,
      topics: ['Ukraine', 'Russian troop build-up at the Ukrainian border', 'European security'],
      outcome: 'deadlock',
    },
  },
  {
    id: ids.putinDefendsDeployment,
    type: 'diplomacy.statement',
    theatre: 'kz',
    occurredAt: '2022-01-10T08:30:00Z',
    timePrecision: 'day',
    actors: [
      { name: 'Vladimir Putin', role: 'actor', country: 'RU', kind: 'official' },
      { name: 'Unnamed outside forces', role: 'target', kind: 'other' },
    ],
    sources: [kremlin, seed004Press],
    verification: 'verified',
    summary:
      'Putin defends sending troops, sets no deadline for withdrawing the "peacekeeping" forces, and says the CSTO stopped terrorists backed by unnamed outside forces.',
    data: {
      speaker: 'Vladimir Putin',
      speakerRole: 'President of Russia',
      country: 'RU',
      target: 'unnamed outside forces',
      stance: 'hostile',
      quote:
        'Of course, we understand that the events in Kazakhstan are neither the first nor the last attempt by outside states to interfere in the internal affairs of other countries.',
    },
  },
  {
    id: ids.wangLavrovCall,
    type: 'diplomacy.meeting',
    theatre: 'kz',
    occurredAt: '2022-01-10T10:00:00Z',
    timePrecision: 'day',
    actors: [
      { name: 'Wang Yi', role: 'actor', country: 'CN', kind: 'official' },
      { name: 'Sergei Lavrov', role: 'actor', country: 'RU', kind: 'official' },
    ],
    sources: [chineseMfa, seed004Press],
    verification: 'verified',
    summary: 'Wang Yi and Sergei Lavrov speak by phone on Kazakhstan and agree to oppose outside interference in Central Asia.',
    data: {
      participants: [
        { name: 'Wang Yi', role: 'Foreign Minister', country: 'CN' },
        { name: 'Sergei Lavrov', role: 'Foreign Minister', country: 'RU' },
      ],
      format: 'call',
      topics: ['unrest in Kazakhstan', 'outside interference in Central Asia', 'the "three evils"'],
      outcome: 'agreement',
    },
  },
  {
    id: ids.wangYiBacksTokayev,
    type: 'diplomacy.statement',
    theatre: 'kz',
    occurredAt: '2022-01-10T10:30:00Z',
    timePrecision: 'day',
    actors: [
      { name: 'Wang Yi', role: 'actor', country: 'CN', kind: 'official' },
      { name: 'Kassym-Jomart Tokayev', role: 'target', country: 'KZ', kind: 'official' },
    ],
    sources: [chineseMfa, seed004Press],
    verification: 'verified',
    summary:
      'China backs Tokayev\'s conclusion that the unrest was terrorism and calls for opposing outside interference in Central Asia and the "three evils" (religious extremism, separatism, violent terrorism).',
    data: {
      speaker: 'Wang Yi',
      speakerRole: 'Foreign Minister of China',
      country: 'CN',
      target: 'KZ',
      stance: 'supportive',
      quote:
        'Oppose outside forces interfering in the internal affairs of Central Asian countries, and prevent the "three evils" from stirring up unrest.',
    },
  },
  {
    id: ids.ryabkovNoAttackPlanned,
    type: 'diplomacy.statement',
    theatre: 'ua-border',
    occurredAt: '2022-01-10T15:30:00Z',
    timePrecision: 'day',
    location: geneva,
    actors: [
      { name: 'Sergey Ryabkov', role: 'actor', country: 'RU', kind: 'official' },
      { name: 'United States', role: 'target', country: 'US', kind: 'state' },
    ],
    sources: [businessInsider, seed004Press],
    verification: 'verified',
    summary:
      'Ryabkov tells Sherman Russia has no plan to attack Ukraine, and says Moscow will make no concessions under pressure from the US and Europe.',
    data: {
      speaker: 'Sergey Ryabkov',
      speakerRole: 'Deputy Foreign Minister of Russia',
      country: 'RU',
      target: 'US',
      stance: 'critical',
    },
  },
  {
    id: ids.shermanProveIt,
    type: 'diplomacy.statement',
    theatre: 'ua-border',
    occurredAt: '2022-01-10T16:30:00Z',
    timePrecision: 'day',
    location: geneva,
    actors: [
      { name: 'Wendy Sherman', role: 'actor', country: 'US', kind: 'official' },
      { name: 'Russia', role: 'target', country: 'RU', kind: 'state' },
    ],
    sources: [usStateDepartment, seed004Press],
    verification: 'verified',
    summary:
      'Sherman asks Moscow to prove it by returning its troops to barracks or to explain the build-up at the Ukrainian border.',
    data: {
      speaker: 'Wendy Sherman',
      speakerRole: 'US Deputy Secretary of State',
      country: 'US',
      target: 'RU',
      stance: 'critical',
      quote: 'We will see whether Russia sees that the best way for it to pursue diplomacy is to de-escalate.',
      respondsTo: ids.ryabkovNoAttackPlanned,
    },
  },
];

/** The facts of FACTS.md, by number. */
export type ScenarioFact = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14;

/** Which events tell each fact of FACTS.md, so coverage of the seed articles can be checked. */
export const SCENARIO_FACTS: Readonly<Record<ScenarioFact, readonly string[]>> = {
  1: [ids.fuelProtestsPeaceful, ids.governmentBuildingsStormed],
  2: [ids.clashesWithPolice],
  3: [ids.almatyCityCasualties],
  4: [ids.almatyPoliceCasualties],
  5: [ids.cstoDeploying],
  6: [ids.russianParatroopersDeployed],
  7: [ids.blinkenRemark],
  8: [ids.russianMfaReply],
  9: [ids.kazakhOfficialsBlameExtremists],
  10: [ids.wangLavrovCall, ids.wangYiBacksTokayev],
  11: [ids.knbOrderRestored],
  12: [ids.putinDefendsDeployment],
  13: [ids.borderBuildUp],
  14: [ids.genevaTalks, ids.ryabkovNoAttackPlanned, ids.shermanProveIt],
};
