import {
  bandOf,
  confidenceOf,
  ESCALATION_BANDS,
  ESCALATION_WEIGHTS,
  isEffective,
  pointsOf,
  type EscalationBand,
  type EventFact,
  type TheatreState,
} from '@watchfloor/crisis-state';

/**
 * The escalation index over time, as `escalationIndex(state, t)` would give it at each t.
 *
 * Calling escalationIndex once per sample costs the whole 30-day window per sample: 400
 * samples over a busy theatre is tens of millions of steps, every time the chart repaints. So
 * the series sweeps the timeline once instead, carrying the decayed sum from one sample to the
 * next (the decay is exponential, so the sum decays as a whole), adding facts as they enter the
 * window and subtracting them as they age past its horizon. The library's rules are kept:
 * points × Admiralty confidence × verification factor, facts that no longer count left out,
 * and of one source's casualty reports on a group only those since its latest cumulative one.
 * The spec compares the sweep with escalationIndex itself.
 */

export interface IndexPoint {
  readonly t: number;
  readonly value: number;
  readonly band: EscalationBand;
}

const W = ESCALATION_WEIGHTS;
const HALF_LIFE_MS = W.halfLifeDays * 24 * 3600 * 1000;
const HORIZON_MS = W.horizonHalfLives * HALF_LIFE_MS;

const decay = (ms: number): number => 0.5 ** (ms / HALF_LIFE_MS);
const claimOf = (fact: EventFact): string | undefined => (fact.type === 'casualties.reported' ? `${fact.source}|${fact.group}` : undefined);
const valueOf = (points: number): number => Math.round(1000 * (1 - Math.exp(-Math.max(0, points) / W.saturation))) / 10;

/** The index at each of `times` (ascending). */
export const indexSeries = (state: TheatreState, times: readonly number[]): IndexPoint[] => {
  const timeline = state.timeline;
  const weights = timeline.map((fact) =>
    isEffective(fact, state.supersededBy) ? pointsOf(fact) * confidenceOf(fact.reliability, fact.credibility) * W.verification[fact.verification] : 0,
  );
  const counts = timeline.map((fact) => isEffective(fact, state.supersededBy));
  // Per casualty claim: the timeline index of its latest cumulative report in the window, and
  // the decayed sum of its reports since then (as of `claimAt`).
  const latestCumulative = new Map<string, number>();
  const claimSum = new Map<string, { sum: number; at: number }>();
  const claimValue = (claim: string, t: number): number => {
    const entry = claimSum.get(claim);
    return entry === undefined ? 0 : entry.sum * decay(t - entry.at);
  };
  const addToClaim = (claim: string, amount: number, t: number): void => {
    claimSum.set(claim, { sum: claimValue(claim, t) + amount, at: t });
  };
  const covered = (index: number, claim: string | undefined): boolean => claim !== undefined && (latestCumulative.get(claim) ?? -1) > index;

  let points = 0;
  let current = Number.NEGATIVE_INFINITY;
  let entered = 0;
  let aged = 0;
  const out: IndexPoint[] = [];
  for (const t of times) {
    if (Number.isFinite(current)) points *= decay(t - current);
    current = t;
    for (; entered < timeline.length; entered += 1) {
      const fact = timeline[entered];
      if (fact === undefined || fact.occurredAt > t) break;
      if (!counts[entered]) continue;
      const claim = claimOf(fact);
      if (claim !== undefined && fact.type === 'casualties.reported' && fact.cumulative) {
        // A running total replaces the source's earlier reports on this group.
        points -= claimValue(claim, t);
        claimSum.delete(claim);
        latestCumulative.set(claim, entered);
      }
      const contribution = (weights[entered] ?? 0) * decay(t - fact.occurredAt);
      points += contribution;
      if (claim !== undefined) addToClaim(claim, contribution, t);
    }
    for (; aged < entered; aged += 1) {
      const fact = timeline[aged];
      if (fact === undefined || fact.occurredAt >= t - HORIZON_MS) break;
      const claim = claimOf(fact);
      if (!counts[aged] || covered(aged, claim)) continue;
      const contribution = (weights[aged] ?? 0) * decay(t - fact.occurredAt);
      points -= contribution;
      if (claim !== undefined) addToClaim(claim, -contribution, t);
    }
    if (aged === entered) {
      // The window is empty: start clean rather than carry the dust of many additions and subtractions.
      points = 0;
      claimSum.clear();
    }
    const value = valueOf(points);
    out.push({ t, value, band: bandOf(value) });
  }
  return out;
};

/** The alert bands as value ranges, for shading a chart. */
export const bandRanges = (): ReadonlyArray<{ readonly band: EscalationBand; readonly from: number; readonly to: number }> =>
  ESCALATION_BANDS.map((b, i) => ({ band: b.band, from: b.from, to: ESCALATION_BANDS[i + 1]?.from ?? 100 }));

/** Change over a series: last minus first, for a trend arrow. */
export const trendOf = (series: readonly IndexPoint[]): number => {
  const first = series[0];
  const last = series[series.length - 1];
  return first && last ? Math.round((last.value - first.value) * 10) / 10 : 0;
};
