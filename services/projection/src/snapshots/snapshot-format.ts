import { createHash } from 'node:crypto';
import { createDeflateRaw, createInflateRaw } from 'node:zlib';
import type { SerialisedTheatreState } from '@watchfloor/crisis-state';
import { ALERT_BANDS, type AlertBand } from '@watchfloor/events';
import { z } from 'zod';
import { formatVector, fromRecord, parseVector, toRecord, type PositionVector } from '../fold/position-vector';

/**
 * How a projection is written to `crisis.snapshots` (compacted, keyed by projection id).
 *
 * The body is NDJSON, deflated: a `projection` line (positions, alert bands), then each theatre's
 * serialised state in lines of at most FACTS_PER_LINE facts, then an `end` line with the counts.
 * Lines keep every string small: a million facts in one JSON string would near V8's string limit.
 *
 * The deflated body is cut into chunks, each its own message keyed `<projection>/<snapshot>/<n>`;
 * the HEAD record, keyed by the projection id alone, goes last and lists them with a SHA-256 of
 * the whole. A snapshot whose head is missing (a crash mid-write) is never loaded, and one whose
 * chunks do not add up to the head's hash is refused. Compaction keeps the newest head per
 * projection; chunk keys are unique per snapshot, so the writer tombstones the chunks of the
 * snapshots its head replaced.
 */

export const SNAPSHOT_BODY_FORMAT = 'watchfloor.projection-snapshot';
export const SNAPSHOT_HEAD_FORMAT = 'watchfloor.projection-snapshot.head';
export const PROJECTION_SNAPSHOT_VERSION = 1;
export const SNAPSHOT_ENCODING = 'ndjson+deflate-raw';
export const FACTS_PER_LINE = 2000;
export const DEFAULT_CHUNK_BYTES = 512 * 1024;

export const SNAPSHOT_HEADERS = {
  snapshotId: 'x-watchfloor-snapshot-id',
  part: 'x-watchfloor-snapshot-part',
} as const;

/** The whole projection at one set of positions, as captured in one synchronous step. */
export interface ProjectionCut {
  readonly eventsTopic: string;
  readonly positions: PositionVector;
  readonly theatres: readonly SerialisedTheatreState[];
  /** The band each theatre was last judged in; empty while alerting has not started. */
  readonly alertBands: ReadonlyArray<readonly [string, AlertBand]>;
}

export interface SnapshotHead {
  readonly format: typeof SNAPSHOT_HEAD_FORMAT;
  readonly version: typeof PROJECTION_SNAPSHOT_VERSION;
  readonly projectionId: string;
  readonly snapshotId: string;
  readonly takenAt: string;
  readonly eventsTopic: string;
  readonly positions: string;
  readonly encoding: typeof SNAPSHOT_ENCODING;
  readonly chunks: number;
  readonly bytes: number;
  readonly sha256: string;
  readonly theatres: number;
  readonly facts: number;
}

export const chunkKey = (projectionId: string, snapshotId: string, part: number): string => `${projectionId}/${snapshotId}/${part}`;

// ---- writing ---------------------------------------------------------------------------------

export interface EncodedSnapshot {
  readonly chunks: readonly Buffer[];
  readonly bytes: number;
  readonly sha256: string;
  readonly rawBytes: number;
  readonly facts: number;
}

/** The body lines of a cut, one at a time (so a large projection is never one string). */
export function* snapshotLines(cut: ProjectionCut): Generator<string> {
  yield JSON.stringify({
    kind: 'projection',
    format: SNAPSHOT_BODY_FORMAT,
    version: PROJECTION_SNAPSHOT_VERSION,
    eventsTopic: cut.eventsTopic,
    positions: toRecord(cut.positions),
    alertBands: Object.fromEntries(cut.alertBands),
    theatres: cut.theatres.length,
  });
  let facts = 0;
  for (const state of cut.theatres) {
    // A theatre without facts still gets one line, so that it is restored.
    for (let from = 0; from === 0 || from < state.facts.length; from += FACTS_PER_LINE) {
      const page = state.facts.slice(from, from + FACTS_PER_LINE);
      facts += page.length;
      yield JSON.stringify({ kind: 'theatre', state: { ...state, facts: page } });
    }
  }
  yield JSON.stringify({ kind: 'end', theatres: cut.theatres.length, facts });
}

