import { DAY_MS } from './time';

/** How much of a theatre's history the time charts show. */
export const WINDOW_CHOICES = { all: undefined, '30d': 30 * DAY_MS, '7d': 7 * DAY_MS, '24h': DAY_MS } as const;
export type WindowChoice = keyof typeof WINDOW_CHOICES;

export interface TimeWindow {
  readonly from: number;
  readonly to: number;
}

const MIN_SPAN_MS = 3600_000;

/** A window's edges move in steps of between one and two thousandths of its span (finer than a chart's pixel). */
const WINDOW_GRID_STEPS = 1000;

/** After its last event a theatre's index has decayed to nothing in this long: the charts stop there. */
export const QUIET_TAIL_MS = 30 * DAY_MS;

/**
 * The span the time charts share, so they line up: ending at the moment the page is evaluated
 * at (or a month after the theatre's last event, when that is earlier: years of flat line say
 * nothing), starting at the theatre's first event (or the chosen span back), with a little air
 * on both sides so the first and last marks are not cut by the edge.
 */
export const chartWindow = (firstOccurredAt: number | undefined, lastOccurredAt: number | undefined, at: number, choice: WindowChoice): TimeWindow => {
  const end = lastOccurredAt === undefined ? at : Math.min(at, lastOccurredAt + QUIET_TAIL_MS);
  const back = WINDOW_CHOICES[choice];
  const start = back !== undefined ? end - back : (firstOccurredAt ?? end - 7 * DAY_MS);
  const from = Math.min(start, end - MIN_SPAN_MS);
  const pad = (end - from) * 0.03;
  // Both edges on a grid of about a thousandth of the span (a power of two of milliseconds, so
  // the grid stays put as the span grows): live, the end moves with every event, and each move,
  // however small, redrew every mark of every time chart a fraction of a pixel further.
  const grid = 2 ** Math.ceil(Math.log2(Math.max(1, (end - from + 2 * pad) / WINDOW_GRID_STEPS)));
  return { from: Math.floor((from - pad) / grid) * grid, to: Math.ceil((end + pad) / grid) * grid };
};
