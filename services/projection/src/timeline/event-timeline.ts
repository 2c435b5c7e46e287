import { EVENT_TYPE_NAMES, RELIABILITY, VERIFICATION, type CrisisEvent, type EventType, type Reliability, type Verification } from '@watchfloor/events';
import type { LogPoint } from '../fold/position-vector';
import { EventArchive, type ArchiveOptions } from './event-archive';
import { SortedIndex, type IndexPosition } from './sorted-index';
import { storedEvent } from './stored-event';
import { matches, reliabilityRank, typeRank, verificationRank, type FilterFields, type TimelineFilter } from './timeline-filter';

/**
 * Every applied event, ordered by occurredAt, for `GET /api/events`, the feed's snapshot and replays.
 *
 * Memory is the design constraint (a million events must fit): the bodies sit compressed in an
 * EventArchive, and what queries look at sits in typed-array columns, ~70 bytes per event, so a
 * filter scans numbers rather than objects and never touches a body it does not return.
 *
 * Order: occurredAt, then recordedAt, then id: the same in every replica and after every restart,
 * so a cursor from one process pages on in another.
 */

export interface TimelineRecord {
  readonly point: LogPoint;
  readonly id: string;
  readonly theatre: string;
  readonly type: EventType;
  readonly occurredAt: number;
  readonly recordedAt: number;
  readonly reliability: Reliability;
  readonly verification: Verification;
  /** The version the bytes were written at. */
  readonly schemaVersion: number;
  readonly raw: Buffer;
}

/** Where a page ends: the sort key of its last event. */
export interface TimelineKey {
  readonly occurredAt: number;
  readonly recordedAt: number;
  readonly id: string;
}

export type TimelineOrder = 'asc' | 'desc';

export interface PageRequest {
  readonly limit: number;
  /** Continue after this key (exclusive), in the page's order. */
  readonly after?: TimelineKey;
  readonly order: TimelineOrder;
}

export interface TimelinePage {
  readonly entries: readonly number[];
  /** Key of the last entry, when more may follow. */
  readonly next: TimelineKey | undefined;
}

const BLOCK_BITS = 14;
const BLOCK = 1 << BLOCK_BITS;
const MASK = BLOCK - 1;

