import type { Assessment, DeploymentPhase, EventType, MeetingOutcome, ProtestStage, Stance, Verification } from '@watchfloor/events';
import { figuresOf } from './casualties';
import { describeFact, isEffective, type EventFact } from './facts';
import { confidenceOf } from './ratings';
import type { TheatreState } from './theatre-state';

/**
 * The escalation index: 0–100, and why.
 *
 * Every event that still counts contributes points:
 *
 *   weight  = points for what it reports (table below) × confidence in its source
 *             (`ADMIRALTY_CONFIDENCE`: reliability × credibility) × verification factor
 *   decayed = weight × ½^(age / half-life), age measured back from the evaluation time `at`
 *
 * and the index is 100 × (1 − e^(−P / saturation)) for P = the sum of decayed points (0 if
 * negative): it grows steeply at first and never passes 100, so a theatre in full crisis still
 * moves when things get worse. De-escalating reports (order restored, an agreement, a
 * withdrawal) have negative points and pull it down. Events after `at` do not count; events
 * older than `horizonHalfLives` half-lives (under 0.1% of their weight) are left out.
 *
 * Casualty reports: points per measure are weight × log2(1 + best figure), so the tenth death
 * adds less than the first, and a report of hundreds does not drown everything else. Of one
 * source's reports on one group only those since its latest cumulative report count (that one
 * included): a running total already holds the earlier ones.
 */
export const ESCALATION_WEIGHTS = {
  halfLifeDays: 3,
  horizonHalfLives: 10,
  saturation: 40,
  protestStage: { peaceful: 1, with_intervention: 3, violent: 8, riot: 12 },
  /** Per doubling of the figure. */
  casualties: { killed: 4, injured: 1, detained: 0.5 },
  deploymentPhase: { announced: 4, deploying: 8, deployed: 6, withdrawing: -3, withdrawn: -6 },
  statementStance: { supportive: -1, conciliatory: -2, neutral: 0, critical: 1.5, hostile: 3 },
  meetingOutcome: { agreement: -6, deadlock: 5, ongoing: 0, unknown: 0 },
  assessment: { deteriorating: 6, stable: -3, improving: -6, restored: -12 },
  /** Retracted events do not count at all; a disputed one counts half. */
  verification: { verified: 1, unverified: 1, under_review: 1, unverifiable: 1, disputed: 0.5, retracted: 0 },
} as const satisfies {
  halfLifeDays: number;
  horizonHalfLives: number;
  saturation: number;
  protestStage: Record<ProtestStage, number>;
  casualties: Record<'killed' | 'injured' | 'detained', number>;
  deploymentPhase: Record<DeploymentPhase, number>;
  statementStance: Record<Stance, number>;
  meetingOutcome: Record<MeetingOutcome, number>;
  assessment: Record<Assessment, number>;
  verification: Record<Verification, number>;
};

export type EscalationBand = 'low' | 'guarded' | 'elevated' | 'high' | 'severe';

/** Each band starts at `from` and runs up to the next band's `from`: low <20 … severe ≥80. */
export const ESCALATION_BANDS: ReadonlyArray<{ readonly band: EscalationBand; readonly from: number }> = [
  { band: 'low', from: 0 },
  { band: 'guarded', from: 20 },
  { band: 'elevated', from: 40 },
  { band: 'high', from: 60 },
  { band: 'severe', from: 80 },
];

export const bandOf = (value: number): EscalationBand => {
  let band: EscalationBand = 'low';
  for (const b of ESCALATION_BANDS) if (value >= b.from) band = b.band;
  return band;
};

export interface EscalationContribution {
  readonly eventId: string;
  readonly type: EventType;
  readonly occurredAt: string;
  /** Points before decay. */
  readonly weight: number;
  /** Points at the evaluation time. */
  readonly decayed: number;
  readonly summary: string;
}

export interface EscalationIndex {
  /** 0–100, one decimal. */
  readonly value: number;
  readonly band: EscalationBand;
  /** The sum of decayed points the value is computed from. */
  readonly points: number;
  readonly at: string;
  /** Largest impact (absolute decayed points) first. */
  readonly contributions: readonly EscalationContribution[];
}

const DAY_MS = 24 * 3600 * 1000;
const W = ESCALATION_WEIGHTS;

