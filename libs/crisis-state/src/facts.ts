import type {
  Assessment,
  CasualtyGroup,
  CountRange,
  CrisisEvent,
  DeploymentPhase,
  MeetingOutcome,
  ProtestStage,
  Reliability,
  Stance,
  Verification,
} from '@watchfloor/events';

/**
 * The small facts the state keeps of each event. Event bodies are not kept: a theatre may see
 * hundreds of thousands of events, and summaries (up to 2,000 characters), actors and URLs are
 * served from the log, not from the projection. Times are epoch milliseconds so that ordering
 * is a number comparison on the hot path.
 *
 * The state is a pure function of the set of facts (see `theatre-state.ts`), which is why a
 * snapshot only needs to carry them.
 */
interface FactEnvelope {
  readonly id: string;
  readonly occurredAt: number;
  readonly recordedAt: number;
  readonly verification: Verification;
  readonly supersedes?: string;
  /**
   * The originator: `sources[0]`. Further sources are taken to relay it (an agency carrying a
   * ministry's figure), so claims are attributed to, and rated by, the first one.
   */
  readonly source: string;
  readonly reliability: Reliability;
  readonly credibility: number;
  readonly place?: string;
  readonly country?: string;
}

export interface ProtestFact extends FactEnvelope {
  readonly type: 'protest.escalated';
  readonly stage: ProtestStage;
}

export interface DeploymentFact extends FactEnvelope {
  readonly type: 'troops.deployed';
  readonly force: string;
  readonly contributor?: string;
  readonly phase: DeploymentPhase;
  readonly unitKind?: string;
  readonly troops?: CountRange;
  readonly requestedBy?: string;
  readonly mission?: string;
}

export interface CasualtyFact extends FactEnvelope {
  readonly type: 'casualties.reported';
  readonly group: CasualtyGroup;
  readonly cumulative: boolean;
  /** As the source stated them: only the parts it gave. */
  readonly killed?: CountRange;
  readonly injured?: CountRange;
  readonly detained?: CountRange;
  readonly wording?: string;
}

export interface MeetingFact extends FactEnvelope {
  readonly type: 'diplomacy.meeting';
  readonly format: 'talks' | 'call' | 'summit';
  readonly outcome: MeetingOutcome;
  /** Participants' countries, in the order first named, without repeats. */
  readonly parties: readonly string[];
  readonly venue?: string;
}

export interface StatementFact extends FactEnvelope {
  readonly type: 'diplomacy.statement';
  readonly speaker: string;
  readonly speakerCountry: string;
  readonly target?: string;
  readonly stance: Stance;
  /** Cut to QUOTE_LIMIT characters: enough to recognise it; the log has the whole quote. */
  readonly quote?: string;
  readonly respondsTo?: string;
}

export interface AssessmentFact extends FactEnvelope {
  readonly type: 'situation.assessed';
  readonly assessor: string;
  readonly assessment: Assessment;
  /** Cut to QUOTE_LIMIT characters, for the same reason as a statement's quote. */
  readonly summary: string;
}

export type EventFact = ProtestFact | DeploymentFact | CasualtyFact | MeetingFact | StatementFact | AssessmentFact;

/** Longest quote or assessment summary kept in the state. */
export const QUOTE_LIMIT = 280;

