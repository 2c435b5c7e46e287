import type { CrisisEvent } from '@watchfloor/events';
import { parseCrisisEvent } from '@watchfloor/events';
import { CappedBuffer } from '../../../lib/capped-buffer';
import { FrameStore, nextFrame, type FrameRequest } from '../../../lib/frame-store';
import type { SubscriptionHandlers } from '../../../lib/live/live-client';
import type { ChannelRequest } from '../../../lib/live/messages';

/**
 * A theatre's events as the browser holds them: the feed channel's snapshot and deltas, plus
 * pages read from the timeline API. At most `capacity` are kept (the oldest arrivals fall out),
 * each once by id; the snapshot is published at most once per animation frame.
 */

export interface EventStoreSnapshot {
  /** Newest recorded first: the order Watchfloor learnt of them. */
  readonly events: readonly CrisisEvent[];
  readonly byId: ReadonlyMap<string, CrisisEvent>;
  readonly version: number;
  readonly status: 'waiting' | 'live' | 'resyncing';
  /** Events that failed the contract's parser and were dropped. */
  readonly rejected: number;
}

export interface FeedSubscriber {
  subscribe(request: ChannelRequest, handlers: SubscriptionHandlers): () => void;
}

export const FEED_CAPACITY = 2000;

interface Held {
  readonly event: CrisisEvent;
  readonly recordedAt: number;
  readonly occurredAt: number;
}

const newestRecordedFirst = (a: Held, b: Held): number =>
  b.recordedAt - a.recordedAt || b.occurredAt - a.occurredAt || (a.event.id < b.event.id ? -1 : 1);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export class EventStore {
  readonly store: FrameStore<EventStoreSnapshot>;
  readonly #order: CappedBuffer<string>;
  readonly #byId = new Map<string, Held>();
  #version = 0;
  #rejected = 0;
  #status: EventStoreSnapshot['status'] = 'waiting';

  constructor(capacity = FEED_CAPACITY, requestFrame: FrameRequest = nextFrame) {
    this.#order = new CappedBuffer(capacity);
    this.store = new FrameStore(() => this.#snapshot(), requestFrame);
  }

  /** Adds events (duplicates by id are ignored); older arrivals fall out past the capacity. */
  add(events: Iterable<CrisisEvent>): void {
    let changed = false;
    for (const event of events) {
      if (this.#byId.has(event.id)) continue;
      this.#byId.set(event.id, { event, recordedAt: Date.parse(event.recordedAt), occurredAt: Date.parse(event.occurredAt) });
      const evicted = this.#order.push(event.id);
      if (evicted !== undefined) this.#byId.delete(evicted);
      changed = true;
    }
    if (changed) this.#changed();
  }

  /** Feed channel handlers for a live subscription. */
  handlers(): SubscriptionHandlers {
    return {
      onSnapshot: (data) => {
        const events = isRecord(data) && Array.isArray(data['events']) ? data['events'] : [];
        this.#status = 'live';
        this.add(this.#parse(events));
        this.#changed();
      },
      onDelta: (data) => this.add(this.#parse([isRecord(data) ? data['event'] : undefined])),
      onResync: () => {
        this.#status = 'resyncing';
        this.#changed();
      },
    };
  }

  /** Subscribes to the feed of one theatre; returns the unsubscribe function. */
  follow(live: FeedSubscriber, theatre: string): () => void {
    return live.subscribe({ channel: 'feed', filter: { theatres: [theatre] } }, this.handlers());
  }

  get(eventId: string): CrisisEvent | undefined {
    return this.#byId.get(eventId)?.event;
  }

  #parse(rows: readonly unknown[]): CrisisEvent[] {
    const events: CrisisEvent[] = [];
    for (const row of rows) {
      const parsed = parseCrisisEvent(row);
      if (parsed.ok) events.push(parsed.event);
      else this.#rejected += 1;
    }
    return events;
  }

  #changed(): void {
    this.#version += 1;
    this.store.invalidate();
  }

  #snapshot(): EventStoreSnapshot {
    const events = [...this.#byId.values()].sort(newestRecordedFirst).map((held) => held.event);
    return { events, byId: new Map(events.map((event) => [event.id, event])), version: this.#version, status: this.#status, rejected: this.#rejected };
  }
}
