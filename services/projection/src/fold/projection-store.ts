import {
  createProjector,
  restoreProjector,
  serialiseState,
  type EventFact,
  type TheatreProjector,
  type TheatreState,
} from '@watchfloor/crisis-state';
import { parseCeType, type AlertRaised, type CrisisEvent } from '@watchfloor/events';
import { BandTracker } from '../alerts/alert-crossing';
import type { ProjectionCut, SnapshotBody } from '../snapshots/snapshot-format';
import { EventTimeline } from '../timeline/event-timeline';
import type { ArchiveOptions } from '../timeline/event-archive';
import { DeltaHistory, type Delta } from './delta-history';
import type { LogPoint, PositionVector } from './position-vector';

/**
 * The projection in memory: every theatre's state, the positions they cover, the timeline, the
 * recent deltas for resuming clients, and who to tell about new events. Every replica holds all
 * of it. Nothing here does I/O; the Kafka consumer feeds it (fold-consumer.ts).
 *
 * One rule keeps snapshots honest: a batch is applied and the positions move past it in one
 * synchronous step, so whoever reads the store between two batches (the snapshot writer's cut)
 * sees states that hold exactly what the positions say.
 */

export interface IncomingEvent {
  readonly offset: number;
  /** What the contract's decodeEvent made of `raw`: the timeline serves the same event from `raw`. */
  readonly event: CrisisEvent;
  /** The version the message was written at (the codec upcast it to the current one). */
  readonly schemaVersion: number;
  /** The message value, as it came. */
  readonly raw: Buffer;
}

/** A message below the positions a snapshot restored: already in the state, wanted only for the timeline. */
export interface WarmMessage {
  readonly offset: number;
  readonly key: string | null;
  readonly eventId: string | undefined;
  readonly ceType: string | undefined;
  readonly raw: Buffer | null;
}

export interface BatchOutcome {
  readonly applied: number;
  readonly duplicates: number;
  readonly alerts: readonly AlertRaised[];
  /** Events the state refused to take (a bug, not bad input: the codec validated them): to park. */
  readonly failed: ReadonlyArray<{ readonly offset: number; readonly reason: string }>;
}

export type DeltaListener = (deltas: readonly Delta[]) => void;
/** An alert and the log point of the event that raised it. */
export interface RaisedAlert {
  readonly alert: AlertRaised;
  readonly point: LogPoint;
}

export type AlertListener = (alerts: readonly RaisedAlert[]) => void;

export interface StoreOptions {
  /** Deltas kept for resuming clients (default 10,000). */
  readonly historySize?: number;
  readonly archive?: ArchiveOptions;
  /** When alerts are stamped; the crossing itself never depends on it. */
  readonly clock?: () => Date;
}

const factFields = (fact: EventFact, theatre: string) => ({
  theatre,
  type: fact.type,
  reliability: fact.reliability,
  verification: fact.verification,
  occurredAt: fact.occurredAt,
});

/** The event just applied, while the batch's listeners are told about it; then let go of. */
interface FreshEvent {
  event: CrisisEvent | undefined;
}

/** Computes once; lets go of what it computed from afterwards. */
const memo = (compute: () => string): (() => string) => {
  let pending: (() => string) | undefined = compute;
  let value = '';
  return () => {
    if (pending !== undefined) {
      value = pending();
      pending = undefined;
    }
    return value;
  };
};

export class ProjectionStore {
  readonly timeline: EventTimeline;
  private readonly projectors = new Map<string, TheatreProjector>();
  private readonly vector = new Map<number, number>();
  private historyLog: DeltaHistory;
  private readonly historySize: number;
  private bands = new BandTracker();
  private alertingOn = false;
  /** Where a restored snapshot ends: messages below it only warm the timeline. */
  private restoredAt: PositionVector = new Map();
  /** Facts already put on the timeline while warming it (an id may be in the log twice). */
  private warmed = new WeakSet<EventFact>();
  private readonly deltaListeners = new Set<DeltaListener>();
  private readonly alertListeners = new Set<AlertListener>();
  private readonly clock: () => Date;
  private appliedTotal = 0;
  private batchVersion = 0;

