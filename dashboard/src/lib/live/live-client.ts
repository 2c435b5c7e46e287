import { FrameStore, nextFrame, type FrameRequest } from '../frame-store';
import { parseServerMessage, recordedAtOf, type ChannelRequest, type ClientMessage, type ServerMessage } from './messages';
import { advance, covers, formatVector, mergeVectors, parsePoint, parseVector, type PositionVector } from './positions';

/**
 * The client side of docs/live-protocol.md: one WebSocket, any number of subscriptions, and the
 * bookkeeping that lets a subscription survive a dropped connection.
 *
 * Each subscription keeps the position vector of what it has folded: the snapshot's vector, then
 * every delta's point folded in, and the heartbeats' vectors while it is live on the connection
 * (the server has sent every delta before a heartbeat), so a quiet subscription still resumes
 * from a recent place. After a reconnect it subscribes again with `resumeFrom` = that vector;
 * the server answers `resumed` and sends only what was missed, and a delta the vector already
 * covers (resent around the cut) is dropped, so a consumer sees every event once. After a
 * `resync` the subscription forgets its vector and ignores deltas until the fresh snapshot.
 */

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface ConnectionStatus {
  readonly state: ConnectionState;
  /** Failed connection attempts since the last good one. */
  readonly attempt: number;
  readonly nextRetryAt?: number;
  /** When anything was last heard from the server (epoch ms). */
  readonly lastMessageAt?: number;
  readonly lastHeartbeatAt?: number;
  /** recordedAt of the event in the last delta, and when that delta arrived. */
  readonly lastDeltaRecordedAt?: number;
  readonly lastDeltaAt?: number;
  readonly lastError?: string;
}

/** What the client needs of a WebSocket; the browser's fits, and so does a test's fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
}

export interface Timers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SubscriptionHandlers {
  onSnapshot(data: unknown, position: string): void;
  onDelta(data: unknown, point: string): void;
  onResync?(reason: string): void;
  onError?(code: string, message: string): void;
  onEnd?(): void;
}

export interface LiveClientOptions {
  readonly url: string;
  readonly createSocket: (url: string) => SocketLike;
  readonly timers?: Timers;
  readonly random?: () => number;
  readonly requestFrame?: FrameRequest;
  /** First retry delay; doubles per failed attempt up to maxRetryMs. */
  readonly initialRetryMs?: number;
  readonly maxRetryMs?: number;
  /** The server sends a heartbeat every 15 s; this long without a word, the connection is dead. */
  readonly silenceMs?: number;
}

interface Subscription {
  readonly sub: string;
  readonly request: ChannelRequest;
  readonly handlers: SubscriptionHandlers;
  position: PositionVector | undefined;
  /** After a resync: deltas are dropped until the snapshot that follows. */
  awaitingSnapshot: boolean;
  /** Started (snapshot or resumed) on the current connection: heartbeats then speak for it too. */
  liveOnConnection: boolean;
}

const OPEN = 1;

const browserTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/** Delay before retry number `attempt` (1-based): exponential, capped, with jitter so clients spread out. */
export const retryDelay = (attempt: number, initialMs: number, maxMs: number, random: number): number => {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
};

export class LiveClient {
  readonly #options: Required<Omit<LiveClientOptions, 'timers' | 'random' | 'requestFrame'>>;
  readonly #timers: Timers;
  readonly #random: () => number;
  readonly #subscriptions = new Map<string, Subscription>();
  readonly #statusStore: FrameStore<ConnectionStatus>;
  #status: ConnectionStatus = { state: 'connecting', attempt: 0 };
  #socket: SocketLike | undefined;
  #retryTimer: unknown;
  #silenceTimer: unknown;
  #nextSub = 1;
  #running = false;
  #heardSinceOpen = false;
  /**
   * The browser says there is no network. Only then is the status offline: a server that does
   * not answer, however often, is reconnecting (the header says it is the server), since the
   * next attempt may well reach it.
   */
  #networkDown = false;

