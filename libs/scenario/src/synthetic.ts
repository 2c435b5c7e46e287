import type {
  CasualtyGroup,
  CountRange,
  CrisisEventInput,
  EventType,
  Location,
  Source,
  Verification,
} from '@watchfloor/events';
import type { DataOf } from './data-of';

/**
 * A seeded, reproducible stream of valid crisis events for tests and benchmarks.
 *
 * Every theatre runs a small simulation so the stream looks like a crisis rather than noise:
 * protests climb and fall the escalation ladder, a hidden casualty toll grows and each source
 * reports it with its own bias and vagueness (and sometimes corrects itself), deployments move
 * through their phases, statements answer earlier ones, and assessments follow the protests.
 * The same options always give the same events, including ids, so failures can be replayed.
 */

export interface SyntheticOptions {
  /** Any 32-bit integer; the whole stream follows from it. */
  readonly seed: number;
  /** How many theatres to spread events over: ids `syn-001`, `syn-002`, … */
  readonly theatres: number;
  /** occurredAt of the first event. */
  readonly startAt: Date | string;
  /** Simulated events per second of occurredAt; default 1. */
  readonly ratePerSecond?: number;
}

export interface SyntheticGenerator {
  readonly theatreIds: readonly string[];
  next(): CrisisEventInput;
  take(n: number): CrisisEventInput[];
}

type InputOf<T extends EventType> = Extract<CrisisEventInput, { type: T }>;

// ---- randomness ------------------------------------------------------------------------------

/** mulberry32: tiny, fast, and good enough for simulation (not for secrets). */
const mulberry32 = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
};

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const hex16 = (n: number): string => (HEX[(n >>> 8) & 255] ?? '') + (HEX[n & 255] ?? '');
const hex32 = (n: number): string => hex16(n >>> 16) + hex16(n & 0xffff);

const nonEmpty = <T>(items: readonly T[]): readonly [T, ...T[]] => {
  if (items.length === 0) throw new Error('a pool must not be empty');
  return items as readonly [T, ...T[]];
};

class Dice {
  private readonly uint32: () => number;

  constructor(seed: number) {
    this.uint32 = mulberry32(seed);
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly [T, ...T[]]): T {
    return items[Math.floor(this.float() * items.length)] ?? items[0];
  }

  /** A random UUID in v4 format, drawn from the seeded stream so it replays. */
  uuid(): string {
    const a = this.uint32();
    const b = ((this.uint32() & 0xffff0fff) | 0x00004000) >>> 0;
    const c = ((this.uint32() & 0x3fffffff) | 0x80000000) >>> 0;
    const d = this.uint32();
    return `${hex32(a)}-${hex16(b >>> 16)}-${hex16(b)}-${hex16(c >>> 16)}-${hex16(c)}${hex32(d)}`;
  }
}

// ---- the world the theatres are drawn from ---------------------------------------------------

const COUNTRIES = nonEmpty(['KZ', 'UA', 'GE', 'AM', 'AZ', 'KG', 'TJ', 'BY', 'MD', 'RS', 'ML', 'SD', 'ET', 'MM', 'VE', 'BO']);
const POWERS = nonEmpty(['US', 'RU', 'CN', 'FR', 'GB', 'DE', 'TR', 'IN', 'JP', 'BR']);
const PLACE_STEMS = nonEmpty(['Aral', 'Bora', 'Cedar', 'Dunmore', 'Esker', 'Fairhaven', 'Glen', 'Harrow', 'Ister', 'Juniper', 'Kestrel', 'Lowmarsh']);
const PLACE_ENDINGS = nonEmpty(['grad', 'ford', 'abad', 'ton', 'polis', 'sk', 'stan', 'ville']);

interface Place {
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
}

interface SourceProfile {
  readonly source: Source;
  /** Multiplier applied to the true toll: officials tend to count low, activists high. */
  readonly bias: number;
  /** Half-width of the range the source gives, as a fraction of its figure. */
  readonly spread: number;
  /** How often the source gives only words ("dozens") instead of a figure. */
  readonly vagueness: number;
}

