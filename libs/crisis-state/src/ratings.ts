import type { Reliability } from '@watchfloor/events';

/**
 * How much a report counts, from its source's NATO Admiralty rating. Used both to weight the
 * sources' casualty figures in the best estimate and to scale contributions to the escalation
 * index. "Cannot be judged" (F, 6) counts as half, like a middling rating: unknown is not
 * unreliable.
 */
export const ADMIRALTY_CONFIDENCE = {
  reliability: { A: 1, B: 0.9, C: 0.75, D: 0.5, E: 0.25, F: 0.5 },
  credibility: { 1: 1, 2: 0.9, 3: 0.75, 4: 0.5, 5: 0.25, 6: 0.5 },
} as const satisfies {
  reliability: Record<Reliability, number>;
  credibility: Record<1 | 2 | 3 | 4 | 5 | 6, number>;
};

const byCredibility: Readonly<Record<number, number | undefined>> = ADMIRALTY_CONFIDENCE.credibility;
const credibilityFactor = (credibility: number): number => byCredibility[credibility] ?? 0.5;

/** Confidence in a report, 0–1: reliability factor × credibility factor. A2 → 0.9, C4 → 0.375. */
export const confidenceOf = (reliability: Reliability, credibility: number): number =>
  ADMIRALTY_CONFIDENCE.reliability[reliability] * credibilityFactor(credibility);

/**
 * Whether ACLED-style conservative counting trusts a source: usually reliable or better (A–C)
 * and possibly true or better (1–3).
 */
export const isCredible = (reliability: Reliability, credibility: number): boolean =>
  (reliability === 'A' || reliability === 'B' || reliability === 'C') && credibility <= 3;
