import { compareFacts, insertInOrder, isEffective, latestEffective, type AssessmentFact } from './facts';

/**
 * Situation assessments: the latest one that still counts, by occurredAt. A late assessment of
 * an earlier moment goes into the history without displacing a newer one.
 */
export interface AssessmentState {
  readonly history: readonly AssessmentFact[];
  readonly latest: AssessmentFact | undefined;
}

export interface AssessmentAccumulator extends AssessmentState {
  history: AssessmentFact[];
  latest: AssessmentFact | undefined;
}

export const initialAssessments = (): AssessmentAccumulator => ({ history: [], latest: undefined });

export const recordAssessment = (
  assessments: AssessmentAccumulator,
  fact: AssessmentFact,
  supersededBy: ReadonlyMap<string, string>,
): void => {
  insertInOrder(assessments.history, fact);
  if (!isEffective(fact, supersededBy)) return;
  if (assessments.latest === undefined || compareFacts(assessments.latest, fact) < 0) assessments.latest = fact;
};

export const reconsiderAssessment = (assessments: AssessmentAccumulator, supersededBy: ReadonlyMap<string, string>): void => {
  assessments.latest = latestEffective(assessments.history, supersededBy);
};
