/**
 * Positions in the log of record (docs/live-protocol.md). A position means the same thing in every
 * projection replica and across restarts, because it names Kafka offsets, not anything of ours:
 * - a vector `"0:120,1:98"`: per partition, the offset of the next message to read;
 * - a point `"3:45"`: the partition and offset of one message.
 *
 * Offsets are JavaScript numbers: exact up to 2^53, far beyond any log this service will fold.
 */

/** Partition → offset of the next message to read. */
export type PositionVector = ReadonlyMap<number, number>;

export interface LogPoint {
  readonly partition: number;
  readonly offset: number;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const MAX_PARTITIONS = 10_000;
const NUMBER = /^\d{1,15}$/;

export const formatPoint = (point: LogPoint): string => `${point.partition}:${point.offset}`;

export const formatVector = (vector: PositionVector): string =>
  [...vector.entries()]
    .sort(([a], [b]) => a - b)
    .map(([partition, offset]) => `${partition}:${offset}`)
    .join(',');

const readPair = (text: string): Parsed<LogPoint> => {
  const [partition, offset, extra] = text.trim().split(':');
  if (partition === undefined || offset === undefined || extra !== undefined || !NUMBER.test(partition) || !NUMBER.test(offset)) {
    return { ok: false, reason: `"${text}" is not partition:offset` };
  }
  const p = Number(partition);
  if (p >= MAX_PARTITIONS) return { ok: false, reason: `partition ${p} is out of range` };
  return { ok: true, value: { partition: p, offset: Number(offset) } };
};

export const parsePoint = (text: string): Parsed<LogPoint> => readPair(text);

/** Reads `"0:120,1:98"`; an empty string is the empty vector (nothing read yet). */
export const parseVector = (text: string): Parsed<PositionVector> => {
  const vector = new Map<number, number>();
  if (text.trim() === '') return { ok: true, value: vector };
  for (const pair of text.split(',')) {
    const point = readPair(pair);
    if (!point.ok) return point;
    if (vector.has(point.value.partition)) return { ok: false, reason: `partition ${point.value.partition} appears twice` };
    vector.set(point.value.partition, point.value.offset);
  }
  return { ok: true, value: vector };
};

/** Whether the message at `point` is behind the vector: already read by whoever holds it. */
export const covers = (vector: PositionVector, point: LogPoint): boolean => point.offset < (vector.get(point.partition) ?? 0);

/** Moves the vector past `point` (never backwards). */
export const advancePast = (vector: Map<number, number>, point: LogPoint): void => {
  const next = point.offset + 1;
  if (next > (vector.get(point.partition) ?? 0)) vector.set(point.partition, next);
};

/** Whether `a` has read at least what `b` has, on every partition `b` names. */
export const reaches = (a: PositionVector, b: PositionVector): boolean => {
  for (const [partition, offset] of b) if ((a.get(partition) ?? 0) < offset) return false;
  return true;
};

/** Messages between `from` and `to`, per partition: what is left to read (the lag). */
export const distance = (from: PositionVector, to: PositionVector): number => {
  let total = 0;
  for (const [partition, offset] of to) total += Math.max(0, offset - (from.get(partition) ?? 0));
  return total;
};

export const toRecord = (vector: PositionVector): Record<string, number> =>
  Object.fromEntries([...vector.entries()].sort(([a], [b]) => a - b).map(([p, o]) => [String(p), o]));

export const fromRecord = (record: Readonly<Record<string, unknown>>): Parsed<PositionVector> => {
  const vector = new Map<number, number>();
  for (const [partition, offset] of Object.entries(record)) {
    if (!NUMBER.test(partition) || typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) {
      return { ok: false, reason: `"${partition}": ${String(offset)} is not a partition and an offset` };
    }
    vector.set(Number(partition), offset);
  }
  return { ok: true, value: vector };
};
