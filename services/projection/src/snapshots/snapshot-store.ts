import type { EventLog, OutgoingMessage } from '@watchfloor/kafka';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ProjectionMetrics } from '../app/projection.metrics';
import type { ProjectionStore } from '../fold/projection-store';
import {
  chunkKey,
  decodeSnapshot,
  encodeSnapshot,
  fitsTopic,
  SNAPSHOT_HEADERS,
  SnapshotCollector,
  snapshotHead,
  type SnapshotBody,
  type SnapshotHead,
} from './snapshot-format';

/** Chunks per produce request: ~4 MiB, well inside the broker's request limit. */
const CHUNKS_PER_SEND = 8;
/** A head-less chunk set older than this was left by a crash, not by a write still under way. */
const ORPHAN_AGE_MS = 10 * 60_000;

export interface SnapshotSettings {
  readonly projectionId: string;
  readonly snapshotsTopic: string;
  readonly eventsTopic: string;
  readonly everyEvents: number;
  readonly everyMs: number;
  readonly chunkBytes: number;
}

export interface LoadedSnapshot {
  readonly head: SnapshotHead;
  readonly body: SnapshotBody;
}

/**
 * Writes the projection to `crisis.snapshots` every N events or T seconds and on shutdown, and
 * loads the newest complete one at start (format in snapshot-format.ts).
 *
 * The cut is taken between two batches (the store applies a batch and moves its positions in one
 * synchronous step), so a snapshot's positions are exactly what its states hold: never ahead.
 */
export class SnapshotStore {
  private sinceLast = 0;
  private versionAtLast = -1;
  private writing: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  /** Chunk keys to tombstone once a newer head is written. */
  private stale: string[] = [];
  private previous: SnapshotHead | undefined;
  private stopped = false;
  private catchingUp = true;

  constructor(
    private readonly log: EventLog,
    private readonly store: ProjectionStore,
    private readonly settings: SnapshotSettings,
    private readonly metrics: ProjectionMetrics,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Reads the topic for the newest complete snapshot of this projection; undefined when there is none that fits. */
  async load(): Promise<LoadedSnapshot | undefined> {
    const collector = new SnapshotCollector(this.settings.projectionId);
    await this.log.readUntilEnd({
      topic: this.settings.snapshotsTopic,
      groupPrefix: `${this.settings.projectionId}-snapshot-load`,
      onBatch: (batch) => {
        for (const m of batch.messages) collector.add({ key: m.key, value: m.value, offset: Number(m.offset), timestamp: m.timestamp });
      },
    });
    const found = collector.result();
    for (const reason of found.refused) this.logger.warn({ reason }, 'ignored a snapshot head');
    const now = this.clock().getTime();
    this.stale = [...found.superseded, ...found.headless.filter((h) => now - h.writtenAt > ORPHAN_AGE_MS).map((h) => h.key)];
    if (found.newest === undefined) return undefined;
    const { head, chunks } = found.newest;
    if (!fitsTopic(head, this.settings.eventsTopic)) {
      this.logger.warn({ snapshotTopic: head.eventsTopic, eventsTopic: this.settings.eventsTopic }, 'the newest snapshot was taken of another topic; not loading it');
      return undefined;
    }
    const body = await decodeSnapshot(head, chunks);
    if (!body.ok) {
      this.logger.warn({ snapshotId: head.snapshotId, reason: body.reason }, 'the newest snapshot does not read; folding from the start');
      return undefined;
    }
    this.previous = head;
    return { head, body: body.value };
  }

  start(): void {
    if (this.settings.everyMs > 0) {
      this.timer = setInterval(() => {
        if (this.store.version !== this.versionAtLast) this.request();
      }, this.settings.everyMs);
      this.timer.unref();
    }
  }

  /**
   * Told after each batch; takes a snapshot once enough events were applied: every N events, or
   * every half of the state's size if that is more. Writing costs as much as the state is large,
   * so a fixed N would make a long rebuild spend most of its time writing ever larger snapshots;
   * this way the cost per event stays constant and a restart refolds at most half a state's worth.
   */
  noteApplied(count: number): void {
    this.sinceLast += count;
    if (this.catchingUp || this.settings.everyEvents <= 0) return;
    if (this.sinceLast >= Math.max(this.settings.everyEvents, this.store.factCount() / 2)) this.request();
  }

  /**
   * While the fold catches up, snapshots come by time only: a catch-up folds tens of thousands of
   * events a second, and snapshotting every N of them would spend the catch-up writing. A crash
   * mid-catch-up then costs at most one interval of folding again.
   */
  caughtUp(): void {
    this.catchingUp = false;
    this.request();
  }

  /** Stops the schedule, waits for a write under way, then writes a last one if anything changed. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.writing;
    if (this.store.version !== this.versionAtLast) await this.write();
  }

  /** A snapshot now (or right after the one under way). */
  request(): void {
    if (this.stopped && this.writing === undefined) return;
    if (this.writing !== undefined) {
      this.again = true;
      return;
    }
    this.writing = this.write().finally(() => {
      this.writing = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        this.request();
      }
    });
  }