/**
 * Deflates the body on zlib's thread pool, yielding to the event loop between lines, and cuts the
 * result into chunks. The cut is already a copy, so the fold may go on meanwhile.
 */
export const encodeSnapshot = async (cut: ProjectionCut, chunkBytes = DEFAULT_CHUNK_BYTES): Promise<EncodedSnapshot> => {
  // Large chunks: each is one trip to zlib's thread pool, and a busy fold stands between two trips.
  const deflate = createDeflateRaw({ level: 1, chunkSize: 1024 * 1024 });
  const output: Buffer[] = [];
  deflate.on('data', (data: Buffer) => output.push(data));
  const finished = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let rawBytes = 0;
  let facts = 0;
  for (const line of snapshotLines(cut)) {
    const bytes = Buffer.from(`${line}\n`, 'utf8');
    rawBytes += bytes.length;
    if (!deflate.write(bytes)) await new Promise<void>((resolve) => deflate.once('drain', resolve));
  }
  for (const state of cut.theatres) facts += state.facts.length;
  deflate.end();
  await finished;
  const body = Buffer.concat(output);
  const chunks: Buffer[] = [];
  for (let at = 0; at < body.length; at += chunkBytes) chunks.push(body.subarray(at, at + chunkBytes));
  if (chunks.length === 0) chunks.push(Buffer.alloc(0));
  return { chunks, bytes: body.length, sha256: createHash('sha256').update(body).digest('hex'), rawBytes, facts };
};

export const snapshotHead = (options: {
  readonly projectionId: string;
  readonly snapshotId: string;
  readonly takenAt: Date;
  readonly cut: ProjectionCut;
  readonly encoded: EncodedSnapshot;
}): SnapshotHead => ({
  format: SNAPSHOT_HEAD_FORMAT,
  version: PROJECTION_SNAPSHOT_VERSION,
  projectionId: options.projectionId,
  snapshotId: options.snapshotId,
  takenAt: options.takenAt.toISOString(),
  eventsTopic: options.cut.eventsTopic,
  positions: formatVector(options.cut.positions),
  encoding: SNAPSHOT_ENCODING,
  chunks: options.encoded.chunks.length,
  bytes: options.encoded.bytes,
  sha256: options.encoded.sha256,
  theatres: options.cut.theatres.length,
  facts: options.encoded.facts,
});

// ---- reading ---------------------------------------------------------------------------------

