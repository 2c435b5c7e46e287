import type { ValidationIssue } from '@watchfloor/events';
import type { EventLog, LogConsumer } from '@watchfloor/kafka';
import type { Logger } from 'pino';
import { formatPoint } from '../fold/position-vector';
import type { ProjectionStore } from '../fold/projection-store';
import { decodeParkedCursor, encodeParkedCursor, ParkedRegistry, type ParkedEntry } from './parked-registry';
import { displayValue, readParked, type ParkedOrigin } from './parking';
import { redriveMessage } from './redrive';

export interface ParkedView {
  readonly origin: ParkedOrigin;
  readonly reason: string;
  readonly parkedAt: string | null;
  readonly copies: number;
  readonly key: string | null;
  readonly eventId: string | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly value: ReturnType<typeof displayValue>;
  /** Whether the projection holds an event with this id now (e.g. after a re-drive). */
  readonly applied: boolean;
  readonly redriven: ParkedEntry['redriven'] | null;
}

export interface ParkedList {
  readonly parked: readonly ParkedView[];
  readonly total: number;
  readonly next: string | null;
}

export type RedriveOutcome =
  | { readonly kind: 'redriven'; readonly origin: ParkedOrigin; readonly eventId: string; readonly position: string }
  | { readonly kind: 'invalid'; readonly origin: ParkedOrigin; readonly issues: readonly ValidationIssue[] }
  | { readonly kind: 'unknown'; readonly origin: ParkedOrigin };

export class UnknownCursorError extends Error {
  override readonly name = 'UnknownCursorError';
}

const headerText = (value: Buffer): string => {
  const shown = displayValue(value);
  return shown.encoding === 'base64' ? `base64:${shown.value ?? ''}` : (shown.value ?? '');
};

/**
 * The operator's side of parking: reads `crisis.events.parked` into memory (parked messages are
 * rare; they are listed from here, not read from Kafka per request) and re-drives them onto
 * `crisis.events`.
 */
export class ParkedMessages {
  readonly registry = new ParkedRegistry();
  private consumer: LogConsumer | undefined;

  constructor(
    private readonly log: EventLog,
    private readonly topics: { readonly events: string; readonly parked: string },
    private readonly store: ProjectionStore,
    private readonly groupId: string,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async start(): Promise<void> {
    this.consumer = await this.log.consume({
      groupId: this.groupId,
      topics: [this.topics.parked],
      fromBeginning: true,
      maxWaitTimeMs: 250,
      onBatch: async (batch) => {
        for (const message of batch.messages) {
          const parked = readParked(message);
          if (parked === undefined) this.logger.warn({ partition: message.partition, offset: message.offset }, 'a message on the parked topic has no origin headers');
          else this.registry.add(parked);
        }
      },
      onCrash: (error, restarting) => this.logger.error({ err: error, restarting }, 'the parked-topic consumer crashed'),
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = undefined;
  }

  list(limit: number, cursor: string | undefined): ParkedList {
    const after = cursor === undefined ? -1 : decodeParkedCursor(cursor);
    if (after === undefined) throw new UnknownCursorError('cursor is not one this API gave out');
    const page = this.registry.list(limit, after);
    return {
      parked: page.entries.map((entry) => this.view(entry)),
      total: this.registry.size,
      next: page.next === undefined ? null : encodeParkedCursor(page.next),
    };
  }

  /** Re-drives one parked message, with its value replaced when `value` is given. */
  async redrive(origin: ParkedOrigin, value?: unknown): Promise<RedriveOutcome> {
    const entry = this.registry.find(origin);
    if (entry === undefined) return { kind: 'unknown', origin };
    const built = redriveMessage(entry.message, value);
    if (!built.ok) return { kind: 'invalid', origin, issues: built.issues };
    const [appended] = await this.log.send(this.topics.events, [built.message]);
    const position = appended === undefined ? '' : formatPoint({ partition: appended.partition, offset: Number(appended.baseOffset) });
    this.registry.markRedriven(origin, { at: this.clock().toISOString(), eventId: built.event.id, position });
    this.logger.info({ origin, eventId: built.event.id, position, corrected: value !== undefined }, 're-drove a parked message');
    return { kind: 'redriven', origin, eventId: built.event.id, position };
  }

  /** Re-drives every parked message not applied yet; ones that still do not validate are reported. */
  async redriveAll(): Promise<{ readonly outcomes: readonly RedriveOutcome[]; readonly skipped: number }> {
    const outcomes: RedriveOutcome[] = [];
    let skipped = 0;
    for (const entry of [...this.registry.all()]) {
      if (this.isApplied(entry) || entry.redriven !== undefined) {
        skipped += 1;
        continue;
      }
      outcomes.push(await this.redrive(entry.message.origin));
    }
    return { outcomes, skipped };
  }

  private isApplied(entry: ParkedEntry): boolean {
    const { key, eventId } = entry.message;
    return key !== null && eventId !== undefined && this.store.state(key)?.applied.has(eventId) === true;
  }

  private view(entry: ParkedEntry): ParkedView {
    const { message } = entry;
    return {
      origin: message.origin,
      reason: message.reason,
      parkedAt: message.parkedAt ?? null,
      copies: entry.copies,
      key: message.key,
      eventId: message.eventId ?? null,
      headers: Object.fromEntries(Object.entries(message.original.headers).map(([name, value]) => [name, headerText(value)])),
      value: displayValue(message.original.value),
      applied: this.isApplied(entry),
      redriven: entry.redriven ?? null,
    };
  }
}
