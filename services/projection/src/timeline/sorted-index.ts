/**
 * Entry numbers kept in a sort order, for a timeline that mostly grows at its end (reports arrive
 * roughly in time order) but takes late reports in their place.
 *
 * Chunks of at most CHUNK numbers, each sorted, the chunks in order: an insert at the end is an
 * append, a late one shifts at most one chunk (memmove of ≤ 8 KiB), and no insert ever copies the
 * whole index. 4 bytes per entry.
 */
const CHUNK = 2048;

/** Compares two entries by number; negative when `a` sorts first. */
export type EntryOrder = (a: number, b: number) => number;
/** Compares an entry with a key being looked for; negative when the entry sorts before it. */
export type EntryProbe = (entry: number) => number;

export interface IndexPosition {
  readonly chunk: number;
  readonly index: number;
}

export class SortedIndex {
  private readonly chunks: Int32Array[] = [];
  private readonly counts: number[] = [];
  private total = 0;

  constructor(private readonly order: EntryOrder) {}

  get size(): number {
    return this.total;
  }

  insert(entry: number): void {
    this.total += 1;
    const lastChunk = this.chunks.length - 1;
    const last = this.lastOf(lastChunk);
    if (last === undefined || this.order(last, entry) <= 0) {
      this.appendTo(lastChunk, entry);
      return;
    }
    // The first chunk whose last entry sorts after the new one takes it.
    let low = 0;
    let high = lastChunk;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const probe = this.lastOf(middle);
      if (probe !== undefined && this.order(probe, entry) <= 0) low = middle + 1;
      else high = middle;
    }
    this.insertInto(low, entry);
  }

  /** The first position whose entry does not sort before the key (`probe(entry) >= 0`). */
  lowerBound(probe: EntryProbe): IndexPosition {
    return this.bound((entry) => probe(entry) < 0);
  }

  /** The first position whose entry sorts after the key (`probe(entry) > 0`). */
  upperBound(probe: EntryProbe): IndexPosition {
    return this.bound((entry) => probe(entry) <= 0);
  }

  start(): IndexPosition {
    return { chunk: 0, index: 0 };
  }

  end(): IndexPosition {
    return { chunk: this.chunks.length, index: 0 };
  }

  /** Visits entries from `from` towards the end while `visit` returns true. */
  forward(from: IndexPosition, visit: (entry: number) => boolean): void {
    for (let c = from.chunk; c < this.chunks.length; c += 1) {
      const chunk = this.chunks[c];
      const count = this.counts[c] ?? 0;
      if (chunk === undefined) return;
      for (let i = c === from.chunk ? from.index : 0; i < count; i += 1) {
        if (!visit(chunk[i] ?? 0)) return;
      }
    }
  }

  /** Visits entries before `before` towards the start while `visit` returns true. */
  backward(before: IndexPosition, visit: (entry: number) => boolean): void {
    for (let c = Math.min(before.chunk, this.chunks.length - 1); c >= 0; c -= 1) {
      const chunk = this.chunks[c];
      if (chunk === undefined) return;
      const count = this.counts[c] ?? 0;
      for (let i = (c === before.chunk ? before.index : count) - 1; i >= 0; i -= 1) {
        if (!visit(chunk[i] ?? 0)) return;
      }
    }
  }

  private bound(before: (entry: number) => boolean): IndexPosition {
    let low = 0;
    let high = this.chunks.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const last = this.lastOf(middle);
      if (last !== undefined && before(last)) low = middle + 1;
      else high = middle;
    }
    const chunk = this.chunks[low];
    if (chunk === undefined) return this.end();
    let lo = 0;
    let hi = this.counts[low] ?? 0;
    while (lo < hi) {
      const middle = (lo + hi) >>> 1;
      if (before(chunk[middle] ?? 0)) lo = middle + 1;
      else hi = middle;
    }
    return { chunk: low, index: lo };
  }

  private lastOf(chunk: number): number | undefined {
    const entries = this.chunks[chunk];
    const count = this.counts[chunk] ?? 0;
    return entries === undefined || count === 0 ? undefined : entries[count - 1];
  }

  private appendTo(chunkIndex: number, entry: number): void {
    const chunk = this.chunks[chunkIndex];
    const count = this.counts[chunkIndex] ?? 0;
    if (chunk === undefined || count === CHUNK) {
      const fresh = new Int32Array(CHUNK);
      fresh[0] = entry;
      this.chunks.push(fresh);
      this.counts.push(1);
      return;
    }
    chunk[count] = entry;
    this.counts[chunkIndex] = count + 1;
  }

  private insertInto(chunkIndex: number, entry: number): void {
    let target = chunkIndex;
    if ((this.counts[target] ?? 0) === CHUNK) {
      this.split(target);
      const firstHalfLast = this.lastOf(target);
      if (firstHalfLast !== undefined && this.order(firstHalfLast, entry) <= 0) target += 1;
    }
    const chunk = this.chunks[target];
    const count = this.counts[target] ?? 0;
    if (chunk === undefined) throw new Error('no chunk to insert into');
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const middle = (lo + hi) >>> 1;
      if (this.order(chunk[middle] ?? 0, entry) <= 0) lo = middle + 1;
      else hi = middle;
    }
    chunk.copyWithin(lo + 1, lo, count);
    chunk[lo] = entry;
    this.counts[target] = count + 1;
  }

  private split(chunkIndex: number): void {
    const chunk = this.chunks[chunkIndex];
    if (chunk === undefined) return;
    const half = CHUNK >>> 1;
    const second = new Int32Array(CHUNK);
    second.set(chunk.subarray(half, CHUNK));
    this.chunks.splice(chunkIndex + 1, 0, second);
    this.counts.splice(chunkIndex + 1, 0, CHUNK - half);
    this.counts[chunkIndex] = half;
  }
}
