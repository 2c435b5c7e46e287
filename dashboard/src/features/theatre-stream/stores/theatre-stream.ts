import { createProjector, deserialiseState, type TheatreProjector, type TheatreState, type TheatreSummary } from '@watchfloor/crisis-state';
import { parseCrisisEvent } from '@watchfloor/events';
import { FrameStore, nextFrame, type FrameRequest } from '../../../lib/frame-store';
import type { SubscriptionHandlers } from '../../../lib/live/live-client';
import type { ChannelRequest } from '../../../lib/live/messages';

/**
 * A theatre's live state in the browser: the snapshot restored with `deserialiseState`, then
 * every delta folded with the same projector the server runs, so both sides compute the same
 * view (docs/live-protocol.md). The state is the projector's own and changes in place; the
 * snapshot's `version` says when, and is published at most once per animation frame.
 */

export type StreamPhase = 'waiting' | 'ready' | 'resyncing' | 'error';

export interface TheatreStreamSnapshot {
  readonly theatre: string;
  readonly phase: StreamPhase;
  /** The live state, changing in place: derive from it keyed on `version`. */
  readonly state: TheatreState | undefined;
  readonly version: number;
  /** The summary that came with the last snapshot, for as long as nothing is folded yet. */
  readonly serverSummary?: TheatreSummary;
  readonly error?: string;
  /** Deltas whose event did not pass the contract's parser. */
  readonly rejected: number;
}

export interface LiveSubscriber {
  subscribe(request: ChannelRequest, handlers: SubscriptionHandlers): () => void;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export class TheatreStream {
  readonly theatre: string;
  readonly store: FrameStore<TheatreStreamSnapshot>;
  readonly #live: LiveSubscriber;
  #projector: TheatreProjector | undefined;
  #phase: StreamPhase = 'waiting';
  #version = 0;
  #serverSummary: TheatreSummary | undefined;
  #error: string | undefined;
  #rejected = 0;
  #unsubscribe: (() => void) | undefined;

  constructor(live: LiveSubscriber, theatre: string, requestFrame: FrameRequest = nextFrame) {
    this.#live = live;
    this.theatre = theatre;
    this.store = new FrameStore(() => this.#snapshot(), requestFrame);
  }

  start(): void {
    if (this.#unsubscribe) return;
    this.#unsubscribe = this.#live.subscribe(
      { channel: 'theatre', theatre: this.theatre },
      {
        onSnapshot: (data) => this.#onSnapshot(data),
        onDelta: (data) => this.#onDelta(data),
        onResync: () => this.#changed({ phase: 'resyncing' }),
        onError: (code, message) => this.#changed({ error: `${code}: ${message}` }),
      },
    );
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  #onSnapshot(data: unknown): void {
    const restored = deserialiseState(isRecord(data) ? data['state'] : undefined);
    if (!restored.ok) {
      this.#changed({ phase: 'error', error: `unreadable snapshot: ${restored.error}` });
      return;
    }
    if (restored.state.theatre !== this.theatre) {
      this.#changed({ phase: 'error', error: `snapshot is of theatre ${restored.state.theatre}, not ${this.theatre}` });
      return;
    }
    this.#projector = createProjector(restored.state);
    const summary = isRecord(data) ? data['summary'] : undefined;
    this.#serverSummary = isRecord(summary) && summary['theatre'] === this.theatre ? (summary as unknown as TheatreSummary) : undefined;
    this.#changed({ phase: 'ready', error: undefined });
  }

  #onDelta(data: unknown): void {
    const projector = this.#projector;
    if (projector === undefined) return;
    const parsed = parseCrisisEvent(isRecord(data) ? data['event'] : undefined);
    if (!parsed.ok) {
      this.#rejected += 1;
      this.store.invalidate();
      return;
    }
    if (projector.apply(parsed.event) === 'applied') this.#changed({});
  }

  #changed(change: { phase?: StreamPhase; error?: string | undefined }): void {
    if (change.phase !== undefined) this.#phase = change.phase;
    if ('error' in change) this.#error = change.error;
    this.#version += 1;
    this.store.invalidate();
  }

  #snapshot(): TheatreStreamSnapshot {
    return {
      theatre: this.theatre,
      phase: this.#phase,
      state: this.#projector?.state,
      version: this.#version,
      rejected: this.#rejected,
      ...(this.#serverSummary && { serverSummary: this.#serverSummary }),
      ...(this.#error !== undefined && { error: this.#error }),
    };
  }
}
