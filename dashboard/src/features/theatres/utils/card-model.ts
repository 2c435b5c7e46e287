import { stateAsOf, theatreSummary, type TheatreState, type TheatreSummary } from '@watchfloor/crisis-state';
import type { TheatreListing } from '../../../lib/backend';
import { sampleTimes } from '../../../lib/downsample';
import { indexSeries, trendOf, type IndexPoint } from '../../../lib/index-series';
import { DAY_MS, evaluationOf, type Evaluation, type TimeMode } from '../../../lib/time';

/** One theatre on the overview: the headline figures and the index's last fortnight. */
export interface CardModel {
  readonly id: string;
  readonly name: string;
  readonly evaluation?: Evaluation;
  readonly summary?: TheatreSummary;
  readonly sparkline: readonly IndexPoint[];
  /** Index points gained or lost over the sparkline. */
  readonly trend: number;
  /** stream: folded in the browser; server: the listing's summary (no stream yet). */
  readonly origin: 'stream' | 'server' | 'none';
}

export const SPARKLINE_DAYS = 14;
const SPARKLINE_POINTS = 56;

/** `worldClock`: see worldClockOf; the live index is evaluated there, as the server does. */
export const cardModel = (listing: TheatreListing, state: TheatreState | undefined, time: TimeMode, now: number, worldClock: number): CardModel => {
  const name = listing.name ?? listing.id.toUpperCase();
  if (state === undefined) {
    // The server's summary is of now: it cannot stand in for the past.
    const summary = time.live ? listing.summary : undefined;
    return { id: listing.id, name, ...(summary && { summary }), sparkline: [], trend: 0, origin: summary ? 'server' : 'none' };
  }
  const asOf = time.live ? state : stateAsOf([], new Date(time.at), time.basis, state);
  const evaluation = evaluationOf(time, now, worldClock);
  const sparkline = indexSeries(asOf, sampleTimes(evaluation.at - SPARKLINE_DAYS * DAY_MS, evaluation.at, SPARKLINE_POINTS));
  return {
    id: listing.id,
    name,
    evaluation,
    summary: theatreSummary(asOf, new Date(evaluation.at)),
    sparkline,
    trend: trendOf(sparkline),
    origin: 'stream',
  };
};
