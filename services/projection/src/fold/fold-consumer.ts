import { CE_HEADERS, type AlertRaised } from '@watchfloor/events';
import { headerText, type EventLog, type LogBatch, type LogConsumer, type OutgoingMessage } from '@watchfloor/kafka';
import type { Logger } from 'pino';
import type { ProjectionMetrics } from '../app/projection.metrics';
import { decide, PARKED_HEADERS, parkedCopy } from '../parking/parking';
import { formatVector, type PositionVector } from './position-vector';
import type { IncomingEvent, ProjectionStore, WarmMessage } from './projection-store';

export interface FoldTopics {
  readonly events: string;
  readonly parked: string;
}

export interface FoldSettings {
  /** Consumer group of this process alone: every replica reads every partition. */
  readonly groupId: string;
  readonly fetchWaitMs: number;
  /** Read from the start of the log for the timeline even when a snapshot covers the state. */
  readonly timelineFromStart: boolean;
}

/** Told after every batch (snapshots, alerts): what the batch did. */
export interface FoldObserver {
  afterBatch(outcome: { readonly applied: number; readonly alerts: readonly AlertRaised[] }): Promise<void> | void;
  caughtUp(progress: CatchUpProgress): void;
}

export interface CatchUpProgress {
  readonly caughtUp: boolean;
  /** The end offsets taken at start: what "caught up" means. */
  readonly target: string;
  readonly read: string;
  readonly messagesLeft: number;
  readonly startedAt: number;
  readonly caughtUpAt: number | undefined;
  /** Messages read (folded or warmed) until caught up. */
  readonly messages: number;
}

/**
 * The fold: a plain consumer of `crisis.events` through libs/kafka (our own positions, not
 * committed offsets), feeding the store batch by batch.
 *
 * Per batch: messages below the restored snapshot only warm the timeline; the rest are decoded,
 * the ones that do not decode are parked (written and acknowledged before anything of the batch
 * is applied, so a crash cannot lose them), and the valid ones applied in one synchronous step.
 */
export class FoldConsumer {
  private consumer: LogConsumer | undefined;
  /** Next offset the consumer will hand over, per partition (warming included). */
  private readonly read = new Map<number, number>();
  private target: PositionVector = new Map();
  private startedAt = 0;
  /** When the first batch arrived: the catch-up's folding, without connecting and joining. */
  private firstBatchAt: number | undefined;
  private caughtUpAt: number | undefined;
  private messages = 0;
  private crashed: Error | undefined;

