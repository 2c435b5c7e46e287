import type { CrisisEvent } from '@watchfloor/events';
import { initialAssessments, recordAssessment, reconsiderAssessment, type AssessmentAccumulator, type AssessmentState } from './assessments';
import { initialCasualties, recordCasualties, reconsiderCasualties, type CasualtyAccumulator, type CasualtyState } from './casualties';
import {
  initialDeployments,
  recordDeployment,
  reconsiderDeployment,
  type DeploymentsAccumulator,
  type DeploymentState,
} from './deployments';
import { initialDiplomacy, recordMeeting, recordStatement, type DiplomacyAccumulator, type DiplomacyState } from './diplomacy';
import { compareFacts, createInterner, factOf, insertInOrder, type EventFact } from './facts';
import { initialProtests, recordProtest, reconsiderProtest, type ProtestAccumulator, type ProtestState } from './protests';

/**
 * The crisis state of one theatre, and how events evolve it.
 *
 * Three promises hold for any set of events, whatever order they arrive in:
 * - idempotent: an id already applied changes nothing (redelivery is normal on Kafka);
 * - order-free: every history is kept in time order (occurredAt, then recordedAt, then id) and
 *   everything else is derived from the histories, so a late report lands in its place and the
 *   final state is the same for every arrival order;
 * - corrections keep history: an event that `supersedes` another, or is `retracted`, stays in
 *   every history; the superseded or retracted one just stops counting.
 *
 * Why a mutable accumulator under a pure API: the projection folds a million events and must
 * keep up with a consumer that only parses JSON, so applying an event must cost about as little
 * as parsing it. Copying the state per event is out (the set of applied ids alone is as large as
 * the log); a persistent-collection library would be a dependency for one hot loop. So
 * `createProjector` owns a state and updates it in place, at O(1) per event in the usual
 * in-order case, and only its owner ever sees that state change. Everything else is pure:
 * `evolve` never touches its input (it rebuilds a projector from the input's facts, O(n), meant
 * for tests and small folds), and `foldEvents`/`stateAsOf` return states nobody mutates later.
 */
export interface TheatreState {
  readonly theatre: string;
  /** The facts of every applied event, in time order: the state is a function of these alone. */
  readonly timeline: readonly EventFact[];
  /** Applied events by id: the idempotency set. */
  readonly applied: ReadonlyMap<string, EventFact>;
  /**
   * Superseded id → the id of the event superseding it (the latest one, if several do). Kept
   * even while the superseded event has not arrived, so that it arrives already superseded.
   */
  readonly supersededBy: ReadonlyMap<string, string>;
  readonly protests: ProtestState;
  /** By force and contributing country (`deploymentKey`). */
  readonly deployments: ReadonlyMap<string, DeploymentState>;
  readonly casualties: CasualtyState;
  readonly diplomacy: DiplomacyState;
  readonly assessments: AssessmentState;
  /** Latest occurredAt and recordedAt of any applied event, epoch ms. */
  readonly lastOccurredAt: number | undefined;
  readonly lastRecordedAt: number | undefined;
}

interface TheatreAccumulator extends TheatreState {
  timeline: EventFact[];
  applied: Map<string, EventFact>;
  supersededBy: Map<string, string>;
  protests: ProtestAccumulator;
  deployments: DeploymentsAccumulator;
  casualties: CasualtyAccumulator;
  diplomacy: DiplomacyAccumulator;
  assessments: AssessmentAccumulator;
  lastOccurredAt: number | undefined;
  lastRecordedAt: number | undefined;
}

const emptyAccumulator = (theatre: string): TheatreAccumulator => ({
  theatre,
  timeline: [],
  applied: new Map(),
  supersededBy: new Map(),
  protests: initialProtests(),
  deployments: initialDeployments(),
  casualties: initialCasualties(),
  diplomacy: initialDiplomacy(),
  assessments: initialAssessments(),
  lastOccurredAt: undefined,
  lastRecordedAt: undefined,
});

export const initialState = (theatre: string): TheatreState => emptyAccumulator(theatre);

const record = (state: TheatreAccumulator, fact: EventFact): void => {
  switch (fact.type) {
    case 'protest.escalated':
      return recordProtest(state.protests, fact, state.supersededBy);
    case 'troops.deployed':
      return recordDeployment(state.deployments, fact, state.supersededBy);
    case 'casualties.reported':
      return recordCasualties(state.casualties, fact, state.supersededBy);
    case 'diplomacy.meeting':
      return recordMeeting(state.diplomacy, fact);
    case 'diplomacy.statement':
      return recordStatement(state.diplomacy, fact);
    case 'situation.assessed':
      return recordAssessment(state.assessments, fact, state.supersededBy);
    default: {
      const unhandled: never = fact;
      return unhandled;
    }
  }
};

/** `fact` has just stopped counting: whatever was derived from it is derived again without it. */
const reconsider = (state: TheatreAccumulator, fact: EventFact): void => {
  switch (fact.type) {
    case 'protest.escalated':
      return reconsiderProtest(state.protests, fact, state.supersededBy);
    case 'troops.deployed':
      return reconsiderDeployment(state.deployments, fact, state.supersededBy);
    case 'casualties.reported':
      return reconsiderCasualties(state.casualties, fact, state.supersededBy);
    case 'diplomacy.meeting':
    case 'diplomacy.statement':
      // Nothing is derived from them in the state; views and the index ask `isEffective`.
      return;
    case 'situation.assessed':
      return reconsiderAssessment(state.assessments, state.supersededBy);
    default: {
      const unhandled: never = fact;
      return unhandled;
    }
  }
};

