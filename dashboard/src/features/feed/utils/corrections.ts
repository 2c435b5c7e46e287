import type { EventFact, TheatreState } from '@watchfloor/crisis-state';

/**
 * The correction history around one event, as the state knows it: what it corrects, what
 * corrects it, and whether it still counts. The earlier event always stays in the log.
 */
export interface Corrections {
  /** The event this one corrects. */
  readonly supersedes?: string;
  /** The latest event correcting this one, which is the one that counts. */
  readonly supersededBy?: string;
  /** Every event that names this one as corrected, oldest first. */
  readonly correctedBy: readonly string[];
  readonly retracted: boolean;
  readonly counts: boolean;
}

export const correctionsOf = (eventId: string, state: TheatreState | undefined): Corrections => {
  const fact = state?.applied.get(eventId);
  const correctedBy = state ? state.timeline.filter((f: EventFact) => f.supersedes === eventId).map((f) => f.id) : [];
  const supersededBy = state?.supersededBy.get(eventId);
  const retracted = fact?.verification === 'retracted';
  return {
    ...(fact?.supersedes !== undefined && { supersedes: fact.supersedes }),
    ...(supersededBy !== undefined && { supersededBy }),
    correctedBy,
    retracted,
    counts: !retracted && supersededBy === undefined,
  };
};