const SOURCES = nonEmpty<SourceProfile>([
  { source: { name: 'Ministry of Interior', kind: 'official', reliability: 'B', credibility: 3 }, bias: 0.7, spread: 0, vagueness: 0 },
  { source: { name: 'City authorities', kind: 'official', reliability: 'B', credibility: 2 }, bias: 0.85, spread: 0, vagueness: 0 },
  { source: { name: 'Police spokesperson', kind: 'official', reliability: 'C', credibility: 4 }, bias: 1.2, spread: 0.5, vagueness: 0.6 },
  { source: { name: 'National news agency', kind: 'media', reliability: 'C', credibility: 3 }, bias: 0.8, spread: 0.1, vagueness: 0.1 },
  { source: { name: 'International wire service', kind: 'media', reliability: 'A', credibility: 2 }, bias: 1, spread: 0.15, vagueness: 0.05 },
  { source: { name: 'Independent local outlet', kind: 'media', reliability: 'C', credibility: 3 }, bias: 1.1, spread: 0.25, vagueness: 0.2 },
  { source: { name: 'Human rights monitor', kind: 'ngo', reliability: 'B', credibility: 2 }, bias: 1.05, spread: 0.2, vagueness: 0 },
  { source: { name: 'Opposition activists', kind: 'social', reliability: 'D', credibility: 4 }, bias: 1.6, spread: 0.4, vagueness: 0.3 },
  { source: { name: 'Unverified social media footage', kind: 'social', reliability: 'F', credibility: 6 }, bias: 1.3, spread: 0.6, vagueness: 0.7 },
  { source: { name: 'Allied intelligence briefing', kind: 'intelligence', reliability: 'B', credibility: 3 }, bias: 1, spread: 0.3, vagueness: 0 },
]);
const REPORTERS = nonEmpty(SOURCES.map((profile) => profile.source));

const VERIFICATIONS = nonEmpty<Verification>([
  ...Array<Verification>(10).fill('unverified'),
  ...Array<Verification>(3).fill('under_review'),
  ...Array<Verification>(5).fill('verified'),
  'disputed',
  'unverifiable',
  'retracted',
]);

const TRIGGERS = nonEmpty(['fuel price rise', 'disputed election result', 'arrest of an opposition leader', 'new conscription law', 'bread price rise', 'power cuts']);
const DEMANDS = nonEmpty(['lower prices', 'resignation of the government', 'release of detainees', 'new elections', 'end of the state of emergency']);
const STATE_RESPONSES = nonEmpty([
  'no intervention',
  'police cordons',
  'tear gas and water cannon',
  'mass arrests',
  'live fire reported',
  'state of emergency and curfew',
]);
const FORCES = nonEmpty(['Regional security alliance', 'National Guard', 'UN peacekeeping mission', 'Allied expeditionary force', 'Border troops']);
const UNIT_KINDS = nonEmpty(['paratroopers', 'motor rifle brigade', 'military police', 'special forces', 'armoured battalion']);
const CASUALTY_GROUPS = nonEmpty<CasualtyGroup>(['security_forces', 'civilians', 'protesters', 'unspecified']);
const SPEAKER_ROLES = nonEmpty(['Foreign Minister', 'President', 'Prime Minister', 'Defence Minister', 'Foreign Ministry spokesperson']);
const STANCES = nonEmpty(['supportive', 'conciliatory', 'neutral', 'critical', 'hostile'] as const);
const STATEMENT_LINES = nonEmpty([
  'We call on all sides to show restraint.',
  'This deployment is a lawful answer to a request for help.',
  'Outside interference in internal affairs is unacceptable.',
  'We will not make concessions under pressure.',
  'Those responsible will be held to account.',
  'We are ready to talk, without preconditions.',
]);
const MEETING_TOPICS = nonEmpty(['ceasefire', 'humanitarian corridor', 'troop withdrawal', 'sanctions', 'election monitoring', 'prisoner exchange']);
const VENUES = nonEmpty(['Geneva', 'Vienna', 'Istanbul', 'Astana', 'Minsk', 'Doha']);
const ASSESSORS = nonEmpty(['National Security Committee', 'UN Office for the Coordination of Humanitarian Affairs', 'Crisis Group analysts', 'Ministry of Interior']);
const STAGES = ['peaceful', 'with_intervention', 'violent', 'riot'] as const;
const STAGE_WORDS = ['peaceful', 'met by police', 'violent', 'a riot'] as const;
const MEETING_FORMATS = nonEmpty(['talks', 'call', 'summit'] as const);
const MEETING_OUTCOMES = nonEmpty(['agreement', 'deadlock', 'ongoing', 'unknown'] as const);
const PHASES = ['announced', 'deploying', 'deployed', 'withdrawing', 'withdrawn'] as const;