  constructor(options: LiveClientOptions) {
    this.#options = {
      url: options.url,
      createSocket: options.createSocket,
      initialRetryMs: options.initialRetryMs ?? 500,
      maxRetryMs: options.maxRetryMs ?? 30_000,
      silenceMs: options.silenceMs ?? 45_000,
    };
    this.#timers = options.timers ?? browserTimers;
    this.#random = options.random ?? Math.random;
    this.#statusStore = new FrameStore(() => this.#status, options.requestFrame ?? nextFrame);
  }

  /** The connection status, repainted at most once per frame (it changes with every delta). */
  get status(): FrameStore<ConnectionStatus> {
    return this.#statusStore;
  }

  /** The status as of now, not as of the last frame. */
  currentStatus(): ConnectionStatus {
    return this.#status;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#connect();
  }

  stop(): void {
    this.#running = false;
    this.#timers.clearTimeout(this.#retryTimer);
    this.#timers.clearTimeout(this.#silenceTimer);
    const socket = this.#socket;
    this.#socket = undefined;
    if (socket) {
      socket.onclose = null;
      socket.close(1000, 'client stopped');
    }
    this.#setStatus({ state: 'offline', nextRetryAt: undefined });
  }

  /** The browser says the network is back (or gone): retry now rather than at the next backoff step. */
  networkChanged(online: boolean): void {
    this.#networkDown = !online;
    if (!this.#running) return;
    if (!online) {
      this.#setStatus({ state: 'offline' });
      return;
    }
    if (this.#socket === undefined) {
      this.#timers.clearTimeout(this.#retryTimer);
      this.#connect();
    }
  }

  /** Subscribes to a channel; returns the unsubscribe function. */
  subscribe(request: ChannelRequest, handlers: SubscriptionHandlers): () => void {
    const sub = `s${this.#nextSub}`;
    this.#nextSub += 1;
    const subscription: Subscription = { sub, request, handlers, position: undefined, awaitingSnapshot: false, liveOnConnection: false };
    this.#subscriptions.set(sub, subscription);
    this.#sendSubscribe(subscription);
    return () => {
      if (!this.#subscriptions.delete(sub)) return;
      this.#send({ op: 'unsubscribe', sub });
    };
  }

  /** The vector a subscription would resume from (for tests and diagnostics). */
  positionOf(sub: string): string | undefined {
    const position = this.#subscriptions.get(sub)?.position;
    return position && formatVector(position);
  }

  #connect(): void {
    const socket = this.#options.createSocket(this.#options.url);
    this.#socket = socket;
    this.#heardSinceOpen = false;
    socket.onopen = () => {
      if (this.#socket !== socket) return;
      this.#setStatus({ state: 'live', nextRetryAt: undefined, lastError: undefined });
      this.#armSilenceTimer();
      for (const subscription of this.#subscriptions.values()) {
        subscription.liveOnConnection = false;
        this.#sendSubscribe(subscription);
      }
    };
    socket.onmessage = (event) => {
      if (this.#socket !== socket) return;
      this.#receive(event.data);
    };
    socket.onerror = () => {
      if (this.#socket === socket) this.#setStatus({ lastError: 'connection error' });
    };
    socket.onclose = () => {
      if (this.#socket !== socket) return;
      this.#dropped();
    };
  }

  #dropped(): void {
    this.#socket = undefined;
    this.#timers.clearTimeout(this.#silenceTimer);
    if (!this.#running) return;
    const attempt = this.#status.attempt + 1;
    const delay = retryDelay(attempt, this.#options.initialRetryMs, this.#options.maxRetryMs, this.#random());
    this.#setStatus({
      state: this.#networkDown ? 'offline' : 'reconnecting',
      attempt,
      nextRetryAt: this.#timers.now() + delay,
    });
    this.#retryTimer = this.#timers.setTimeout(() => {
      if (this.#running && this.#socket === undefined) this.#connect();
    }, delay);
  }

  #armSilenceTimer(): void {
    this.#timers.clearTimeout(this.#silenceTimer);
    this.#silenceTimer = this.#timers.setTimeout(() => {
      const socket = this.#socket;
      if (socket === undefined) return;
      this.#setStatus({ lastError: 'no heartbeat' });
      socket.onclose = null;
      socket.close(4000, 'no heartbeat');
      this.#dropped();
    }, this.#options.silenceMs);
  }

  #receive(frame: unknown): void {
    const now = this.#timers.now();
    this.#armSilenceTimer();
    if (!this.#heardSinceOpen) {
      // Only a connection the server talks on counts as good: one that opens and closes at once
      // must keep backing off.
      this.#heardSinceOpen = true;
      this.#setStatus({ attempt: 0 });
    }
    const message = parseServerMessage(frame);
    if (message === undefined) {
      this.#setStatus({ lastMessageAt: now, lastError: 'unreadable frame' });
      return;
    }
    this.#handle(message, now);
  }

  #handle(message: ServerMessage, now: number): void {
    switch (message.kind) {
      case 'heartbeat': {
        this.#setStatus({ lastMessageAt: now, lastHeartbeatAt: now });
        const vector = message.position === undefined ? undefined : parseVector(message.position);
        if (vector === undefined) return;
        for (const subscription of this.#subscriptions.values()) {
          if (subscription.liveOnConnection && subscription.position !== undefined && !subscription.awaitingSnapshot) {
            subscription.position = mergeVectors(subscription.position, vector);
          }
        }
        return;
      }
      case 'pong':
        this.#setStatus({ lastMessageAt: now });
        return;
      case 'snapshot': {
        const subscription = this.#subscriptions.get(message.sub);
        this.#setStatus({ lastMessageAt: now });
        if (subscription === undefined) return;
        subscription.position = parseVector(message.position);
        subscription.awaitingSnapshot = false;
        subscription.liveOnConnection = true;
        subscription.handlers.onSnapshot(message.data, message.position);
        return;
      }
      case 'resumed': {
        // The missed deltas follow; the vector the subscription holds stays as it is.
        const subscription = this.#subscriptions.get(message.sub);
        this.#setStatus({ lastMessageAt: now });
        if (subscription !== undefined && subscription.position !== undefined) subscription.liveOnConnection = true;
        return;
      }
      case 'delta': {
        const subscription = this.#subscriptions.get(message.sub);
        const point = parsePoint(message.position);
        const recordedAt = recordedAtOf(message.data);
        this.#setStatus({
          lastMessageAt: now,
          lastDeltaAt: now,
          ...(recordedAt !== undefined && { lastDeltaRecordedAt: recordedAt }),
        });
        if (subscription === undefined || subscription.awaitingSnapshot || point === undefined) return;
        // Nothing to fold onto before the first snapshot.
        if (subscription.position === undefined) return;
        if (covers(subscription.position, point)) return;
        subscription.position = advance(subscription.position, point);
        subscription.handlers.onDelta(message.data, message.position);
        return;
      }
      case 'resync': {
        const subscription = this.#subscriptions.get(message.sub);
        this.#setStatus({ lastMessageAt: now });
        if (subscription === undefined) return;
        subscription.position = undefined;
        subscription.awaitingSnapshot = true;
        subscription.liveOnConnection = false;
        subscription.handlers.onResync?.(message.reason ?? 'resync');
        return;
      }
      case 'replay.end':
        this.#setStatus({ lastMessageAt: now });
        this.#subscriptions.get(message.sub)?.handlers.onEnd?.();
        return;
      case 'error': {
        this.#setStatus({ lastMessageAt: now, lastError: `${message.code}: ${message.message ?? ''}`.trim() });
        const subscription = message.sub === undefined ? undefined : this.#subscriptions.get(message.sub);
        subscription?.handlers.onError?.(message.code, message.message ?? '');
        return;
      }
      default: {
        const unhandled: never = message;
        return unhandled;
      }
    }
  }

  #sendSubscribe(subscription: Subscription): void {
    const resumeFrom = subscription.position && !subscription.awaitingSnapshot ? formatVector(subscription.position) : undefined;
    this.#send({
      op: 'subscribe',
      sub: subscription.sub,
      ...subscription.request,
      ...(resumeFrom !== undefined && { resumeFrom }),
    });
  }

  #send(message: ClientMessage): void {
    const socket = this.#socket;
    // Not open yet: every subscription is sent when it opens.
    if (socket === undefined || socket.readyState !== OPEN) return;
    socket.send(JSON.stringify(message));
  }

  #setStatus(change: Partial<ConnectionStatus>): void {
    this.#status = { ...this.#status, ...change };
    this.#statusStore.invalidate();
  }
}
