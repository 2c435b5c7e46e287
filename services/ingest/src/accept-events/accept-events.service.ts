import { Inject, Injectable } from '@nestjs/common';
import { encodeAcceptedEvent, type AcceptedEventInput, type EncodedMessage } from '@watchfloor/events';
import { ClaimTimeoutError, EventIdLedger, idKey } from './event-id-ledger';
import { CLOCK, EVENT_APPENDER, type Clock, type EventAppender } from './event-log.port';
import type { AcceptEventsMetrics } from './accept-events.metrics';

/** Answer to an accepted batch: ids written now, and ids that were already in the log (or repeated in the batch). */
export interface AcceptedBatch {
  readonly accepted: readonly string[];
  readonly duplicates: readonly string[];
}

/** The log did not acknowledge in time; nothing the caller was not told about is lost (see accept). */
export class EventLogUnavailableError extends Error {
  override readonly name = 'EventLogUnavailableError';
}

export interface AcceptEventsSettings {
  /** The longest a request waits for the log before it is answered "unavailable". */
  readonly deadlineMs: number;
  /** Encoded bytes per produce: keeps one record batch well under Kafka's 1 MB message limit. */
  readonly maxChunkBytes: number;
}

export const ACCEPT_EVENTS_SETTINGS = Symbol('ACCEPT_EVENTS_SETTINGS');
export const ACCEPT_EVENTS_METRICS = Symbol('ACCEPT_EVENTS_METRICS');
export const INGEST_SOURCE = '/watchfloor/ingest';

const sizeOf = (message: EncodedMessage): number =>
  Buffer.byteLength(message.value) +
  Buffer.byteLength(message.key) +
  Object.entries(message.headers).reduce((sum, [name, value]) => sum + name.length + Buffer.byteLength(value), 0);

interface Pending {
  readonly id: string;
  readonly message: EncodedMessage;
}

const chunksOf = (items: readonly Pending[], maxBytes: number): Pending[][] => {
  const chunks: Pending[][] = [];
  let current: Pending[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item.message);
    if (current.length > 0 && bytes + size > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
};

/**
 * The use case behind `POST /api/events`: stamps recordedAt, drops ids already in the log, writes
 * the rest to the log and answers only once the log acknowledged them.
 *
 * Failure semantics: ids are confirmed chunk by chunk as the log acknowledges them, and released
 * when a write fails, so a retry of the same batch writes exactly what is missing. When the
 * deadline passes first, the caller is told "unavailable" but the ids stay claimed until the write
 * settles: if it lands after all, a retry sees them as duplicates, never a second copy.
 */
@Injectable()
export class AcceptEvents {
  constructor(
    @Inject(EVENT_APPENDER) private readonly log: EventAppender,
    private readonly ledger: EventIdLedger,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ACCEPT_EVENTS_SETTINGS) private readonly settings: AcceptEventsSettings,
    @Inject(ACCEPT_EVENTS_METRICS) private readonly metrics: AcceptEventsMetrics,
  ) {}

  async accept(inputs: readonly AcceptedEventInput[]): Promise<AcceptedBatch> {
    const recordedAt = this.clock();
    const firstOfId = new Map<string, Pending>();
    const repeatedInBatch: string[] = [];
    for (const input of inputs) {
      const key = idKey(input.id);
      if (firstOfId.has(key)) {
        repeatedInBatch.push(input.id);
        continue;
      }
      firstOfId.set(key, { id: input.id, message: encodeAcceptedEvent(input, recordedAt, { source: INGEST_SOURCE }) });
    }

    let expire: () => void = () => undefined;
    const deadline = new Promise<void>((resolve) => (expire = resolve));
    const timer = setTimeout(expire, this.settings.deadlineMs);
    try {
      const claim = await this.ledger.claim([...firstOfId.values()].map((p) => p.id), deadline).catch((error: unknown) => {
        if (error instanceof ClaimTimeoutError) throw new EventLogUnavailableError(`${error.message}; try again`);
        throw error;
      });
      const claimed = new Set(claim.claimed);
      const toWrite = [...firstOfId.values()].filter((p) => claimed.has(p.id));

      const started = performance.now();
      let expired = false;
      const writing = this.write(toWrite, () => expired);
      const outcome = await Promise.race([writing.then(() => 'written' as const), deadline.then(() => 'expired' as const)]);
      if (outcome === 'expired') {
        expired = true;
        // The write goes on and settles the claims itself; this only keeps it from being unhandled.
        writing.catch(() => undefined);
        throw new EventLogUnavailableError(`Kafka did not acknowledge the events within ${this.settings.deadlineMs / 1000} s`);
      }
      if (toWrite.length > 0) this.metrics.produced((performance.now() - started) / 1000);

      // Each id once, in the order of the batch: a new id repeated in the batch is both accepted and a duplicate.
      const duplicateKeys = new Set([...claim.known, ...repeatedInBatch].map(idKey));
      const duplicates = [...firstOfId.values()].filter((p) => duplicateKeys.has(idKey(p.id))).map((p) => p.id);
      this.metrics.accepted(claim.claimed.length);
      this.metrics.duplicates(claim.known.length + repeatedInBatch.length);
      return { accepted: claim.claimed, duplicates };
    } catch (error) {
      if (error instanceof EventLogUnavailableError) this.metrics.rejected('kafka_unavailable');
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Appends chunk after chunk, keeping each theatre's order; settles every claim it was given. */
  private async write(items: readonly Pending[], expired: () => boolean): Promise<void> {
    const chunks = chunksOf(items, this.settings.maxChunkBytes);
    for (const [index, chunk] of chunks.entries()) {
      const ids = chunk.map((p) => p.id);
      const unwritten = () => chunks.slice(index).flatMap((c) => c.map((p) => p.id));
      if (expired()) {
        this.ledger.release(unwritten());
        throw new EventLogUnavailableError('gave up before writing every chunk');
      }
      try {
        await this.log.append(chunk.map((p) => p.message));
      } catch (error) {
        this.ledger.release(unwritten());
        throw new EventLogUnavailableError(`Kafka could not take the events: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });
      }
      this.ledger.confirm(ids);
    }
  }
}