/** How many earlier statements and casualty reports a theatre keeps for answers and corrections to point at. */
const MEMORY = 8;

interface Deployment {
  readonly force: string;
  readonly contributor: string;
  readonly unitKind: string;
  readonly troops: CountRange;
  readonly requestedBy: string | undefined;
  phase: number;
}

interface CasualtyReport {
  readonly id: string;
  readonly profile: SourceProfile;
  readonly group: CasualtyGroup;
}

/** One theatre's hidden state: what the sources report on, each in their own way. */
interface TheatreSim {
  readonly id: string;
  readonly name: string;
  readonly country: string;
  readonly centre: Location;
  readonly places: readonly [Place, ...Place[]];
  stage: number;
  lastStageChange: number;
  trueKilled: number;
  trueInjured: number;
  trueDetained: number;
  readonly statements: string[];
  readonly casualtyReports: CasualtyReport[];
  readonly deployments: Deployment[];
}

const remember = <T>(memory: T[], item: T): void => {
  if (memory.length >= MEMORY) memory.shift();
  memory.push(item);
};

const round4 = (n: number): number => Math.round(n * 1e4) / 1e4;

const createTheatre = (dice: Dice, index: number): TheatreSim => {
  const id = `syn-${String(index + 1).padStart(3, '0')}`;
  const lat = round4(-40 + dice.float() * 100);
  const lon = round4(-170 + dice.float() * 340);
  const country = dice.pick(COUNTRIES);
  const places: Place[] = [];
  const count = dice.int(3, 6);
  for (let i = 0; i < count; i++) {
    places.push({
      name: `${dice.pick(PLACE_STEMS)}${dice.pick(PLACE_ENDINGS)}`,
      lat: round4(Math.max(-89, Math.min(89, lat + (dice.float() - 0.5) * 6))),
      lon: round4(Math.max(-179, Math.min(179, lon + (dice.float() - 0.5) * 6))),
    });
  }
  return {
    id,
    name: `Synthetic theatre ${index + 1}`,
    country,
    centre: { name: `Synthetic theatre ${index + 1}`, country, lat, lon, precision: 'country' },
    places: nonEmpty(places),
    stage: 0,
    lastStageChange: 0,
    trueKilled: 0,
    trueInjured: 0,
    trueDetained: 0,
    statements: [],
    casualtyReports: [],
    deployments: [],
  };
};

/** A source's claim about a true figure, as a range shaped by its bias and spread. */
const claimOf = (dice: Dice, truth: number, profile: SourceProfile): CountRange => {
  const best = Math.round(truth * profile.bias * (0.9 + dice.float() * 0.2));
  if (profile.spread === 0) return { best };
  const low = Math.floor(best * (1 - profile.spread));
  const high = Math.ceil(best * (1 + profile.spread));
  return dice.chance(0.5) ? { low, best, high } : { low, high };
};

/** A range as a reader would say it: the best figure, or "low–high". */
const figureOf = (range: CountRange): string =>
  range.best !== undefined ? String(range.best) : `${range.low ?? '?'}–${range.high ?? '?'}`;

/** Words a vague source uses for a figure, with the range those words allow. */
const wordingOf = (figure: number): { wording: string; range: CountRange } => {
  if (figure < 3) return { wording: 'one or two', range: { low: 1, high: 2 } };
  if (figure < 10) return { wording: 'several', range: { low: 3, high: 9 } };
  if (figure < 24) return { wording: 'more than a dozen', range: { low: 13, high: 23 } };
  if (figure < 100) return { wording: 'dozens', range: { low: 24, high: 99 } };
  if (figure < 200) return { wording: 'more than a hundred', range: { low: 101, high: 199 } };
  if (figure < 1000) return { wording: 'hundreds', range: { low: 200, high: 999 } };
  if (figure < 10_000) return { wording: 'thousands', range: { low: 2000, high: 9999 } };
  return { wording: 'tens of thousands', range: { low: 20_000, high: 99_999 } };
};

const DAY_MS = 86_400_000;
const PAD2 = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));

/**
 * Date#toISOString, several times faster: a million events spend most of a second in
 * toISOString alone, and consecutive events nearly always fall on the same day.
 */
