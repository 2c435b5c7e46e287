import { escalationIndex, type EscalationContribution, type TheatreState } from '@watchfloor/crisis-state';
import { pointBudget, sampleTimes } from '../../../lib/downsample';
import { indexSeries, type IndexPoint } from '../../../lib/index-series';

export interface ChartWindow {
  readonly from: number;
  readonly to: number;
}

/**
 * The index across the window at one point per three pixels: smooth (the line is a monotone
 * curve through them), and cheap to draw live, where recharts computes every point in one task.
 */
export const escalationChartSeries = (state: TheatreState, window: ChartWindow, widthPx: number): IndexPoint[] =>
  indexSeries(state, sampleTimes(window.from, window.to, pointBudget(widthPx, 1 / 3)));

/** Why the index is where it is at `at`: the events that weigh most, heaviest first. */
export const whyAt = (state: TheatreState, at: number, count: number): readonly EscalationContribution[] =>
  escalationIndex(state, new Date(at), { explain: count }).contributions;
