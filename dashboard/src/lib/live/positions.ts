/**
 * Positions in the log of record (docs/live-protocol.md): a vector "0:120,1:98" holds, per
 * partition, the offset of the next message to read; a delta carries the point "3:45" of its
 * event. Folding points into the vector is what lets a client resume after a reconnect and
 * drop deltas it has already applied.
 */

/** Partition → offset of the next message to read. */
export type PositionVector = ReadonlyMap<number, number>;

export interface LogPoint {
  readonly partition: number;
  readonly offset: number;
}

const PAIR = /^(\d+):(\d+)$/;

const pairOf = (text: string): LogPoint | undefined => {
  const match = PAIR.exec(text.trim());
  if (!match?.[1] || !match[2]) return undefined;
  return { partition: Number(match[1]), offset: Number(match[2]) };
};

/** A vector from its text; undefined when any part is malformed. "" is the empty vector. */
export const parseVector = (text: string): PositionVector | undefined => {
  const vector = new Map<number, number>();
  if (text.trim() === '') return vector;
  for (const part of text.split(',')) {
    const pair = pairOf(part);
    if (pair === undefined) return undefined;
    vector.set(pair.partition, Math.max(vector.get(pair.partition) ?? 0, pair.offset));
  }
  return vector;
};

export const parsePoint = (text: string): LogPoint | undefined => pairOf(text);

/** The vector's text, partitions in order, so equal vectors have equal text. */
export const formatVector = (vector: PositionVector): string =>
  [...vector.entries()]
    .sort(([a], [b]) => a - b)
    .map(([partition, next]) => `${partition}:${next}`)
    .join(',');

/** Whether the vector already covers the point: its event was folded in before. */
export const covers = (vector: PositionVector, point: LogPoint): boolean => point.offset < (vector.get(point.partition) ?? 0);

/** The vector after the point's event: that partition's next offset moves past it, never back. */
export const advance = (vector: PositionVector, point: LogPoint): PositionVector => {
  if (covers(vector, point)) return vector;
  const next = new Map(vector);
  next.set(point.partition, point.offset + 1);
  return next;
};

/** Per partition, the further of the two. */
export const mergeVectors = (a: PositionVector, b: PositionVector): PositionVector => {
  const merged = new Map(a);
  for (const [partition, next] of b) merged.set(partition, Math.max(merged.get(partition) ?? 0, next));
  return merged;
};