  constructor(options: StoreOptions = {}) {
    this.historySize = options.historySize ?? 10_000;
    this.historyLog = new DeltaHistory(this.historySize, new Map());
    this.timeline = new EventTimeline(options.archive);
    this.clock = options.clock ?? (() => new Date());
  }

  // ---- reading ----

  get history(): DeltaHistory {
    return this.historyLog;
  }

  /** A copy of the positions the state covers. */
  positions(): PositionVector {
    return new Map(this.vector);
  }

  /** Changes with every batch that applied something: a cache key. */
  get version(): number {
    return this.batchVersion;
  }

  get eventsApplied(): number {
    return this.appliedTotal;
  }

  /** Facts held across all theatres: the size of a snapshot. */
  factCount(): number {
    let facts = 0;
    for (const projector of this.projectors.values()) facts += projector.state.applied.size;
    return facts;
  }

  get alerting(): boolean {
    return this.alertingOn;
  }

  theatreIds(): string[] {
    return [...this.projectors.keys()].sort();
  }

  /** The live state of a theatre: the store's own, changing with every batch; do not keep it across awaits. */
  state(theatre: string): TheatreState | undefined {
    return this.projectors.get(theatre)?.state;
  }

  states(): TheatreState[] {
    return this.theatreIds().flatMap((id) => this.projectors.get(id)?.state ?? []);
  }

  /**
   * The projection's world clock: the latest occurredAt of any event, never past `now`. Live
   * views are evaluated at it, so a replayed crisis from years ago shows its escalation as it
   * was, while a live one is evaluated at the present.
   */
  worldClock(now: Date): Date {
    let latest: number | undefined;
    for (const projector of this.projectors.values()) {
      const at = projector.state.lastOccurredAt;
      if (at !== undefined && (latest === undefined || at > latest)) latest = at;
    }
    return latest === undefined || latest > now.getTime() ? now : new Date(latest);
  }

  onDeltas(listener: DeltaListener): () => void {
    this.deltaListeners.add(listener);
    return () => this.deltaListeners.delete(listener);
  }

  onAlerts(listener: AlertListener): () => void {
    this.alertListeners.add(listener);
    return () => this.alertListeners.delete(listener);
  }

  // ---- starting ----

  /** Starts from a snapshot: its states, its positions and, if it was alerting, its alert bands. */
  restore(body: SnapshotBody): { readonly ok: true } | { readonly ok: false; readonly reason: string } {
    const restored: TheatreProjector[] = [];
    for (const serialised of body.theatres) {
      const projector = restoreProjector(serialised);
      if (!projector.ok) return { ok: false, reason: projector.error };
      restored.push(projector.projector);
    }
    this.projectors.clear();
    for (const projector of restored) this.projectors.set(projector.theatre, projector);
    this.vector.clear();
    for (const [partition, offset] of body.positions) this.vector.set(partition, offset);
    this.restoredAt = new Map(body.positions);
    this.bands = new BandTracker(body.alertBands);
    this.alertingOn = body.alertBands.length > 0;
    this.batchVersion += 1;
    return { ok: true };
  }

  /**
   * Where reading starts per partition (what the topic holds, or what a snapshot covers), and
   * where the resume history begins: nothing before it was ever in it.
   */
  startAt(vector: PositionVector, historyFrom: PositionVector): void {
    for (const [partition, offset] of vector) if (!this.vector.has(partition)) this.vector.set(partition, offset);
    this.historyLog = new DeltaHistory(this.historySize, historyFrom);
  }

  /** Where the snapshot ended: below it, messages only warm the timeline. */
  restoredPosition(partition: number): number {
    return this.restoredAt.get(partition) ?? 0;
  }

  /** Caught up: judge every theatre's band now, so that only what comes next raises alerts. */
  startAlerting(): void {
    if (this.alertingOn) return;
    for (const projector of this.projectors.values()) this.bands.settle(projector.state);
    this.alertingOn = true;
  }

  /** The warming is over; its bookkeeping can go. */
  finishWarming(): void {
    this.warmed = new WeakSet();
    this.restoredAt = new Map();
  }

  // ---- folding ----

