import type { CrisisEventInput } from '@watchfloor/events';

/** One event of a playback and when to send it, in milliseconds after the playback starts. */
export interface ScheduledEvent {
  readonly atMs: number;
  readonly event: CrisisEventInput;
}

export interface PlaybackOptions {
  /** How long the whole playback should take in wall-clock time. */
  readonly durationMs: number;
  /**
   * No two events closer than this in wall-clock time, so a burst of same-day reports still
   * reads as a sequence on the dashboard; the schedule grows past durationMs only if it must.
   */
  readonly minGapMs?: number;
}

const occurred = (e: CrisisEventInput): number => Date.parse(e.occurredAt);

/**
 * Compresses world time into a playback: events in occurredAt order (ties keep their order),
 * spaced in proportion to the world time between them, the last one at durationMs.
 */
export const playbackSchedule = (events: readonly CrisisEventInput[], options: PlaybackOptions): ScheduledEvent[] => {
  const ordered = events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => occurred(a.event) - occurred(b.event) || a.index - b.index)
    .map(({ event }) => event);
  const first = ordered[0];
  const last = ordered[ordered.length - 1];
  if (!first || !last) return [];
  const span = occurred(last) - occurred(first);
  const compression = span > 0 ? options.durationMs / span : 0;
  const minGap = options.minGapMs ?? 0;
  let previous = -Infinity;
  return ordered.map((event) => {
    const atMs = Math.max(Math.round((occurred(event) - occurred(first)) * compression), previous + minGap);
    previous = atMs;
    return { atMs, event };
  });
};

/** Wall-clock time it takes for one world-time span at a given compression (e.g. "1 day in 6 s"). */
export const compressionFactor = (events: readonly CrisisEventInput[], durationMs: number): number => {
  const times = events.map(occurred);
  const span = Math.max(...times) - Math.min(...times);
  return span > 0 ? span / durationMs : 1;
};