const headSchema = z.object({
  format: z.literal(SNAPSHOT_HEAD_FORMAT),
  version: z.literal(PROJECTION_SNAPSHOT_VERSION),
  projectionId: z.string(),
  snapshotId: z.string().min(1),
  takenAt: z.string(),
  eventsTopic: z.string(),
  positions: z.string(),
  encoding: z.literal(SNAPSHOT_ENCODING),
  chunks: z.number().int().positive(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  theatres: z.number().int().nonnegative(),
  facts: z.number().int().nonnegative(),
});

export type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

export const parseHead = (value: Buffer): Read<SnapshotHead> => {
  try {
    const parsed = headSchema.safeParse(JSON.parse(value.toString('utf8')));
    if (!parsed.success) return { ok: false, reason: `not a snapshot head of this version: ${parsed.error.issues[0]?.message ?? ''}` };
    if (!parseVector(parsed.data.positions).ok) return { ok: false, reason: 'the head has malformed positions' };
    return { ok: true, value: parsed.data as SnapshotHead };
  } catch {
    return { ok: false, reason: 'the head is not JSON' };
  }
};

const bandSchema = z.enum(ALERT_BANDS);
const projectionLine = z.object({
  kind: z.literal('projection'),
  format: z.literal(SNAPSHOT_BODY_FORMAT),
  version: z.literal(PROJECTION_SNAPSHOT_VERSION),
  eventsTopic: z.string(),
  positions: z.record(z.string(), z.unknown()),
  alertBands: z.record(z.string(), bandSchema),
  theatres: z.number().int().nonnegative(),
});
const theatreLine = z.object({
  kind: z.literal('theatre'),
  state: z.object({ format: z.string(), version: z.number(), theatre: z.string(), facts: z.array(z.unknown()) }),
});
const endLine = z.object({ kind: z.literal('end'), theatres: z.number(), facts: z.number() });

/** A snapshot body read back: theatre states still serialised (crisis-state restores them). */
export interface SnapshotBody {
  readonly eventsTopic: string;
  readonly positions: PositionVector;
  readonly alertBands: ReadonlyArray<readonly [string, AlertBand]>;
  /** Per theatre, the serialised state with all its facts, as `deserialiseState` takes it. */
  readonly theatres: readonly unknown[];
}

/** Inflates and reads a body, line by line; checks the hash first and the counts at the end. */
export const decodeSnapshot = async (head: SnapshotHead, chunks: readonly Buffer[]): Promise<Read<SnapshotBody>> => {
  const body = Buffer.concat(chunks);
  if (body.length !== head.bytes || createHash('sha256').update(body).digest('hex') !== head.sha256) {
    return { ok: false, reason: 'the chunks do not add up to the head (size or SHA-256 differs)' };
  }
  let projection: z.infer<typeof projectionLine> | undefined;
  let end: z.infer<typeof endLine> | undefined;
  const theatres = new Map<string, { format: string; version: number; theatre: string; facts: unknown[] }>();
  let failure: string | undefined;
  const onLine = (text: string): void => {
    if (failure !== undefined || text === '') return;
    const json: unknown = JSON.parse(text);
    const kind = typeof json === 'object' && json !== null ? (json as { kind?: unknown }).kind : undefined;
    if (kind === 'projection') {
      const parsed = projectionLine.safeParse(json);
      if (!parsed.success) failure = `bad projection line: ${parsed.error.issues[0]?.message ?? ''}`;
      else projection = parsed.data;
    } else if (kind === 'theatre') {
      const parsed = theatreLine.safeParse(json);
      if (!parsed.success) failure = `bad theatre line: ${parsed.error.issues[0]?.message ?? ''}`;
      else {
        const { state } = parsed.data;
        const known = theatres.get(state.theatre);
        if (known === undefined) theatres.set(state.theatre, { ...state, facts: [...state.facts] });
        else for (const fact of state.facts) known.facts.push(fact);
      }
    } else if (kind === 'end') {
      const parsed = endLine.safeParse(json);
      if (parsed.success) end = parsed.data;
    } else {
      failure = `unknown line kind ${String(kind)}`;
    }
  };
  try {
    await inflateLines(body, onLine);
  } catch (error) {
    return { ok: false, reason: `the body does not read: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (failure !== undefined) return { ok: false, reason: failure };
  if (projection === undefined || end === undefined) return { ok: false, reason: 'the body is incomplete' };
  const facts = [...theatres.values()].reduce((sum, t) => sum + t.facts.length, 0);
  if (end.theatres !== theatres.size || end.facts !== facts) return { ok: false, reason: 'the body does not hold what its end line counts' };
  const positions = fromRecord(projection.positions);
  if (!positions.ok) return { ok: false, reason: positions.reason };
  return {
    ok: true,
    value: {
      eventsTopic: projection.eventsTopic,
      positions: positions.value,
      alertBands: Object.entries(projection.alertBands),
      theatres: [...theatres.values()],
    },
  };
};

const NEWLINE = 0x0a;

/** Streams the inflated body and hands over one line at a time, never the whole as a string. */
const inflateLines = (body: Buffer, onLine: (line: string) => void): Promise<void> =>
  new Promise<void>((resolve, reject) => {
    const inflate = createInflateRaw();
    let rest: Buffer = Buffer.alloc(0);
    inflate.on('data', (data: Buffer) => {
      try {
        let buffer = rest.length > 0 ? Buffer.concat([rest, data]) : data;
        let newline = buffer.indexOf(NEWLINE);
        while (newline >= 0) {
          onLine(buffer.toString('utf8', 0, newline));
          buffer = buffer.subarray(newline + 1);
          newline = buffer.indexOf(NEWLINE);
        }
        rest = Buffer.from(buffer);
      } catch (error) {
        inflate.destroy(error instanceof Error ? error : new Error(String(error)));
      }
    });
    inflate.on('end', () => {
      try {
        if (rest.length > 0) onLine(rest.toString('utf8'));
        resolve();
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    inflate.on('error', reject);
    inflate.end(body);
  });

// ---- choosing the snapshot to load ---------------------------------------------------------------

export interface SnapshotRecord {
  readonly key: string | null;
  readonly value: Buffer | null;
  readonly offset: number;
  /** Broker timestamp, epoch ms. */
  readonly timestamp: number;
}

export interface CollectedSnapshots {
  /** The newest snapshot whose head and every chunk were read. */
  readonly newest: { readonly head: SnapshotHead; readonly chunks: readonly Buffer[] } | undefined;
  /** Chunk keys of snapshots a newer complete head replaced: safe to tombstone. */
  readonly superseded: readonly string[];
  /** Chunk keys without a head, with the time their newest chunk was written (a crash, or a write under way). */
  readonly headless: ReadonlyArray<{ readonly key: string; readonly writtenAt: number }>;
  /** Heads that were refused, and why (logged, never loaded). */
  readonly refused: readonly string[];
}

interface ChunkSet {
  readonly parts: Map<number, Buffer>;
  writtenAt: number;
}

/**
 * Reads the snapshot topic in offset order and keeps what loading needs: the newest complete
 * snapshot of one projection. Chunks of older snapshots are let go as soon as a newer head
 * completes, so memory holds about one snapshot, not the topic.
 */
export class SnapshotCollector {
  private readonly sets = new Map<string, ChunkSet>();
  private newest: { head: SnapshotHead; chunks: Buffer[] } | undefined;
  private readonly superseded = new Set<string>();
  private readonly refused: string[] = [];

  constructor(private readonly projectionId: string) {}

  add(record: SnapshotRecord): void {
    if (record.key === this.projectionId) {
      if (record.value !== null) this.addHead(record.value);
      return;
    }
    const prefix = `${this.projectionId}/`;
    if (record.key === null || !record.key.startsWith(prefix)) return;
    const [snapshotId, partText, extra] = record.key.slice(prefix.length).split('/');
    const part = Number(partText);
    if (snapshotId === undefined || extra !== undefined || !Number.isInteger(part) || part < 0) return;
    const set = this.sets.get(snapshotId) ?? { parts: new Map<number, Buffer>(), writtenAt: 0 };
    this.sets.set(snapshotId, set);
    if (record.value === null) {
      set.parts.delete(part);
      if (set.parts.size === 0) this.sets.delete(snapshotId);
      this.superseded.delete(chunkKey(this.projectionId, snapshotId, part));
      return;
    }
    set.parts.set(part, record.value);
    set.writtenAt = Math.max(set.writtenAt, record.timestamp);
  }

  result(): CollectedSnapshots {
    const headless: { key: string; writtenAt: number }[] = [];
    for (const [snapshotId, set] of this.sets) {
      if (snapshotId === this.newest?.head.snapshotId) continue;
      for (const part of set.parts.keys()) headless.push({ key: chunkKey(this.projectionId, snapshotId, part), writtenAt: set.writtenAt });
    }
    return {
      newest: this.newest,
      superseded: [...this.superseded],
      headless,
      refused: [...this.refused],
    };
  }

  private addHead(value: Buffer): void {
    const head = parseHead(value);
    if (!head.ok) {
      this.refused.push(head.reason);
      return;
    }
    const set = this.sets.get(head.value.snapshotId);
    const chunks: Buffer[] = [];
    for (let part = 0; part < head.value.chunks; part += 1) {
      const chunk = set?.parts.get(part);
      if (chunk === undefined) {
        this.refused.push(`snapshot ${head.value.snapshotId} misses chunk ${part} of ${head.value.chunks}`);
        return;
      }
      chunks.push(chunk);
    }
    const previous = this.newest;
    if (previous !== undefined && previous.head.snapshotId !== head.value.snapshotId) {
      for (let part = 0; part < previous.head.chunks; part += 1) {
        this.superseded.add(chunkKey(this.projectionId, previous.head.snapshotId, part));
      }
    }
    this.sets.delete(head.value.snapshotId);
    this.newest = { head: head.value, chunks };
  }
}

/** Whether a loaded snapshot fits this projection: written for the same topic. */
export const fitsTopic = (head: SnapshotHead, eventsTopic: string): boolean => head.eventsTopic === eventsTopic;