  /**
   * Applies one Kafka batch of one partition (valid events only; parked messages are simply not
   * in `events`) and moves the position to `nextOffset`. Tells the listeners once, afterwards.
   */
  applyBatch(partition: number, nextOffset: number, events: readonly IncomingEvent[]): BatchOutcome {
    const deltas: Delta[] = [];
    const alerts: RaisedAlert[] = [];
    const failed: { offset: number; reason: string }[] = [];
    const fresh: FreshEvent[] = [];
    let duplicates = 0;
    for (const incoming of events) {
      const { event } = incoming;
      let projector = this.projectors.get(event.theatre);
      if (projector === undefined) {
        projector = createProjector(event.theatre);
        this.projectors.set(event.theatre, projector);
      }
      let outcome;
      try {
        outcome = projector.apply(event);
      } catch (error) {
        failed.push({ offset: incoming.offset, reason: `the projection could not apply it: ${error instanceof Error ? error.message : String(error)}` });
        continue;
      }
      if (outcome !== 'applied') {
        duplicates += 1;
        continue;
      }
      const fact = projector.state.applied.get(event.id);
      if (fact === undefined) continue;
      const applied: FreshEvent = { event };
      fresh.push(applied);
      const delta = this.record({ partition, offset: incoming.offset }, fact, event.theatre, incoming.schemaVersion, incoming.raw, applied);
      deltas.push(delta);
      if (this.alertingOn) {
        const alert = this.bands.judge(projector.state, event.id, this.clock());
        if (alert !== undefined) alerts.push({ alert, point: delta.point });
      }
    }
    this.vector.set(partition, Math.max(this.vector.get(partition) ?? 0, nextOffset));
    this.appliedTotal += deltas.length;
    if (deltas.length > 0) {
      this.batchVersion += 1;
      try {
        for (const listener of this.deltaListeners) listener(deltas);
      } finally {
        for (const applied of fresh) applied.event = undefined;
      }
    }
    if (alerts.length > 0) for (const listener of this.alertListeners) listener(alerts);
    return { applied: deltas.length, duplicates, alerts: alerts.map((a) => a.alert), failed };
  }

  /**
   * Messages below the restored positions: their events are in the state already (or were
   * parked), so they only go onto the timeline and into the resume history. No decoding: the
   * state's own facts say everything the timeline indexes.
   */
  warmBatch(partition: number, messages: readonly WarmMessage[]): number {
    let warmed = 0;
    for (const message of messages) {
      if (message.key === null || message.eventId === undefined || message.raw === null) continue;
      const projector = this.projectors.get(message.key);
      const fact = projector?.state.applied.get(message.eventId);
      if (projector === undefined || fact === undefined || this.warmed.has(fact)) continue;
      this.warmed.add(fact);
      const version = message.ceType === undefined ? undefined : parseCeType(message.ceType)?.version;
      this.record({ partition, offset: message.offset }, fact, projector.theatre, version ?? 1, message.raw);
      warmed += 1;
    }
    return warmed;
  }

  /**
   * Puts an applied event on the timeline and into the history. The delta's JSON is made when first
   * asked for (live clients ask at once), so the history holds ~10,000 small records rather than
   * 10,000 parsed events: from the event just decoded while the batch's listeners are told (it is
   * the event the timeline would read back from the same bytes, without parsing and validating
   * them again), from the timeline's copy afterwards.
   */
  private record(point: Delta['point'], fact: EventFact, theatre: string, schemaVersion: number, raw: Buffer, fresh?: FreshEvent): Delta {
    const entry = this.timeline.append({
      point,
      id: fact.id,
      theatre,
      type: fact.type,
      occurredAt: fact.occurredAt,
      recordedAt: fact.recordedAt,
      reliability: fact.reliability,
      verification: fact.verification,
      schemaVersion,
      raw,
    });
    const delta: Delta = { point, fields: factFields(fact, theatre), eventJson: memo(() => JSON.stringify(fresh?.event ?? this.timeline.event(entry))) };
    this.historyLog.push(delta);
    return delta;
  }

  // ---- snapshots ----

  /** The whole projection at its current positions, copied in one synchronous step. */
  cut(eventsTopic: string): ProjectionCut {
    return {
      eventsTopic,
      positions: this.positions(),
      // serialiseState copies each theatre's history: later batches do not reach the copy.
      theatres: this.states().map(serialiseState),
      alertBands: this.alertingOn ? this.bands.entries() : [],
    };
  }
}
