import {
  createProjector,
  figuresOf,
  isEffective,
  type CasualtyEstimate,
  type EventFact,
  type TheatreProjector,
  type TheatreState,
} from '@watchfloor/crisis-state';
import type { CasualtyGroup, EventOf, Reliability, Verification } from '@watchfloor/events';
import { downsampleMinMax, sampleTimes } from '../../../lib/downsample';

/**
 * Casualties over time: the range across sources (a band, low–high) with the best estimate as
 * a line, and every source's own claims as points. Nothing is chosen silently: the band is the
 * library's range across sources at each moment, the points are what each source said.
 */

export type ChartMeasure = 'killed' | 'injured';
export const CHART_MEASURES: readonly ChartMeasure[] = ['killed', 'injured'];

export interface BandValue {
  readonly low: number;
  readonly best: number;
  readonly high: number;
  /** For recharts' range area: [low, high]. */
  readonly range: readonly [number, number];
  readonly sources: number;
}

export interface CasualtyBandPoint {
  readonly t: number;
  readonly killed?: BandValue;
  readonly injured?: BandValue;
}

export type ClaimStatus = 'effective' | 'superseded' | 'retracted';

/** One source's report of one measure, as it was made. */
export interface ClaimPoint {
  readonly t: number;
  readonly recordedAt: number;
  readonly eventId: string;
  readonly measure: ChartMeasure;
  readonly source: string;
  readonly reliability: Reliability;
  readonly credibility: number;
  readonly group: CasualtyGroup;
  /** A running total to date, or only the period reported. */
  readonly cumulative: boolean;
  readonly low: number;
  readonly best: number;
  readonly high: number;
  /** false when the source gave only a range and `best` is derived from it. */
  readonly bestStated: boolean;
  readonly wording?: string;
  readonly verification: Verification;
  readonly status: ClaimStatus;
}

type CasualtyFact = Extract<EventFact, { type: 'casualties.reported' }>;

const isCasualty = (fact: EventFact): fact is CasualtyFact => fact.type === 'casualties.reported';

/**
 * The event a casualty fact came from, with only the parts the projection reads. The live state
 * keeps facts, not events (see crisis-state's facts.ts); rebuilding an event from them lets the
 * band be folded with the library's own projector, so the rules behind the range and the best
 * estimate live in one place.
 */
const eventOfFact = (fact: CasualtyFact, theatre: string): EventOf<'casualties.reported'> => ({
  id: fact.id,
  type: 'casualties.reported',
  theatre,
  occurredAt: new Date(fact.occurredAt).toISOString(),
  recordedAt: new Date(fact.recordedAt).toISOString(),
  timePrecision: 'exact',
  ...(fact.place !== undefined && {
    location: { name: fact.place, country: fact.country ?? 'ZZ', lat: 0, lon: 0, precision: 'country' as const },
  }),
  actors: [],
  sources: [{ name: fact.source, kind: 'official', reliability: fact.reliability, credibility: fact.credibility }],
  verification: fact.verification,
  ...(fact.supersedes !== undefined && { supersedes: fact.supersedes }),
  data: {
    group: fact.group,
    cumulative: fact.cumulative,
    ...(fact.killed && { killed: fact.killed }),
    ...(fact.injured && { injured: fact.injured }),
    ...(fact.detained && { detained: fact.detained }),
    ...(fact.wording !== undefined && { sourceWording: fact.wording }),
  },
});

const bandOf = (estimate: CasualtyEstimate | undefined): BandValue | undefined =>
  estimate && { low: estimate.low, best: estimate.best, high: estimate.high, range: [estimate.low, estimate.high], sources: estimate.sources.length };

export interface SeriesWindow {
  readonly from: number;
  readonly to: number;
  /** Most points the chart may draw (see pointBudget). */
  readonly maxPoints: number;
}

/** The band after every report, folded once: live, later reports only extend it. */
interface BandHistory {
  readonly facts: CasualtyFact[];
  /** One per distinct occurredAt, in order: the band once every report up to then is folded. */
  readonly points: CasualtyBandPoint[];
  readonly projector: TheatreProjector;
}

const histories = new WeakMap<TheatreState, BandHistory>();

/**
 * The state's band history, extended by the reports that came after the last call. A live state
 * changes in place, and new reports almost always come last on its timeline (it is in
 * occurredAt order); one anywhere else, or a new state, folds the history again from the start.
 */
const bandHistory = (state: TheatreState): BandHistory => {
  const facts = state.timeline.filter(isCasualty);
  let history = histories.get(state);
  const known = history?.facts;
  if (history === undefined || known === undefined || known.length > facts.length || known.some((fact, i) => facts[i] !== fact)) {
    history = { facts: [], points: [], projector: createProjector(state.theatre) };
    histories.set(state, history);
  }
  for (let i = history.facts.length; i < facts.length; i += 1) {
    const fact = facts[i];
    if (fact === undefined) break;
    history.projector.apply(eventOfFact(fact, state.theatre));
    history.facts.push(fact);
    const { killed, injured } = history.projector.state.casualties;
    const point: CasualtyBandPoint = { t: fact.occurredAt, ...(killed && { killed: bandOf(killed) }), ...(injured && { injured: bandOf(injured) }) };
    // Reports at the same moment make one step: the point holds the band after the last of them.
    if (history.points[history.points.length - 1]?.t === fact.occurredAt) history.points[history.points.length - 1] = point;
    else history.points.push(point);
  }
  return history;
};