  /** Resolves when no snapshot is being written (tests). */
  async idle(): Promise<void> {
    while (this.writing !== undefined) await this.writing;
  }

  get lastHead(): SnapshotHead | undefined {
    return this.previous;
  }

  /** The store now holds exactly the loaded snapshot: nothing to write until it changes. */
  markCurrent(): void {
    this.versionAtLast = this.store.version;
  }

  private async write(): Promise<void> {
    const started = performance.now();
    const version = this.store.version;
    if (version === this.versionAtLast) return;
    const applied = this.sinceLast;
    const cut = this.store.cut(this.settings.eventsTopic);
    this.sinceLast = 0;
    try {
      const encoded = await encodeSnapshot(cut, this.settings.chunkBytes);
      const snapshotId = randomUUID();
      const head = snapshotHead({ projectionId: this.settings.projectionId, snapshotId, takenAt: this.clock(), cut, encoded });
      const chunkMessages: OutgoingMessage[] = encoded.chunks.map((value, part) => ({
        key: chunkKey(this.settings.projectionId, snapshotId, part),
        value,
        headers: { [SNAPSHOT_HEADERS.snapshotId]: snapshotId, [SNAPSHOT_HEADERS.part]: String(part) },
      }));
      for (let i = 0; i < chunkMessages.length; i += CHUNKS_PER_SEND) {
        await this.log.send(this.settings.snapshotsTopic, chunkMessages.slice(i, i + CHUNKS_PER_SEND));
      }
      // The head last: a crash before this line leaves chunks nobody loads.
      await this.log.send(this.settings.snapshotsTopic, [
        { key: this.settings.projectionId, value: JSON.stringify(head), headers: { [SNAPSHOT_HEADERS.snapshotId]: snapshotId } },
      ]);
      const replaced = this.previous;
      const stale = [...this.stale, ...(replaced === undefined ? [] : Array.from({ length: replaced.chunks }, (_, part) => chunkKey(this.settings.projectionId, replaced.snapshotId, part)))];
      this.previous = head;
      this.stale = [];
      this.versionAtLast = version;
      if (stale.length > 0) {
        await this.log.send(this.settings.snapshotsTopic, stale.map((key) => ({ key, value: null }))).catch((error: unknown) => {
          this.stale.push(...stale);
          this.logger.warn({ err: error }, 'could not tombstone the chunks of replaced snapshots; will try after the next one');
        });
      }
      const seconds = (performance.now() - started) / 1000;
      this.metrics.snapshotWritten(seconds, encoded.bytes);
      this.logger.info(
        { snapshotId, positions: head.positions, theatres: head.theatres, facts: head.facts, bytes: encoded.bytes, rawBytes: encoded.rawBytes, chunks: head.chunks, ms: Math.round(seconds * 1000) },
        'snapshot written',
      );
    } catch (error) {
      this.sinceLast += applied;
      this.metrics.snapshotFailed();
      this.logger.warn({ err: error }, 'could not write a snapshot; the next one will try again');
    }
  }
}
