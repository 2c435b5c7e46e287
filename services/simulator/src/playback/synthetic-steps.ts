import { createSyntheticGenerator } from '@watchfloor/scenario';
import type { Step } from './simulation-runs';

export interface SyntheticRequest {
  readonly ratePerSecond: number;
  readonly theatres: number;
  readonly seed: number;
  /** Stop after this many events… */
  readonly count?: number;
  /** …or after this long, whichever comes first; neither means until stopped. */
  readonly durationSeconds?: number;
  readonly startAt: Date;
}

/** Batches per second: fine-grained enough to look like a stream, coarse enough for HTTP. */
const TICKS_PER_SECOND = 10;

/**
 * The synthetic generator as timed steps: every tick the events due by then, so the rate holds
 * on average even when one tick's POST takes longer than a tick.
 */
export function* syntheticSteps(request: SyntheticRequest): Generator<Step> {
  const generator = createSyntheticGenerator({
    seed: request.seed,
    theatres: request.theatres,
    startAt: request.startAt,
    ratePerSecond: request.ratePerSecond,
  });
  const limit = Math.min(request.count ?? Infinity, request.durationSeconds === undefined ? Infinity : Math.round(request.durationSeconds * request.ratePerSecond));
  let sent = 0;
  for (let tick = 1; sent < limit; tick += 1) {
    const due = Math.min(limit, Math.floor((tick * request.ratePerSecond) / TICKS_PER_SECOND));
    if (due > sent) {
      yield { atMs: (tick * 1000) / TICKS_PER_SECOND, events: generator.take(due - sent) };
      sent = due;
    }
  }
}