/** Points for what a fact reports, before confidence and decay. */
export const pointsOf = (fact: EventFact): number => {
  switch (fact.type) {
    case 'protest.escalated':
      return W.protestStage[fact.stage];
    case 'troops.deployed':
      return W.deploymentPhase[fact.phase];
    case 'casualties.reported': {
      let points = 0;
      if (fact.killed) points += W.casualties.killed * Math.log2(1 + figuresOf(fact.killed).best);
      if (fact.injured) points += W.casualties.injured * Math.log2(1 + figuresOf(fact.injured).best);
      if (fact.detained) points += W.casualties.detained * Math.log2(1 + figuresOf(fact.detained).best);
      return points;
    }
    case 'diplomacy.meeting':
      return W.meetingOutcome[fact.outcome];
    case 'diplomacy.statement':
      return W.statementStance[fact.stance];
    case 'situation.assessed':
      return W.assessment[fact.assessment];
    default: {
      const unhandled: never = fact;
      return unhandled;
    }
  }
};

const round = (n: number, digits: number): number => {
  const scale = 10 ** digits;
  return Math.round(n * scale) / scale;
};

/**
 * Points a fact counts with before decay: what it reports × confidence in its source ×
 * verification. The incremental index (escalation-accumulator.ts) uses this same expression, so
 * both multiply in the same order and agree to the last bit.
 */
export const weightOf = (fact: EventFact): number =>
  pointsOf(fact) * confidenceOf(fact.reliability, fact.credibility) * W.verification[fact.verification];

const HALF_LIFE_MS = W.halfLifeDays * DAY_MS;

/** Facts that occurred more than this before the evaluation time are left out. */
export const ESCALATION_HORIZON_MS = W.horizonHalfLives * HALF_LIFE_MS;

/** `weight` as it counts at `now`, for a fact that occurred at `occurredAt` (epoch ms). */
export const decayedWeight = (weight: number, occurredAt: number, now: number): number => weight * 0.5 ** ((now - occurredAt) / HALF_LIFE_MS);

/** The index (0–100, one decimal) for a sum of decayed points. */
export const escalationValueOf = (points: number): number => round(100 * (1 - Math.exp(-Math.max(0, points) / W.saturation)), 1);

/** The first event at index ≥ the result has occurredAt > at. */
const endOf = (timeline: readonly EventFact[], at: number): number => {
  let low = 0;
  let high = timeline.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((timeline[middle]?.occurredAt ?? Infinity) <= at) low = middle + 1;
    else high = middle;
  }
  return low;
};

export interface EscalationOptions {
  /** How many contributions to explain, largest first; all by default. 0 for the value alone. */
  readonly explain?: number;
}

interface Scored {
  readonly fact: EventFact;
  readonly weight: number;
  readonly decayed: number;
}

const byImpact = (a: Scored, b: Scored): number =>
  Math.abs(b.decayed) - Math.abs(a.decayed) || (a.fact.id < b.fact.id ? -1 : a.fact.id > b.fact.id ? 1 : 0);

/** The facts that count at `now`, latest first, and their decayed points summed in that order. */
const score = (state: TheatreState, now: number): { readonly scored: Scored[]; readonly points: number } => {
  const oldest = now - ESCALATION_HORIZON_MS;
  const scored: Scored[] = [];
  const coveredByCumulative = new Set<string>();
  let points = 0;
  for (let i = endOf(state.timeline, now) - 1; i >= 0; i -= 1) {
    const fact = state.timeline[i];
    if (fact === undefined || fact.occurredAt < oldest) break;
    if (!isEffective(fact, state.supersededBy)) continue;
    if (fact.type === 'casualties.reported') {
      const claim = `${fact.source}|${fact.group}`;
      if (coveredByCumulative.has(claim)) continue;
      if (fact.cumulative) coveredByCumulative.add(claim);
    }
    const weight = weightOf(fact);
    if (weight === 0) continue;
    const decayed = decayedWeight(weight, fact.occurredAt, now);
    points += decayed;
    scored.push({ fact, weight, decayed });
  }
  return { scored, points };
};

/** The sum of decayed points the index at `at` is computed from, unrounded. */
export const escalationPoints = (state: TheatreState, at: Date): number => score(state, at.getTime()).points;

/** The index of a theatre at `at` (see ESCALATION_WEIGHTS), with the contributions that made it. */
export const escalationIndex = (state: TheatreState, at: Date, options: EscalationOptions = {}): EscalationIndex => {
  const { scored, points } = score(state, at.getTime());
  const explain = Math.min(options.explain ?? scored.length, scored.length);
  const contributions =
    explain === 0
      ? []
      : scored
          .sort(byImpact)
          .slice(0, explain)
          .map(({ fact, weight, decayed }) => ({
            eventId: fact.id,
            type: fact.type,
            occurredAt: new Date(fact.occurredAt).toISOString(),
            weight: round(weight, 3),
            decayed: round(decayed, 3),
            summary: describeFact(fact),
          }));
  const value = escalationValueOf(points);
  return { value, band: bandOf(value), points: round(points, 3), at: at.toISOString(), contributions };
};