/**
 * The band at every moment it changes (each report), or on an even grid when there are more
 * reports than points to draw, and at the window's end so the band reaches the right edge.
 */
export const casualtyBands = (state: TheatreState, window: SeriesWindow): CasualtyBandPoint[] => {
  const { points } = bandHistory(state);
  // Steps up to the window's end.
  let end = 0;
  while (end < points.length && (points[end]?.t ?? Infinity) <= window.to) end += 1;
  if (end === 0) return [];
  const inWindow: number[] = [];
  for (let i = 0; i < end; i += 1) {
    const t = points[i]?.t;
    if (t !== undefined && t >= window.from) inWindow.push(t);
  }
  const times = inWindow.length + 1 <= window.maxPoints ? [...inWindow, window.to] : sampleTimes(window.from, window.to, window.maxPoints);
  const out: CasualtyBandPoint[] = [];
  let step = -1;
  for (const t of times) {
    while (step + 1 < end && (points[step + 1]?.t ?? Infinity) <= t) step += 1;
    const band = points[step];
    if (band === undefined) continue;
    const point: CasualtyBandPoint = { t, ...(band.killed && { killed: band.killed }), ...(band.injured && { injured: band.injured }) };
    if (point.killed || point.injured) out.push(point);
  }
  return out;
};

/** Every source's claim as a point per measure, downsampled to the budget if there are more. */
export const claimPoints = (state: TheatreState, window: SeriesWindow): ClaimPoint[] => {
  const byMeasure: Record<ChartMeasure, ClaimPoint[]> = { killed: [], injured: [] };
  for (const fact of state.timeline) {
    if (!isCasualty(fact) || fact.occurredAt > window.to || fact.occurredAt < window.from) continue;
    const status: ClaimStatus = isEffective(fact, state.supersededBy) ? 'effective' : state.supersededBy.has(fact.id) ? 'superseded' : 'retracted';
    for (const measure of CHART_MEASURES) {
      const range = fact[measure];
      if (range === undefined) continue;
      const figures = figuresOf(range);
      byMeasure[measure].push({
        t: fact.occurredAt,
        recordedAt: fact.recordedAt,
        eventId: fact.id,
        measure,
        source: fact.source,
        reliability: fact.reliability,
        credibility: fact.credibility,
        group: fact.group,
        cumulative: fact.cumulative,
        low: figures.low,
        best: figures.best,
        high: figures.high,
        bestStated: figures.bestStated,
        ...(fact.wording !== undefined && { wording: fact.wording }),
        verification: fact.verification,
        status,
      });
    }
  }
  const buckets = Math.max(1, Math.floor(window.maxPoints / 2));
  return CHART_MEASURES.flatMap((measure) => downsampleMinMax(byMeasure[measure], (p) => p.t, (p) => p.best, buckets));
};

/** One measure's band as the chart's rows: a row per moment, null where the measure has no band yet. */
export interface BandRow {
  readonly t: number;
  /** For recharts' range area: [low, high]. */
  readonly range: readonly [number, number] | null;
  readonly best: number | null;
  readonly sources: number;
}

export const measureRows = (bands: readonly CasualtyBandPoint[], measure: ChartMeasure): BandRow[] =>
  bands.map((point) => {
    const band = point[measure];
    return { t: point.t, range: band ? band.range : null, best: band ? band.best : null, sources: band?.sources ?? 0 };
  });

/** The latest row with a band: what the chart's accessible name says "now" is. */
export const lastBand = (rows: readonly BandRow[]): BandRow | undefined => {
  for (let i = rows.length - 1; i >= 0; i -= 1) {
    const row = rows[i];
    if (row !== undefined && row.range !== null) return row;
  }
  return undefined;
};

/** The steps a casualty chart's axis tops out at, in each power of ten. */
const AXIS_STEPS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10] as const;

/**
 * The top of a casualty chart's axis for figures up to `highest`: at least a tenth above it, on a
 * round step (…, 100, 120, 150, 200, 250, 300, 400, 500, 600, 800, 1000, …), so that the axis
 * holds while the figures grow. Each new top re-registers the axis in recharts' store, which
 * redraws the whole chart once more on the next animation frame, in the frame's own task.
 */
export const casualtyAxisTop = (highest: number): number => {
  const wanted = Math.max(1, highest) * 1.1;
  const decade = 10 ** Math.floor(Math.log10(wanted));
  const step = AXIS_STEPS.find((s) => s * decade >= wanted - 1e-9) ?? 10;
  return Math.ceil(step * decade);
};