const createIsoClock = (): ((ms: number) => string) => {
  let cachedDay = Number.NaN;
  let dayPrefix = '';
  return (ms) => {
    const day = Math.floor(ms / DAY_MS);
    if (day !== cachedDay) {
      cachedDay = day;
      dayPrefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    }
    const inDay = ms - day * DAY_MS;
    const seconds = Math.floor(inDay / 1000);
    return `${dayPrefix}${PAD2[Math.floor(seconds / 3600)]}:${PAD2[Math.floor(seconds / 60) % 60]}:${PAD2[seconds % 60]}.${PAD3[inDay % 1000]}Z`;
  };
};

/** A copy, so that a consumer editing one event (a test making it invalid, say) cannot change later ones. */
const cite = (source: Source): Source => ({ ...source });

/** A claim carried by one source, or relayed by a second one as well. */
const citing = (source: Source, relay: Source | undefined): Source[] =>
  relay && relay.name !== source.name ? [cite(source), cite(relay)] : [cite(source)];

export const createSyntheticGenerator = (options: SyntheticOptions): SyntheticGenerator => {
  const { seed, theatres } = options;
  const ratePerSecond = options.ratePerSecond ?? 1;
  const startMs = typeof options.startAt === 'string' ? Date.parse(options.startAt) : options.startAt.getTime();
  if (!Number.isInteger(theatres) || theatres < 1) throw new RangeError(`theatres must be a positive integer, got ${theatres}`);
  if (!(ratePerSecond > 0) || !Number.isFinite(ratePerSecond)) throw new RangeError(`ratePerSecond must be positive, got ${ratePerSecond}`);
  if (Number.isNaN(startMs)) throw new RangeError(`startAt is not a valid time: ${String(options.startAt)}`);

  const dice = new Dice(seed);
  const sims = nonEmpty(Array.from({ length: theatres }, (_, i) => createTheatre(dice, i)));
  const isoOf = createIsoClock();
  const msPerEvent = 1000 / ratePerSecond;
  let index = 0;
  let nowMs = startMs;
  let now = '';

  // The envelope fields every builder sets. They are written out in each event literal rather
  // than spread from a shared object: spreading was the generator's largest single cost.
  const precision = (): 'exact' | 'hour' | 'day' => (dice.chance(0.8) ? 'exact' : dice.chance(0.7) ? 'hour' : 'day');
  const verification = (): Verification => dice.pick(VERIFICATIONS);
  const locationIn = (sim: TheatreSim): Location => {
    if (dice.chance(0.15)) return { ...sim.centre };
    const place = dice.pick(sim.places);
    return { name: place.name, country: sim.country, lat: place.lat, lon: place.lon, precision: 'city' };
  };

  const protest = (sim: TheatreSim): InputOf<'protest.escalated'> => {
    const roll = dice.float();
    const previous = sim.stage;
    // Slightly more likely up than down, so theatres heat up but do come back down.
    if (roll < 0.4 && sim.stage < 3) sim.stage++;
    else if (roll > 0.7 && sim.stage > 0) sim.stage--;
    if (sim.stage !== previous) sim.lastStageChange = sim.stage - previous;
    // Deaths only once a protest turns violent; arrests from the first police intervention.
    if (sim.stage >= 2) {
      sim.trueKilled += dice.int(0, sim.stage - 1);
      sim.trueInjured += dice.int(0, sim.stage * 5);
    }
    sim.trueDetained += dice.int(0, sim.stage * 10);
    const stage = STAGES[sim.stage] ?? 'peaceful';
    const crowd = dice.int(100, 2000) * (sim.stage + 1);
    const trigger = dice.pick(TRIGGERS);
    const source = dice.pick(REPORTERS);
    const data: DataOf<'protest.escalated'> = {
      stage,
      crowdSize: { low: Math.floor(crowd * 0.6), best: crowd, high: Math.ceil(crowd * 1.5) },
      trigger,
      demands: [dice.pick(DEMANDS)],
      stateResponse: STATE_RESPONSES[Math.min(STATE_RESPONSES.length - 1, sim.stage + dice.int(0, 2))] ?? STATE_RESPONSES[0],
    };
    return {
      id: dice.uuid(),
      type: 'protest.escalated',
      theatre: sim.id,
      occurredAt: now,
      timePrecision: precision(),
      location: locationIn(sim),
      actors: [{ name: 'Protesters', role: 'actor', country: sim.country, kind: 'protesters' }],
      sources: [cite(source)],
      verification: verification(),
      summary: `Protest over ${trigger} is now ${STAGE_WORDS[sim.stage] ?? stage} (${source.name}).`,
      data,
    };
  };

  const casualties = (sim: TheatreSim): InputOf<'casualties.reported'> => {
    // Reports also surface deaths found later, such as the injured who died in hospital.
    if (dice.chance(0.3)) sim.trueKilled += dice.int(0, sim.stage);
    sim.trueInjured += dice.int(0, sim.stage * 3 + 1);
    const earlier = sim.casualtyReports.length > 0 && dice.chance(0.06) ? dice.pick(nonEmpty(sim.casualtyReports)) : undefined;
    const profile = earlier?.profile ?? dice.pick(SOURCES);
    // At least one death so that every claim has something to say about the toll.
    const killedTruth = Math.max(1, sim.trueKilled);
    // A correction is a source pinning down its own figure, so never vaguer than before.
    const wording = !earlier && dice.chance(profile.vagueness) ? wordingOf(Math.round(killedTruth * profile.bias)) : undefined;
    const killed = wording ? wording.range : claimOf(dice, killedTruth, profile);
    const data: DataOf<'casualties.reported'> = {
      killed,
      group: earlier?.group ?? dice.pick(CASUALTY_GROUPS),
      cumulative: dice.chance(0.75),
    };
    if (sim.trueInjured > 0 && dice.chance(0.7)) data.injured = claimOf(dice, sim.trueInjured, profile);
    if (sim.trueDetained > 0 && dice.chance(0.3)) data.detained = claimOf(dice, sim.trueDetained, profile);
    if (!data.cumulative) data.period = { from: isoOf(nowMs - DAY_MS), to: now };
    if (wording) data.sourceWording = wording.wording;
    const event: InputOf<'casualties.reported'> = {
      id: dice.uuid(),
      type: 'casualties.reported',
      theatre: sim.id,
      occurredAt: now,
      timePrecision: precision(),
      location: locationIn(sim),
      actors: [{ name: 'Security forces', role: 'actor', country: sim.country, kind: 'security_forces' }],
      sources: citing(profile.source, dice.chance(0.2) ? dice.pick(REPORTERS) : undefined),
      verification: verification(),
      summary: earlier
        ? `${profile.source.name} corrects its casualty figures.`
        : `${profile.source.name}: ${wording ? wording.wording : figureOf(killed)} killed.`,
      data,
    };
    if (earlier) event.supersedes = earlier.id;
    remember(sim.casualtyReports, { id: event.id, profile, group: data.group });
    return event;
  };

  const troops = (sim: TheatreSim): InputOf<'troops.deployed'> => {
    let deployment = sim.deployments.length > 0 && dice.chance(0.65) ? dice.pick(nonEmpty(sim.deployments)) : undefined;
    if (deployment) {
      deployment.phase++;
      if (deployment.phase >= PHASES.length - 1) sim.deployments.splice(sim.deployments.indexOf(deployment), 1);
    } else {
      const best = dice.int(5, 200) * 100;
      deployment = {
        force: dice.pick(FORCES),
        contributor: dice.chance(0.5) ? sim.country : dice.pick(POWERS),
        unitKind: dice.pick(UNIT_KINDS),
        troops: dice.chance(0.7) ? { low: Math.floor(best * 0.8), best, high: Math.ceil(best * 1.3) } : { best },
        requestedBy: dice.chance(0.6) ? sim.country : undefined,
        phase: 0,
      };
      if (sim.deployments.length >= 3) sim.deployments.shift();
      sim.deployments.push(deployment);
    }
    const phase = PHASES[deployment.phase] ?? 'withdrawn';
    const data: DataOf<'troops.deployed'> = {
      force: deployment.force,
      contributor: deployment.contributor,
      unitKind: deployment.unitKind,
      troops: { ...deployment.troops },
      mission: 'restore order',
      phase,
    };
    if (deployment.requestedBy) data.requestedBy = deployment.requestedBy;
    return {
      id: dice.uuid(),
      type: 'troops.deployed',
      theatre: sim.id,
      occurredAt: now,
      timePrecision: precision(),
      location: locationIn(sim),
      actors: [{ name: deployment.force, role: 'actor', country: deployment.contributor, kind: 'military' }],
      sources: [cite(dice.pick(REPORTERS))],
      verification: verification(),
      summary: `${deployment.force} (${deployment.contributor}) ${phase}.`,
      data,
    };
  };

  const statement = (sim: TheatreSim): InputOf<'diplomacy.statement'> => {
    const country = dice.chance(0.3) ? sim.country : dice.pick(POWERS);
    const role = dice.pick(SPEAKER_ROLES);
    const speaker = `${role} of ${country}`;
    const stance = dice.pick(STANCES);
    const target = dice.chance(0.5) ? sim.country : dice.pick(POWERS);
    const data: DataOf<'diplomacy.statement'> = { speaker, speakerRole: role, country, target, stance, quote: dice.pick(STATEMENT_LINES) };
    if (sim.statements.length > 0 && dice.chance(0.4)) data.respondsTo = dice.pick(nonEmpty(sim.statements));
    const id = dice.uuid();
    remember(sim.statements, id);
    return {
      id,
      type: 'diplomacy.statement',
      theatre: sim.id,
      occurredAt: now,
      timePrecision: precision(),
      // Statements are often made far from the theatre, and the reports do not always say where.
      ...(dice.chance(0.5) ? { location: locationIn(sim) } : {}),
      actors: [{ name: speaker, role: 'actor', country, kind: 'official' }],
      sources: [{ name: `Government of ${country}`, kind: 'official', reliability: 'B', credibility: 1 }],
      verification: verification(),
      summary: `${speaker} is ${stance} towards ${target}${data.respondsTo ? ', answering an earlier statement' : ''}.`,
      data,
    };
  };

  const meeting = (sim: TheatreSim): InputOf<'diplomacy.meeting'> => {
    const first = dice.pick(POWERS);
    let second = dice.pick(POWERS);
    if (second === first) second = sim.country;
    const format = dice.pick(MEETING_FORMATS);
    const outcome = dice.pick(MEETING_OUTCOMES);
    const topic = dice.pick(MEETING_TOPICS);
    const data: DataOf<'diplomacy.meeting'> = {
      participants: [
        { name: `Envoy of ${first}`, role: 'Deputy Foreign Minister', country: first },
        { name: `Envoy of ${second}`, role: 'Deputy Foreign Minister', country: second },
      ],
      format,
      durationMinutes: dice.int(3, 60) * 10,
      topics: [topic],
      outcome,
    };
    if (format !== 'call') data.venue = dice.pick(VENUES);
    return {
      id: dice.uuid(),
      type: 'diplomacy.meeting',
      theatre: sim.id,
      occurredAt: now,
      timePrecision: precision(),
      location: locationIn(sim),
      actors: [
        { name: `Delegation of ${first}`, role: 'actor', country: first, kind: 'government' },
        { name: `Delegation of ${second}`, role: 'actor', country: second, kind: 'government' },
      ],
      sources: [cite(dice.pick(REPORTERS))],
      verification: verification(),
      summary: `${first}–${second} ${format} on ${topic}: ${outcome}.`,
      data,
    };
  };

  const assessment = (sim: TheatreSim): InputOf<'situation.assessed'> => {
    const verdict =
      sim.stage === 0 && sim.lastStageChange < 0
        ? 'restored'
        : sim.lastStageChange > 0
          ? 'deteriorating'
          : sim.lastStageChange < 0
            ? 'improving'
            : 'stable';
    const assessor = dice.pick(ASSESSORS);
    const summary = `${assessor}: the situation in ${sim.name} is ${verdict}.`;
    return {
      id: dice.uuid(),
      type: 'situation.assessed',
      theatre: sim.id,
      occurredAt: now,
      timePrecision: precision(),
      location: { ...sim.centre },
      actors: [{ name: assessor, role: 'actor', kind: 'organisation' }],
      sources: [cite(dice.pick(REPORTERS))],
      verification: verification(),
      summary,
      data: { assessor, assessment: verdict, summary },
    };
  };

  const next = (): CrisisEventInput => {
    nowMs = startMs + Math.floor(index * msPerEvent);
    now = isoOf(nowMs);
    index++;
    const sim = dice.pick(sims);
    const roll = dice.float();
    if (roll < 0.24) return protest(sim);
    if (roll < 0.48) return casualties(sim);
    if (roll < 0.64) return troops(sim);
    if (roll < 0.8) return statement(sim);
    if (roll < 0.88) return meeting(sim);
    return assessment(sim);
  };

  return {
    theatreIds: sims.map((sim) => sim.id),
    next,
    take: (n) => {
      const events = new Array<CrisisEventInput>(n);
      for (let i = 0; i < n; i++) events[i] = next();
      return events;
    },
  };
};
