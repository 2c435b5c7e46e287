import { insertInOrder, type MeetingFact, type StatementFact } from './facts';

/**
 * Diplomacy: meetings and statements in time order, and who answered whom.
 *
 * A statement knows what it answers (`respondsTo`) and, through `responses`, what answered it.
 * The link is kept by id whether or not the answered event has arrived yet, so a reply that
 * arrives before the statement it answers is linked all the same. Retracted or superseded
 * statements stay in place (the thread would not make sense without them); views mark them.
 */
export interface DiplomacyState {
  readonly meetings: readonly MeetingFact[];
  readonly statements: readonly StatementFact[];
  /** For each event answered by statements: the answering statements, in time order. */
  readonly responses: ReadonlyMap<string, readonly StatementFact[]>;
}

export interface DiplomacyAccumulator extends DiplomacyState {
  meetings: MeetingFact[];
  statements: StatementFact[];
  responses: Map<string, StatementFact[]>;
}

export const initialDiplomacy = (): DiplomacyAccumulator => ({ meetings: [], statements: [], responses: new Map() });

export const recordMeeting = (diplomacy: DiplomacyAccumulator, fact: MeetingFact): void => {
  insertInOrder(diplomacy.meetings, fact);
};

export const recordStatement = (diplomacy: DiplomacyAccumulator, fact: StatementFact): void => {
  insertInOrder(diplomacy.statements, fact);
  if (fact.respondsTo === undefined) return;
  const answers = diplomacy.responses.get(fact.respondsTo);
  if (answers === undefined) diplomacy.responses.set(fact.respondsTo, [fact]);
  else insertInOrder(answers, fact);
};
