import type { TimeBasis } from '@watchfloor/crisis-state';

/** The span of a theatre (or several) on each clock, for the time slider. */
export interface ClockSpans {
  readonly occurred?: { readonly from: number; readonly to: number };
  readonly recorded?: { readonly from: number; readonly to: number };
}

interface Timed {
  readonly occurredAt: number;
  readonly recordedAt: number;
}

export const clockSpans = (facts: Iterable<Timed>): ClockSpans => {
  let occurredFrom = Infinity;
  let occurredTo = -Infinity;
  let recordedFrom = Infinity;
  let recordedTo = -Infinity;
  for (const fact of facts) {
    occurredFrom = Math.min(occurredFrom, fact.occurredAt);
    occurredTo = Math.max(occurredTo, fact.occurredAt);
    recordedFrom = Math.min(recordedFrom, fact.recordedAt);
    recordedTo = Math.max(recordedTo, fact.recordedAt);
  }
  if (!Number.isFinite(occurredFrom)) return {};
  return { occurred: { from: occurredFrom, to: occurredTo }, recorded: { from: recordedFrom, to: recordedTo } };
};

export const mergeSpans = (spans: readonly ClockSpans[]): ClockSpans => {
  const merge = (key: keyof ClockSpans) => {
    const present = spans.flatMap((s) => (s[key] ? [s[key]] : []));
    return present.length === 0
      ? undefined
      : { from: Math.min(...present.map((s) => s.from)), to: Math.max(...present.map((s) => s.to)) };
  };
  const occurred = merge('occurred');
  const recorded = merge('recorded');
  return { ...(occurred && { occurred }), ...(recorded && { recorded }) };
};

/**
 * What the slider runs over on a clock: from the first event to the last one that happened, or
 * to now for what was known (knowledge keeps growing until now). Without events: the last day.
 */
export const sliderRange = (spans: ClockSpans, basis: TimeBasis, now: number): { readonly from: number; readonly to: number } => {
  const span = spans[basis];
  if (span === undefined) return { from: now - 24 * 3600_000, to: now };
  const to = basis === 'recorded' ? Math.max(now, span.to) : span.to;
  return { from: Math.min(span.from, to - 60_000), to };
};

/** Where the slider starts when the analyst leaves live mode: the end of the range. */
export const clampTo = (t: number, range: { readonly from: number; readonly to: number }): number => Math.min(range.to, Math.max(range.from, t));
