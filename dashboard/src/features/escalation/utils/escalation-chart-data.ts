import { escalationIndex, type EscalationContribution, type TheatreState } from '@watchfloor/crisis-state';
import { pointBudget, sampleTimes } from '../../../lib/downsample';
import { indexSeries, type IndexPoint } from '../../../lib/index-series';

export interface ChartWindow {
  readonly from: number;
  readonly to: number;
}

/** The index across the window at about one point per two pixels: smooth, and cheap to draw live. */
export const escalationChartSeries = (state: TheatreState, window: ChartWindow, widthPx: number): IndexPoint[] =>
  indexSeries(state, sampleTimes(window.from, window.to, pointBudget(widthPx, 0.5)));

/** Why the index is where it is at `at`: the events that weigh most, heaviest first. */
export const whyAt = (state: TheatreState, at: number, count: number): readonly EscalationContribution[] =>
  escalationIndex(state, new Date(at), { explain: count }).contributions;