/** One block of columns: BLOCK entries. */
class Block {
  readonly times = new Float64Array(BLOCK * 2); // occurredAt, recordedAt
  readonly offsets = new Float64Array(BLOCK); // Kafka offset
  readonly refs = new Uint32Array(BLOCK * 4); // slab, slab offset, length, partition
  readonly theatres = new Uint16Array(BLOCK);
  readonly small = new Uint8Array(BLOCK * 4); // type, reliability, verification, schema version
  readonly ids = new Uint8Array(BLOCK * 16);
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

const nibble = (code: number): number => (code <= 57 ? code - 48 : (code | 0x20) - 87);

/** The 16 bytes of a UUID, on the fold's hot path: char codes, no intermediate strings. */
const idBytes = (id: string, into: Uint8Array, at: number): void => {
  let byte = 0;
  for (let i = 0; i < id.length && byte < 16; i += 1) {
    const high = id.charCodeAt(i);
    if (high === 45) continue; // '-'
    into[at + byte] = ((nibble(high) & 15) << 4) | (nibble(id.charCodeAt(i + 1)) & 15);
    byte += 1;
    i += 1;
  }
};

const compareBytes = (a: Uint8Array, aAt: number, b: Uint8Array, bAt: number): number => {
  for (let i = 0; i < 16; i += 1) {
    const d = (a[aAt + i] ?? 0) - (b[bAt + i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
};

export class EventTimeline {
  private readonly blocks: Block[] = [];
  private readonly archive: EventArchive;
  private readonly theatreIds: string[] = [];
  private readonly theatreIndex = new Map<string, number>();
  private readonly order = new SortedIndex((a, b) => this.compare(a, b));
  private count = 0;

  constructor(options: ArchiveOptions = {}) {
    this.archive = new EventArchive(options);
  }

  get size(): number {
    return this.count;
  }

  archiveStats() {
    return this.archive.stats();
  }

  settled(): Promise<void> {
    return this.archive.settled();
  }

  append(record: TimelineRecord): number {
    const entry = this.count;
    const block = this.blocks[entry >>> BLOCK_BITS] ?? this.addBlock();
    const i = entry & MASK;
    const ref = this.archive.append(record.raw);
    block.times[i * 2] = record.occurredAt;
    block.times[i * 2 + 1] = record.recordedAt;
    block.offsets[i] = record.point.offset;
    block.refs[i * 4] = ref.slab;
    block.refs[i * 4 + 1] = ref.offset;
    block.refs[i * 4 + 2] = ref.length;
    block.refs[i * 4 + 3] = record.point.partition;
    block.theatres[i] = this.theatreNumber(record.theatre);
    block.small[i * 4] = typeRank(record.type);
    block.small[i * 4 + 1] = reliabilityRank(record.reliability);
    block.small[i * 4 + 2] = verificationRank(record.verification);
    block.small[i * 4 + 3] = record.schemaVersion;
    idBytes(record.id, block.ids, i * 16);
    this.count += 1;
    this.order.insert(entry);
    return entry;
  }

  fields(entry: number): FilterFields & { readonly recordedAt: number; readonly point: LogPoint; readonly schemaVersion: number } {
    const { block, i } = this.locate(entry);
    return {
      theatre: this.theatreIds[block.theatres[i] ?? 0] ?? '',
      type: EVENT_TYPE_NAMES[block.small[i * 4] ?? 0] ?? 'protest.escalated',
      reliability: RELIABILITY[block.small[i * 4 + 1] ?? 0] ?? 'F',
      verification: VERIFICATION[block.small[i * 4 + 2] ?? 0] ?? 'unverified',
      occurredAt: block.times[i * 2] ?? 0,
      recordedAt: block.times[i * 2 + 1] ?? 0,
      point: { partition: block.refs[i * 4 + 3] ?? 0, offset: block.offsets[i] ?? 0 },
      schemaVersion: block.small[i * 4 + 3] ?? 1,
    };
  }

  keyOf(entry: number): TimelineKey {
    const { block, i } = this.locate(entry);
    const id = Array.from(block.ids.subarray(i * 16, i * 16 + 16), (b) => HEX[b] ?? '00').join('');
    return {
      occurredAt: block.times[i * 2] ?? 0,
      recordedAt: block.times[i * 2 + 1] ?? 0,
      id: `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`,
    };
  }

  /** The stored bytes of an entry. */
  raw(entry: number): Buffer {
    const { block, i } = this.locate(entry);
    return this.archive.read({ slab: block.refs[i * 4] ?? 0, offset: block.refs[i * 4 + 1] ?? 0, length: block.refs[i * 4 + 2] ?? 0 });
  }

  event(entry: number): CrisisEvent {
    const fields = this.fields(entry);
    return storedEvent(this.raw(entry), fields.type, fields.schemaVersion);
  }

  /** One page of the events matching `filter`, in occurredAt order (or its reverse). */
  page(filter: TimelineFilter, request: PageRequest): TimelinePage {
    const entries: number[] = [];
    const visit = (entry: number): boolean => {
      const fields = this.fields(entry);
      if (request.order === 'asc' ? filter.to !== undefined && fields.occurredAt >= filter.to : filter.from !== undefined && fields.occurredAt < filter.from) {
        return false;
      }
      if (matches(filter, fields)) entries.push(entry);
      // One more than asked tells whether a next page exists.
      return entries.length <= request.limit;
    };
    if (request.order === 'asc') this.order.forward(this.ascendingStart(filter, request.after), visit);
    else this.order.backward(this.descendingStart(filter, request.after), visit);
    const more = entries.length > request.limit;
    const page = more ? entries.slice(0, request.limit) : entries;
    const last = page[page.length - 1];
    return { entries: page, next: more && last !== undefined ? this.keyOf(last) : undefined };
  }

  /** Entries from the newest matching one backwards, at most `limit`. */
  newest(filter: TimelineFilter, limit: number): number[] {
    return [...this.page(filter, { limit, order: 'desc' }).entries];
  }

  private ascendingStart(filter: TimelineFilter, after: TimelineKey | undefined): IndexPosition {
    if (after !== undefined) return this.order.upperBound(this.probe(after));
    if (filter.from !== undefined) {
      const from = filter.from;
      return this.order.lowerBound((entry) => this.occurredAt(entry) - from);
    }
    return this.order.start();
  }

  private descendingStart(filter: TimelineFilter, after: TimelineKey | undefined): IndexPosition {
    if (after !== undefined) return this.order.lowerBound(this.probe(after));
    if (filter.to !== undefined) {
      const to = filter.to;
      return this.order.lowerBound((entry) => this.occurredAt(entry) - to);
    }
    return this.order.end();
  }

  private probe(key: TimelineKey): (entry: number) => number {
    const keyId = new Uint8Array(16);
    idBytes(key.id, keyId, 0);
    return (entry) => {
      const { block, i } = this.locate(entry);
      return (
        (block.times[i * 2] ?? 0) - key.occurredAt ||
        (block.times[i * 2 + 1] ?? 0) - key.recordedAt ||
        compareBytes(block.ids, i * 16, keyId, 0)
      );
    };
  }

  private occurredAt(entry: number): number {
    const { block, i } = this.locate(entry);
    return block.times[i * 2] ?? 0;
  }

  private compare(a: number, b: number): number {
    const x = this.locate(a);
    const y = this.locate(b);
    return (
      (x.block.times[x.i * 2] ?? 0) - (y.block.times[y.i * 2] ?? 0) ||
      (x.block.times[x.i * 2 + 1] ?? 0) - (y.block.times[y.i * 2 + 1] ?? 0) ||
      compareBytes(x.block.ids, x.i * 16, y.block.ids, y.i * 16)
    );
  }

  private locate(entry: number): { block: Block; i: number } {
    const block = this.blocks[entry >>> BLOCK_BITS];
    if (block === undefined || entry >= this.count) throw new Error(`no timeline entry ${entry}`);
    return { block, i: entry & MASK };
  }

  private addBlock(): Block {
    const block = new Block();
    this.blocks.push(block);
    return block;
  }

  private theatreNumber(theatre: string): number {
    let n = this.theatreIndex.get(theatre);
    if (n === undefined) {
      n = this.theatreIds.length;
      if (n > 0xffff) throw new Error('more than 65,536 theatres');
      this.theatreIds.push(theatre);
      this.theatreIndex.set(theatre, n);
    }
    return n;
  }
}
