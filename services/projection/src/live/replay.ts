import type { TimeBasis } from '@watchfloor/crisis-state';
import type { EventTimeline } from '../timeline/event-timeline';

/**
 * A replay session's events: one theatre's events whose time on the chosen clock is after `from`
 * and at most `to`, in that clock's order. (Those at `from` itself are in the replay's snapshot.)
 * Entry numbers only: bodies are read from the timeline as each is sent.
 */
export const replayEntries = (timeline: EventTimeline, theatre: string, from: number, to: number, basis: TimeBasis): number[] => {
  const theatres = new Set([theatre]);
  const chosen: { entry: number; time: number; occurredAt: number }[] = [];
  if (basis === 'occurred') {
    let after: ReturnType<EventTimeline['keyOf']> | undefined;
    for (;;) {
      const page = timeline.page({ theatres, from, to: to + 1 }, { limit: 5000, order: 'asc', ...(after && { after }) });
      for (const entry of page.entries) {
        const { occurredAt } = timeline.fields(entry);
        if (occurredAt > from) chosen.push({ entry, time: occurredAt, occurredAt });
      }
      if (page.next === undefined) break;
      after = page.next;
    }
    return chosen.map((c) => c.entry);
  }
  // Recorded time is not the timeline's order: every event of the theatre is looked at once.
  let after: ReturnType<EventTimeline['keyOf']> | undefined;
  for (;;) {
    const page = timeline.page({ theatres }, { limit: 5000, order: 'asc', ...(after && { after }) });
    for (const entry of page.entries) {
      const { recordedAt, occurredAt } = timeline.fields(entry);
      if (recordedAt > from && recordedAt <= to) chosen.push({ entry, time: recordedAt, occurredAt });
    }
    if (page.next === undefined) break;
    after = page.next;
  }
  // Stable on ties: the timeline order (occurredAt, recordedAt, id) decides between equal times.
  return chosen.sort((a, b) => a.time - b.time).map((c) => c.entry);
};

export const basisTime = (timeline: EventTimeline, entry: number, basis: TimeBasis): number => {
  const fields = timeline.fields(entry);
  return basis === 'occurred' ? fields.occurredAt : fields.recordedAt;
};
