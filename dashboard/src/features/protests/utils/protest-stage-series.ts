import { isEffective, severityOf, placeKey, type EventFact, type TheatreState } from '@watchfloor/crisis-state';
import type { ProtestStage } from '@watchfloor/events';

/**
 * Protest stage by place over time. A place is at the stage of its latest report that still
 * counts until a later one says otherwise (crisis-state's protests.ts), so each place is a row
 * of segments; the theatre row is the most severe place at each moment, as the state has it.
 */

export interface StageSegment {
  readonly from: number;
  readonly to: number;
  readonly stage: ProtestStage;
  /** The report that set the stage (the first, when neighbours at the same stage were merged). */
  readonly eventId: string;
}

export interface StageReport {
  readonly t: number;
  readonly stage: ProtestStage;
  readonly eventId: string;
  readonly status: 'effective' | 'superseded' | 'retracted';
}

export interface PlaceStageRow {
  /** placeKey: "Almaty|KZ", or "" for theatre-wide reports. */
  readonly key: string;
  readonly label: string;
  readonly segments: readonly StageSegment[];
  readonly reports: readonly StageReport[];
  readonly current: ProtestStage | undefined;
}

type ProtestFact = Extract<EventFact, { type: 'protest.escalated' }>;

const isProtest = (fact: EventFact): fact is ProtestFact => fact.type === 'protest.escalated';

const merged = (segments: StageSegment[]): StageSegment[] => {
  const out: StageSegment[] = [];
  for (const segment of segments) {
    const last = out[out.length - 1];
    if (last && last.stage === segment.stage && last.to === segment.from) out[out.length - 1] = { ...last, to: segment.to };
    else if (segment.to > segment.from) out.push(segment);
  }
  return out;
};

/** Rows per place (theatre row first, then the most severe places), up to `to`. */
export const protestStageRows = (state: TheatreState, to: number): PlaceStageRow[] => {
  const byPlace = new Map<string, ProtestFact[]>();
  for (const fact of state.timeline) {
    if (!isProtest(fact) || fact.occurredAt > to) continue;
    const key = placeKey(fact);
    const list = byPlace.get(key);
    if (list) list.push(fact);
    else byPlace.set(key, [fact]);
  }
  const rows: PlaceStageRow[] = [...byPlace.entries()].map(([key, facts]) => {
    const effective = facts.filter((fact) => isEffective(fact, state.supersededBy));
    const segments = merged(
      effective.map((fact, i) => ({ from: fact.occurredAt, to: effective[i + 1]?.occurredAt ?? to, stage: fact.stage, eventId: fact.id })),
    );
    const first = facts[0];
    return {
      key,
      label: first?.place ? `${first.place}${first.country ? ` (${first.country})` : ''}` : 'Theatre-wide',
      segments,
      reports: facts.map((fact) => ({
        t: fact.occurredAt,
        stage: fact.stage,
        eventId: fact.id,
        status: isEffective(fact, state.supersededBy) ? 'effective' : state.supersededBy.has(fact.id) ? 'superseded' : 'retracted',
      })),
      current: effective[effective.length - 1]?.stage,
    };
  });
  rows.sort((a, b) => severity(b.current) - severity(a.current) || a.label.localeCompare(b.label));
  if (rows.length === 0) return [];
  return [{ key: '*', label: 'Whole theatre (worst place)', segments: theatreSegments(rows, to), reports: [], current: mostSevere(rows.map((r) => r.current)) }, ...rows];
};

const severity = (stage: ProtestStage | undefined): number => (stage === undefined ? -1 : severityOf(stage));

const mostSevere = (stages: ReadonlyArray<ProtestStage | undefined>): ProtestStage | undefined =>
  stages.reduce<ProtestStage | undefined>((worst, stage) => (severity(stage) > severity(worst) ? stage : worst), undefined);

/** At each boundary of any place, the most severe stage any place is at (one sweep, a cursor per place). */
const theatreSegments = (rows: readonly PlaceStageRow[], to: number): StageSegment[] => {
  const boundaries = [...new Set(rows.flatMap((row) => row.segments.map((s) => s.from)))].sort((a, b) => a - b);
  const cursors = rows.map(() => 0);
  const segments: StageSegment[] = [];
  boundaries.forEach((from, i) => {
    let worst: StageSegment | undefined;
    rows.forEach((row, r) => {
      let cursor = cursors[r] ?? 0;
      while (cursor < row.segments.length && (row.segments[cursor]?.to ?? Infinity) <= from) cursor += 1;
      cursors[r] = cursor;
      const active = row.segments[cursor];
      if (active && active.from <= from && (worst === undefined || severityOf(active.stage) > severityOf(worst.stage))) worst = active;
    });
    if (worst) segments.push({ from, to: boundaries[i + 1] ?? to, stage: worst.stage, eventId: worst.eventId });
  });
  return merged(segments);
};

/**
 * At most `buckets` segments: within each bucket the most severe stage wins, so a short riot
 * stays visible when a year is squeezed into 600 pixels.
 */
export const coarsenSegments = (segments: readonly StageSegment[], from: number, to: number, buckets: number): StageSegment[] => {
  if (segments.length <= buckets || to <= from) return [...segments];
  const width = (to - from) / buckets;
  const out: StageSegment[] = [];
  let cursor = 0;
  for (let b = 0; b < buckets; b += 1) {
    const start = from + b * width;
    const end = b === buckets - 1 ? to : start + width;
    while (cursor < segments.length && (segments[cursor]?.to ?? Infinity) <= start) cursor += 1;
    let worst: StageSegment | undefined;
    let coveredFrom = end;
    let coveredTo = start;
    for (let i = cursor; i < segments.length; i += 1) {
      const segment = segments[i];
      if (segment === undefined || segment.from >= end) break;
      coveredFrom = Math.min(coveredFrom, Math.max(start, segment.from));
      coveredTo = Math.max(coveredTo, Math.min(end, segment.to));
      if (worst === undefined || severityOf(segment.stage) > severityOf(worst.stage)) worst = segment;
    }
    if (worst) out.push({ from: coveredFrom, to: coveredTo, stage: worst.stage, eventId: worst.eventId });
  }
  return merged(out);
};
