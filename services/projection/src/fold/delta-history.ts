import { matches, type FilterFields, type TimelineFilter } from '../timeline/timeline-filter';
import type { LogPoint, PositionVector } from './position-vector';

/**
 * The last N applied events, in apply order, so a client that reconnects with its position vector
 * gets exactly what it missed instead of a whole new snapshot (docs/live-protocol.md).
 *
 * Resuming is only exact if nothing the client wants has been evicted since its vector. The
 * history tracks, per partition, the offset below which it has forgotten events (`floor`), in
 * total and per theatre: a client watching one theatre is not sent back to a snapshot because
 * other theatres' events were evicted.
 */

export interface Delta {
  readonly point: LogPoint;
  readonly fields: FilterFields;
  /** The event as JSON, exactly as the API serves it; computed once, on first use. */
  eventJson(): string;
}

export type ResumeResult = { readonly ok: true; readonly deltas: readonly Delta[] } | { readonly ok: false; readonly reason: string };

export class DeltaHistory {
  private readonly ring: (Delta | undefined)[];
  private start = 0;
  private length = 0;
  private readonly startsAt: PositionVector;
  /** Per partition, the offset below which the history may have forgotten events. */
  private readonly floor: Map<number, number>;
  private readonly theatreFloors = new Map<string, Map<number, number>>();

  /** `startsAt`: the positions the history begins at; nothing before them was ever in it. */
  constructor(
    readonly capacity: number,
    startsAt: PositionVector,
  ) {
    this.ring = new Array<Delta | undefined>(Math.max(1, capacity));
    this.startsAt = new Map(startsAt);
    this.floor = new Map(startsAt);
  }

  get size(): number {
    return this.length;
  }

  push(delta: Delta): void {
    if (this.length === this.ring.length) {
      const evicted = this.ring[this.start];
      if (evicted !== undefined) this.forget(evicted);
      this.ring[this.start] = delta;
      this.start = (this.start + 1) % this.ring.length;
      return;
    }
    this.ring[(this.start + this.length) % this.ring.length] = delta;
    this.length += 1;
  }

  /** Everything matching `filter` that `vector` has not seen, in apply order; or why that cannot be known. */
  since(vector: PositionVector, filter: TimelineFilter): ResumeResult {
    const gap = this.gapFor(vector, filter);
    if (gap !== undefined) return { ok: false, reason: gap };
    const deltas: Delta[] = [];
    for (let i = 0; i < this.length; i += 1) {
      const delta = this.ring[(this.start + i) % this.ring.length];
      if (delta === undefined) continue;
      if (delta.point.offset >= (vector.get(delta.point.partition) ?? 0) && matches(filter, delta.fields)) deltas.push(delta);
    }
    return { ok: true, deltas };
  }

  private gapFor(vector: PositionVector, filter: TimelineFilter): string | undefined {
    const floors =
      filter.theatres === undefined
        ? [this.floor]
        : [this.startsAt, ...[...filter.theatres].flatMap((theatre) => this.theatreFloors.get(theatre) ?? [])];
    for (const floor of floors) {
      for (const [partition, offset] of floor) {
        const at = vector.get(partition) ?? 0;
        if (at < offset) return `events on partition ${partition} before offset ${offset} are no longer in the history (the client is at ${at})`;
      }
    }
    return undefined;
  }

  private forget(delta: Delta): void {
    const next = delta.point.offset + 1;
    const { partition } = delta.point;
    if (next > (this.floor.get(partition) ?? 0)) this.floor.set(partition, next);
    let floors = this.theatreFloors.get(delta.fields.theatre);
    if (floors === undefined) {
      floors = new Map();
      this.theatreFloors.set(delta.fields.theatre, floors);
    }
    if (next > (floors.get(partition) ?? 0)) floors.set(partition, next);
  }
}
