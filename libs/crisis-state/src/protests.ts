import { PROTEST_STAGES, type ProtestStage } from '@watchfloor/events';
import { compareFacts, insertInOrder, isEffective, latestEffective, placeKey, type ProtestFact } from './facts';

/**
 * Protests: the stage each place is at, and the theatre's stage.
 *
 * A place is at the stage of its latest report that still counts, so a later, calmer report
 * ("peaceful" again) brings it down. The theatre is at the most severe stage of its places, not at
 * the stage of the latest report anywhere: a quiet town reporting after a riot in the capital does
 * not make the theatre quiet. A place stays at its stage until a later report says otherwise;
 * the decay of old unrest is the escalation index's job, which is a function of time.
 *
 * Like every concern, these functions update the projector's accumulator in place (see
 * `theatre-state.ts` for why); the public API on top of them is pure.
 */
export interface ProtestState {
  /** Every protest report, retracted and superseded ones included, in time order. */
  readonly history: readonly ProtestFact[];
  /** The latest report that still counts, per place (`placeKey`: '' is theatre-wide). */
  readonly byPlace: ReadonlyMap<string, ProtestFact>;
  /** The most severe stage across places; undefined before any protest. */
  readonly stage: ProtestStage | undefined;
}

export interface ProtestAccumulator extends ProtestState {
  history: ProtestFact[];
  byPlace: Map<string, ProtestFact>;
  stage: ProtestStage | undefined;
}

export const initialProtests = (): ProtestAccumulator => ({ history: [], byPlace: new Map(), stage: undefined });

/** 0 for peaceful … 3 for riot: the contract lists the stages in order of severity. */
export const severityOf = (stage: ProtestStage): number => PROTEST_STAGES.indexOf(stage);

const mostSevere = (byPlace: ReadonlyMap<string, ProtestFact>): ProtestStage | undefined => {
  let stage: ProtestStage | undefined;
  for (const report of byPlace.values()) {
    if (stage === undefined || severityOf(report.stage) > severityOf(stage)) stage = report.stage;
  }
  return stage;
};

const setPlace = (protests: ProtestAccumulator, key: string, fact: ProtestFact): void => {
  const previous = protests.byPlace.get(key);
  protests.byPlace.set(key, fact);
  if (protests.stage === undefined || severityOf(fact.stage) >= severityOf(protests.stage)) protests.stage = fact.stage;
  // The place calmed down; the theatre only does if that place was the most severe one.
  else if (previous !== undefined && previous.stage === protests.stage) protests.stage = mostSevere(protests.byPlace);
};

export const recordProtest = (protests: ProtestAccumulator, fact: ProtestFact, supersededBy: ReadonlyMap<string, string>): void => {
  insertInOrder(protests.history, fact);
  if (!isEffective(fact, supersededBy)) return;
  const key = placeKey(fact);
  const current = protests.byPlace.get(key);
  // A late report older than the place's latest changes nothing but the history.
  if (current === undefined || compareFacts(current, fact) < 0) setPlace(protests, key, fact);
};

/** After `fact` stopped counting (superseded): its place falls back to its previous report. */
export const reconsiderProtest = (protests: ProtestAccumulator, fact: ProtestFact, supersededBy: ReadonlyMap<string, string>): void => {
  const key = placeKey(fact);
  const latest = latestEffective(protests.history, supersededBy, (report) => placeKey(report) === key);
  if (latest !== undefined) protests.byPlace.set(key, latest);
  else protests.byPlace.delete(key);
  protests.stage = mostSevere(protests.byPlace);
};