const applyFact = (state: TheatreAccumulator, fact: EventFact): void => {
  state.applied.set(fact.id, fact);
  insertInOrder(state.timeline, fact);
  if (state.lastOccurredAt === undefined || fact.occurredAt > state.lastOccurredAt) state.lastOccurredAt = fact.occurredAt;
  if (state.lastRecordedAt === undefined || fact.recordedAt > state.lastRecordedAt) state.lastRecordedAt = fact.recordedAt;
  const target = fact.supersedes;
  if (target !== undefined && target !== fact.id) {
    const previous = state.supersededBy.get(target);
    const previousFact = previous === undefined ? undefined : state.applied.get(previous);
    if (previousFact === undefined || compareFacts(previousFact, fact) < 0) state.supersededBy.set(target, fact.id);
    const superseded = state.applied.get(target);
    // Only the first correction changes what counts; the superseded event's own history stays.
    if (previous === undefined && superseded !== undefined && superseded.verification !== 'retracted') reconsider(state, superseded);
  }
  record(state, fact);
};

const rebuild = (start: TheatreState, keep: (fact: EventFact) => boolean = () => true): TheatreAccumulator => {
  const state = emptyAccumulator(start.theatre);
  // In time order, so every fact takes the in-order fast path.
  for (const fact of start.timeline) if (keep(fact)) applyFact(state, fact);
  return state;
};

const accumulatorFromFacts = (theatre: string, facts: Iterable<EventFact>): TheatreAccumulator => {
  const state = emptyAccumulator(theatre);
  for (const fact of facts) if (!state.applied.has(fact.id)) applyFact(state, fact);
  return state;
};

/** @internal Rebuilds a state from facts in any order (deserialisation). */
export const stateFromFacts = (theatre: string, facts: Iterable<EventFact>): TheatreState => accumulatorFromFacts(theatre, facts);

export type ApplyOutcome = 'applied' | 'duplicate' | 'other-theatre';

/** Folds events into a state it owns; the fast path of the projection. */
export interface TheatreProjector {
  readonly theatre: string;
  /**
   * The live state. It is the projector's own and changes with every `apply`: keep a copy
   * (`serialiseState`, or `stateAsOf` with no events) if you need the state of a moment.
   */
  readonly state: TheatreState;
  /** Applies one event; says whether it was new, a redelivery, or another theatre's. */
  apply(event: CrisisEvent): ApplyOutcome;
}

/** A projector folding into `state`, which becomes its own. */
const projectorOver = (state: TheatreAccumulator): TheatreProjector => {
  const intern = createInterner();
  return {
    theatre: state.theatre,
    state,
    apply(event: CrisisEvent): ApplyOutcome {
      if (event.theatre !== state.theatre) return 'other-theatre';
      if (state.applied.has(event.id)) return 'duplicate';
      applyFact(state, factOf(event, intern));
      return 'applied';
    },
  };
};

/** A projector starting empty for `start` (a theatre id) or from a copy of `start` (a state). */
export const createProjector = (start: TheatreState | string): TheatreProjector =>
  projectorOver(typeof start === 'string' ? emptyAccumulator(start) : rebuild(start));

/** @internal A projector over a state built from facts (restoring a snapshot), without copying it. */
export const projectorFromFacts = (theatre: string, facts: Iterable<EventFact>): TheatreProjector => projectorOver(accumulatorFromFacts(theatre, facts));

/**
 * The state after `event`. Pure: `state` is not touched, and a redelivered or other theatre's
 * event returns `state` itself. O(size of state) per call: fold many events with
 * `foldEvents` or a projector.
 */
export const evolve = (state: TheatreState, event: CrisisEvent): TheatreState => {
  if (event.theatre !== state.theatre || state.applied.has(event.id)) return state;
  const projector = createProjector(state);
  projector.apply(event);
  return projector.state;
};

/** Folds events (of `start`'s theatre; others are skipped) onto an empty theatre or a copy of a state. */
export const foldEvents = (events: Iterable<CrisisEvent>, start: TheatreState | string): TheatreState => {
  const projector = createProjector(start);
  for (const event of events) projector.apply(event);
  return projector.state;
};

/** The two clocks: when it happened in the world, or when Watchfloor recorded it. */
export type TimeBasis = 'occurred' | 'recorded';

/**
 * The state as of `at`:
 * - basis 'occurred': what had happened by `at`, as far as is known now (events with occurredAt ≤ at);
 * - basis 'recorded': what was known at `at` (events with recordedAt ≤ at).
 *
 * A fold over the events that pass the clock, on top of `start`: a theatre id, or a state whose
 * facts are filtered by the same clock. So the live state alone answers both questions
 * (`stateAsOf([], at, basis, live)`), and a snapshot plus the log after it does too. `events`
 * need not be sorted; other theatres' events are skipped.
 */
export const stateAsOf = (
  events: Iterable<CrisisEvent>,
  at: Date,
  basis: TimeBasis,
  start: TheatreState | string,
): TheatreState => {
  const limit = at.getTime();
  const passes =
    basis === 'occurred' ? (fact: EventFact) => fact.occurredAt <= limit : (fact: EventFact) => fact.recordedAt <= limit;
  const state = typeof start === 'string' ? emptyAccumulator(start) : rebuild(start, passes);
  const intern = createInterner();
  for (const event of events) {
    if (event.theatre !== state.theatre || state.applied.has(event.id)) continue;
    const fact = factOf(event, intern);
    if (passes(fact)) applyFact(state, fact);
  }
  return state;
};