  constructor(
    private readonly log: EventLog,
    private readonly store: ProjectionStore,
    private readonly topics: FoldTopics,
    private readonly settings: FoldSettings,
    private readonly observer: FoldObserver,
    private readonly metrics: ProjectionMetrics,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  get caughtUp(): boolean {
    return this.caughtUpAt !== undefined;
  }

  get failure(): Error | undefined {
    return this.crashed;
  }

  progress(): CatchUpProgress {
    let left = 0;
    for (const [partition, end] of this.target) left += Math.max(0, end - (this.read.get(partition) ?? 0));
    return {
      caughtUp: this.caughtUp,
      target: formatVector(this.target),
      read: formatVector(this.read),
      messagesLeft: left,
      startedAt: this.startedAt,
      caughtUpAt: this.caughtUpAt,
      messages: this.messages,
    };
  }

  /**
   * Starts reading. `restored` are the positions of a loaded snapshot (empty without one); the
   * end offsets taken now are the target of the catch-up.
   */
  async start(restored: PositionVector): Promise<void> {
    this.startedAt = performance.now();
    const offsets = await this.log.endOffsets(this.topics.events);
    this.target = new Map(offsets.map((p) => [p.partition, Number(p.high)]));
    const low = new Map(offsets.map((p) => [p.partition, Number(p.low)]));
    const warm = this.settings.timelineFromStart;
    for (const [partition, start] of low) this.read.set(partition, warm ? start : Math.max(start, restored.get(partition) ?? start));
    const folded = new Map<number, number>();
    for (const [partition, start] of low) folded.set(partition, Math.max(start, restored.get(partition) ?? start));
    this.store.startAt(folded, warm ? low : folded);
    this.checkCaughtUp();
    this.consumer = await this.log.consume({
      groupId: this.settings.groupId,
      topics: [this.topics.events],
      fromBeginning: true,
      maxWaitTimeMs: this.settings.fetchWaitMs,
      // Fetching and record decoding on their own thread overlap the fold (libs/kafka consumer-thread.ts).
      thread: true,
      // What the fold keeps of a message is copied (the timeline's archive) or sent (parked copies)
      // before onBatch resolves, so its bytes may go back to the consumer thread.
      reuseBatchBuffers: true,
      // Always explicit, never a committed offset: from the start to warm the timeline, else where the snapshot ends.
      seek: [...this.read.entries()].map(([partition, offset]) => ({ partition, offset: String(offset) })),
      onBatch: (batch) => this.onBatch(batch),
      onCrash: (error, restarting) => {
        this.logger.error({ err: error, restarting }, 'the fold consumer crashed');
        if (!restarting) this.crashed = error;
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = undefined;
  }

  private async onBatch(batch: LogBatch): Promise<void> {
    this.firstBatchAt ??= performance.now();
    const { partition } = batch;
    const restoredBelow = this.store.restoredPosition(partition);
    const warm: WarmMessage[] = [];
    const incoming: IncomingEvent[] = [];
    const poison: OutgoingMessage[] = [];
    const parkedAt = this.clock();
    for (const message of batch.messages) {
      const offset = Number(message.offset);
      if (offset < restoredBelow) {
        warm.push({ offset, key: message.key, eventId: headerText(message, CE_HEADERS.id), ceType: headerText(message, CE_HEADERS.type), raw: message.value });
        continue;
      }
      const decision = decide(message);
      if (decision.kind === 'apply') incoming.push({ offset, event: decision.event, schemaVersion: decision.schemaVersion, raw: message.value ?? Buffer.alloc(0) });
      else poison.push(parkedCopy(message, decision.reason, parkedAt));
    }
    const last = batch.messages[batch.messages.length - 1];
    if (last === undefined) return;
    const next = Number(last.offset) + 1;

    if (warm.length > 0) this.store.warmBatch(partition, warm);
    // Parked before anything is applied: once the positions move past a message, it is on the parked topic.
    if (poison.length > 0) await this.park(poison);
    const outcome = next > restoredBelow ? this.store.applyBatch(partition, next, incoming) : { applied: 0, duplicates: 0, alerts: [], failed: [] };
    if (outcome.failed.length > 0) {
      const failedCopies = outcome.failed.flatMap(({ offset, reason }) => {
        const message = batch.messages.find((m) => Number(m.offset) === offset);
        return message ? [parkedCopy(message, reason, parkedAt)] : [];
      });
      for (const failure of outcome.failed) this.logger.error({ partition, offset: failure.offset, reason: failure.reason }, 'a valid event could not be applied');
      await this.park(failedCopies);
    }
    this.read.set(partition, Math.max(this.read.get(partition) ?? 0, next));
    this.messages += batch.messages.length;
    this.metrics.applied(outcome.applied);
    if (outcome.duplicates > 0) this.metrics.duplicates(outcome.duplicates);
    this.metrics.lag(partition, Math.max(0, Number(batch.highWatermark) - next));
    this.checkCaughtUp();
    await this.observer.afterBatch({ applied: outcome.applied, alerts: outcome.alerts });
  }

  private async park(copies: readonly OutgoingMessage[]): Promise<void> {
    if (copies.length === 0) return;
    await this.log.send(this.topics.parked, copies);
    this.metrics.parked(copies.length);
    for (const copy of copies) {
      this.logger.warn(
        {
          origin: `${String(copy.headers?.[PARKED_HEADERS.originPartition])}:${String(copy.headers?.[PARKED_HEADERS.originOffset])}`,
          reason: String(copy.headers?.[PARKED_HEADERS.reason]),
        },
        'parked a message that cannot be applied',
      );
    }
  }

  private checkCaughtUp(): void {
    if (this.caughtUpAt !== undefined) return;
    for (const [partition, end] of this.target) if ((this.read.get(partition) ?? 0) < end) return;
    this.caughtUpAt = performance.now();
    this.store.finishWarming();
    this.store.startAlerting();
    const progress = this.progress();
    this.logger.info(
      {
        positions: formatVector(this.store.positions()),
        messages: progress.messages,
        ms: Math.round(this.caughtUpAt - this.startedAt),
        foldMs: Math.round(this.caughtUpAt - (this.firstBatchAt ?? this.caughtUpAt)),
      },
      'caught up with the log',
    );
    this.observer.caughtUp(progress);
  }
}