const clip = (text: string): string => (text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT - 1)}…` : text);

/** The digit at `at`, or NaN if it is not one. */
const digit = (text: string, at: number): number => {
  const value = text.charCodeAt(at) - 48;
  return value >= 0 && value <= 9 ? value : Number.NaN;
};

/** Milliseconds into the day of "…THH:MM:SS.sssZ", or NaN if it is not exactly that. */
const timeOfDayMs = (iso: string): number => {
  if (iso.charCodeAt(13) !== 58 || iso.charCodeAt(16) !== 58) return Number.NaN;
  const hours = digit(iso, 11) * 10 + digit(iso, 12);
  const minutes = digit(iso, 14) * 10 + digit(iso, 15);
  const seconds = digit(iso, 17) * 10 + digit(iso, 18);
  if (!(hours < 24 && minutes < 60 && seconds < 60)) return Number.NaN;
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + digit(iso, 20) * 100 + digit(iso, 21) * 10 + digit(iso, 22);
};

// The day (YYYYMMDD) of the last instant read the fast way, and its epoch ms: consecutive events
// nearly always share it.
let cachedDay = Number.NaN;
let cachedDayMs = 0;

/**
 * Epoch ms of an ISO instant. The server writes recordedAt with toISOString
 * ("2022-01-06T08:00:00.000Z"), and most producers write occurredAt the same way; those are read
 * digit by digit with the day cached, at a tenth of the cost of Date.parse. Anything else (an
 * offset, no milliseconds) goes to Date.parse.
 */
const instant = (iso: string, field: string, id: string): number => {
  if (iso.length === 24 && iso.charCodeAt(4) === 45 && iso.charCodeAt(7) === 45 && iso.charCodeAt(10) === 84 && iso.charCodeAt(19) === 46 && iso.charCodeAt(23) === 90) {
    const day =
      ((digit(iso, 0) * 10 + digit(iso, 1)) * 100 + digit(iso, 2) * 10 + digit(iso, 3)) * 10_000 +
      (digit(iso, 5) * 10 + digit(iso, 6)) * 100 +
      digit(iso, 8) * 10 +
      digit(iso, 9);
    const inDay = timeOfDayMs(iso);
    if (day === cachedDay && !Number.isNaN(inDay)) return cachedDayMs + inDay;
    if (!Number.isNaN(day) && !Number.isNaN(inDay)) {
      // Date.parse judges the calendar (no 30 February), exactly as it would the whole instant.
      const dayMs = Date.parse(iso.slice(0, 10));
      if (!Number.isNaN(dayMs)) {
        cachedDay = day;
        cachedDayMs = dayMs;
        return dayMs + inDay;
      }
    }
  }
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`event ${id}: ${field} "${iso}" is not a date`);
  return ms;
};

/** Returns the one copy of an equal string it has seen (see `createInterner`). */
export type Intern = (text: string) => string;

/**
 * Names repeat: a theatre has a few dozen sources, places and speakers, but every parsed event
 * brings its own copies of them. Keeping one copy each keeps the state small, and what is left
 * of each event dies young, which is what makes the garbage collector cheap on a long fold.
 */
export const createInterner = (): Intern => {
  const seen = new Map<string, string>();
  // The last string seen of each length (mod 64): most lookups end here, with one comparison of
  // two equal-length strings instead of hashing a fresh one.
  const recent = new Array<string>(64).fill('');
  return (text) => {
    const slot = text.length & 63;
    if (recent[slot] === text) return recent[slot];
    let known = seen.get(text);
    if (known === undefined) {
      seen.set(text, text);
      known = text;
    }
    recent[slot] = known;
    return known;
  };
};

const asIs: Intern = (text) => text;
const internOptional = (intern: Intern, text: string | undefined): string | undefined => (text === undefined ? undefined : intern(text));

/**
 * The facts of one event. Total over the event types: a new type will not compile until handled.
 * Each fact is one object literal with every field (no spreading an envelope into it): on the
 * hot path that is five times cheaper, and all facts of a type share one shape.
 */
export const factOf = (event: CrisisEvent, intern: Intern = asIs): EventFact => {
  const id = event.id;
  const occurredAt = instant(event.occurredAt, 'occurredAt', id);
  const recordedAt = instant(event.recordedAt, 'recordedAt', id);
  const verification = event.verification;
  const supersedes = event.supersedes;
  const origin = event.sources[0];
  const source = origin === undefined ? 'unknown source' : intern(origin.name);
  const reliability = origin?.reliability ?? 'F';
  const credibility = origin?.credibility ?? 6;
  const place = internOptional(intern, event.location?.name);
  const country = event.location?.country;
  switch (event.type) {
    case 'protest.escalated':
      return {
        type: 'protest.escalated',
        id, occurredAt, recordedAt, verification, supersedes, source, reliability, credibility, place, country,
        stage: event.data.stage,
      };
    case 'troops.deployed': {
      const d = event.data;
      return {
        type: 'troops.deployed',
        id, occurredAt, recordedAt, verification, supersedes, source, reliability, credibility, place, country,
        force: intern(d.force),
        contributor: d.contributor,
        phase: d.phase,
        unitKind: internOptional(intern, d.unitKind),
        troops: d.troops,
        requestedBy: d.requestedBy,
        mission: internOptional(intern, d.mission),
      };
    }
    case 'casualties.reported': {
      const d = event.data;
      return {
        type: 'casualties.reported',
        id, occurredAt, recordedAt, verification, supersedes, source, reliability, credibility, place, country,
        group: d.group,
        cumulative: d.cumulative,
        killed: d.killed,
        injured: d.injured,
        detained: d.detained,
        wording: internOptional(intern, d.sourceWording),
      };
    }
    case 'diplomacy.meeting': {
      const d = event.data;
      return {
        type: 'diplomacy.meeting',
        id, occurredAt, recordedAt, verification, supersedes, source, reliability, credibility, place, country,
        format: d.format,
        outcome: d.outcome,
        parties: [...new Set(d.participants.map((p) => p.country))],
        venue: internOptional(intern, d.venue),
      };
    }
    case 'diplomacy.statement': {
      const d = event.data;
      return {
        type: 'diplomacy.statement',
        id, occurredAt, recordedAt, verification, supersedes, source, reliability, credibility, place, country,
        speaker: intern(d.speaker),
        speakerCountry: d.country,
        target: internOptional(intern, d.target),
        stance: d.stance,
        quote: d.quote === undefined ? undefined : clip(d.quote),
        respondsTo: d.respondsTo,
      };
    }
    case 'situation.assessed': {
      const d = event.data;
      return {
        type: 'situation.assessed',
        id, occurredAt, recordedAt, verification, supersedes, source, reliability, credibility, place, country,
        assessor: intern(d.assessor),
        assessment: d.assessment,
        summary: clip(d.summary),
      };
    }
    default: {
      const unhandled: never = event;
      throw new Error(`unknown event type in ${JSON.stringify(unhandled)}`);
    }
  }
};

/**
 * The order of the theatre's history: when it happened, then when it was recorded, then id.
 * A total order over distinct events, so a history built from any arrival order is the same.
 */
export const compareFacts = (a: EventFact, b: EventFact): number =>
  a.occurredAt - b.occurredAt || a.recordedAt - b.recordedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Puts a fact into a history kept in `compareFacts` order. Returns true when it went on the end,
 * the usual case (reports arrive roughly in order), which lets callers update incrementally
 * instead of recomputing from the history.
 */
export const insertInOrder = <F extends EventFact>(history: F[], fact: F): boolean => {
  const last = history[history.length - 1];
  if (last === undefined || compareFacts(last, fact) < 0) {
    history.push(fact);
    return true;
  }
  let low = 0;
  let high = history.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const probe = history[middle];
    if (probe !== undefined && compareFacts(probe, fact) < 0) low = middle + 1;
    else high = middle;
  }
  history.splice(low, 0, fact);
  return false;
};

/**
 * Whether a fact still has its effect. A retracted event, or one that a later event
 * supersedes, stays in every history but no longer counts.
 */
export const isEffective = (fact: EventFact, supersededBy: ReadonlyMap<string, string>): boolean =>
  fact.verification !== 'retracted' && !supersededBy.has(fact.id);

/** The latest fact of a history that still counts and passes `filter`. */
export const latestEffective = <F extends EventFact>(
  history: readonly F[],
  supersededBy: ReadonlyMap<string, string>,
  filter: (fact: F) => boolean = () => true,
): F | undefined => {
  for (let i = history.length - 1; i >= 0; i -= 1) {
    const fact = history[i];
    if (fact !== undefined && isEffective(fact, supersededBy) && filter(fact)) return fact;
  }
  return undefined;
};

/**
 * Where a fact happened, as a key: the place name, or '' for reports without a location. Names
 * are taken to be unique within a theatre (the country is kept in the fact, not in the key).
 */
export const placeKey = (fact: EventFact): string => fact.place ?? '';

const figure = (range: CountRange): string =>
  range.best !== undefined ? String(range.best) : `${range.low ?? '?'}–${range.high ?? '?'}`;

/** One line saying what a fact reports, for explanations (the escalation index's contributions). */
export const describeFact = (fact: EventFact): string => {
  switch (fact.type) {
    case 'protest.escalated':
      return `protest ${fact.stage.replace('_', ' ')}${fact.place ? ` in ${fact.place}` : ''}`;
    case 'troops.deployed':
      return `${fact.force}${fact.contributor ? ` (${fact.contributor})` : ''}${fact.unitKind ? ` ${fact.unitKind}` : ''} ${fact.phase}`;
    case 'casualties.reported': {
      const parts = (['killed', 'injured', 'detained'] as const).flatMap((measure) => {
        const range = fact[measure];
        return range ? [`${figure(range)} ${measure}`] : [];
      });
      const wording = fact.wording !== undefined && fact.wording.length <= 40 ? ` ("${fact.wording}")` : '';
      return `${fact.source}: ${parts.join(', ')}${wording}, ${fact.group.replace('_', ' ')}`;
    }
    case 'diplomacy.meeting':
      return `${fact.format} ${fact.parties.join('–')}${fact.venue ? ` in ${fact.venue}` : ''}: ${fact.outcome}`;
    case 'diplomacy.statement':
      return `${fact.speaker} (${fact.speakerCountry}) ${fact.stance}${fact.target ? ` towards ${fact.target}` : ''}`;
    case 'situation.assessed':
      return `${fact.assessor}: ${fact.assessment}`;
    default: {
      const unhandled: never = fact;
      return String(unhandled);
    }
  }
};
