import { initialState, serialiseState, stateAsOf, theatreSummary, type TheatreState, type TimeBasis } from '@watchfloor/crisis-state';
import type { Logger } from 'pino';
import type { RawData, WebSocket } from 'ws';
import type { RecentAlerts } from '../alerts/alert-publisher';
import type { ProjectionMetrics } from '../app/projection.metrics';
import type { Delta } from '../fold/delta-history';
import { formatPoint, formatVector, parseVector, reaches } from '../fold/position-vector';
import type { ProjectionStore, RaisedAlert } from '../fold/projection-store';
import { filterFingerprint, matches, type TimelineFilter } from '../timeline/timeline-filter';
import {
  deltaFrame,
  errorFrame,
  eventData,
  FEED_SNAPSHOT_EVENTS,
  heartbeatFrame,
  MAX_SUBSCRIPTIONS,
  parseClientMessage,
  pongFrame,
  replayEndFrame,
  resumedFrame,
  resyncFrame,
  snapshotFrame,
  type AlertsSubscribe,
  type Channel,
  type FeedSubscribe,
  type ReplaySubscribe,
  type Subscribe,
  type TheatreSubscribe,
} from './live-protocol';
import { basisTime, replayEntries } from './replay';

/**
 * The live gateway's engine, apart from NestJS: sessions, subscriptions and the fan-out of deltas.
 *
 * Hot path: each applied event is serialised once (the store's delta), and each distinct
 * `(channel, sub)` pair gets one frame Buffer per delta, shared by every client that uses that
 * sub id (dashboards all use the same few), so 1,000 clients cost 1,000 socket writes, not 1,000
 * JSON serialisations.
 *
 * Slow clients: a frame is only handed to a socket whose buffered bytes are under the limit; a
 * client over it is marked behind, gets nothing more, and once its buffer drains it gets a
 * `resync` and one fresh snapshot per subscription. Nothing about one client waits on another.
 */

export interface LiveSettings {
  readonly heartbeatMs: number;
  /** Bytes a client may have waiting (beyond a snapshot being sent) before it is dropped to a resync. */
  readonly queueBytes: number;
}

interface BaseSub {
  readonly id: string;
  readonly session: LiveSession;
  /** False until its snapshot or resume is sent, and while its client is behind. */
  live: boolean;
}
interface TheatreSub extends BaseSub {
  readonly kind: 'theatre';
  readonly theatre: string;
}
interface FeedSub extends BaseSub {
  readonly kind: 'feed';
  readonly filter: TimelineFilter;
  readonly fingerprint: string;
}
interface AlertsSub extends BaseSub {
  readonly kind: 'alerts';
  readonly theatres: ReadonlySet<string> | undefined;
}
interface ReplaySub extends BaseSub {
  readonly kind: 'replay';
  readonly theatre: string;
  readonly basis: TimeBasis;
  readonly speed: number;
  readonly entries: readonly number[];
  next: number;
  /** World time (on the basis clock) and wall time the pacing counts from. */
  worldStart: number;
  wallStart: number;
  timer: NodeJS.Timeout | undefined;
}
type Subscription = TheatreSub | FeedSub | AlertsSub | ReplaySub;

const DRAIN_CHECK_MS = 50;
const CLOSE_GRACE_MS = 250;
/** A client behind gets its resync once this little is left in its buffer. */
const LOW_WATER_FRACTION = 0.25;
/** Replay frames sent per turn of the event loop at most, so a fast replay does not starve the rest. */
const REPLAY_BURST = 256;
/** Heartbeats a client may leave without a pong before it is dropped as dead. */
const MISSED_PONGS = 3;
/** Bytes of one batch held back for a client at most before they are written anyway. */
const HELD_BYTES = 64 * 1024;

/** The connection's TCP socket, as far as holding its writes back goes. */
export interface Corkable {
  cork(): void;
  uncork(): void;
}

export class LiveSession {
  readonly subs = new Map<string, Subscription>();
  behind = false;
  missedPongs = 0;
  /** Bytes of snapshots handed to the socket and not yet written out: allowed on top of the limit. */
  private snapshotBytes = 0;
  private holding = false;

  constructor(
    readonly ws: WebSocket,
    private readonly queueBytes: number,
    private readonly transport?: Corkable,
  ) {}

  /**
   * Holds this client's writes back until `release`, so that the frames one batch brings it leave
   * in one write: a write to a socket costs far more than the bytes in it (25,000 of them a second
   * at 1,000 clients), and when the fold is behind, its batches and so the savings grow. False
   * when it was held already (or cannot be).
   */
  hold(): boolean {
    if (this.holding || this.transport === undefined) return false;
    this.transport.cork();
    this.holding = true;
    return true;
  }

  release(): void {
    if (!this.holding) return;
    this.holding = false;
    this.transport?.uncork();
  }

  /** Hands a frame to the socket unless the client is behind; returns false when it is (now) behind. */
  send(frame: string | Buffer, snapshot = false): boolean {
    if (this.behind) return false;
    if (this.ws.readyState !== this.ws.OPEN) return false;
    // What is held is not waiting on the client: let it go before it could count against the limit.
    if (this.holding && this.ws.bufferedAmount >= Math.min(HELD_BYTES, this.queueBytes * LOW_WATER_FRACTION)) {
      this.transport?.uncork();
      this.transport?.cork();
    }
    if (!snapshot && this.ws.bufferedAmount > this.queueBytes + this.snapshotBytes) {
      this.behind = true;
      return false;
    }
    if (snapshot) {
      const bytes = typeof frame === 'string' ? Buffer.byteLength(frame) : frame.length;
      this.snapshotBytes += bytes;
      this.ws.send(frame, { binary: false }, () => (this.snapshotBytes -= bytes));
    } else {
      this.ws.send(frame, { binary: false });
    }
    return true;
  }

  /** Control frames (errors, pongs) go out even while behind: they are tiny and answer the client. */
  control(frame: string): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(frame);
  }

  drained(): boolean {
    return this.ws.bufferedAmount <= this.queueBytes * LOW_WATER_FRACTION;
  }
}

export class LiveHub {
  private readonly sessions = new Map<WebSocket, LiveSession>();
  private readonly theatreSubs = new Map<string, Set<TheatreSub>>();
  private readonly feedSubs = new Set<FeedSub>();
  private readonly alertSubs = new Set<AlertsSub>();
  private readonly behind = new Set<LiveSession>();
  private heartbeat: NodeJS.Timeout | undefined;
  private drainCheck: NodeJS.Timeout | undefined;
  private readonly snapshotCache = new Map<string, { readonly version: number; readonly json: string }>();
  private readonly unsubscribeStore: (() => void)[] = [];

  constructor(
    private readonly store: ProjectionStore,
    private readonly alerts: RecentAlerts,
    private readonly settings: LiveSettings,
    private readonly metrics: ProjectionMetrics,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  start(): void {
    this.unsubscribeStore.push(
      this.store.onDeltas((deltas) => this.fanOut(deltas)),
      this.store.onAlerts((alerts) => this.fanOutAlerts(alerts)),
    );
    this.heartbeat = setInterval(() => this.beat(), this.settings.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Closes every connection (going away) and stops the timers. */
  stop(): void {
    for (const off of this.unsubscribeStore.splice(0)) off();
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.drainCheck) clearInterval(this.drainCheck);
    this.drainCheck = undefined;
    for (const session of [...this.sessions.values()]) {
      const { ws } = session;
      ws.close(1001, 'server shutting down');
      this.disconnect(ws);
      // A client that does not answer the close would hold the HTTP server's shutdown open (ws waits 30 s).
      setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
    }
  }

  get clients(): number {
    return this.sessions.size;
  }

  subscriptionCounts(): Map<Channel, number> {
    const counts = new Map<Channel, number>([
      ['theatre', 0],
      ['feed', 0],
      ['alerts', 0],
      ['replay', 0],
    ]);
    for (const session of this.sessions.values()) for (const sub of session.subs.values()) counts.set(sub.kind, (counts.get(sub.kind) ?? 0) + 1);
    return counts;
  }

  /** `transport`: the TCP socket under `ws` (the upgrade request's), to write a batch's frames in one go. */
  connect(ws: WebSocket, transport?: Corkable): void {
    const session = new LiveSession(ws, this.settings.queueBytes, transport);
    this.sessions.set(ws, session);
    ws.on('message', (data: RawData, isBinary: boolean) => this.onMessage(session, data, isBinary));
    ws.on('pong', () => (session.missedPongs = 0));
    ws.on('close', () => this.disconnect(ws));
    ws.on('error', (error) => this.logger.debug({ err: error }, 'live socket error'));
  }

  disconnect(ws: WebSocket): void {
    const session = this.sessions.get(ws);
    if (session === undefined) return;
    this.sessions.delete(ws);
    this.behind.delete(session);
    for (const sub of [...session.subs.values()]) this.remove(sub);
  }

  // ---- client messages ----

  private onMessage(session: LiveSession, data: RawData, isBinary: boolean): void {
    this.metrics.liveMessage('in');
    if (isBinary) {
      session.control(errorFrame(undefined, 'bad_request', 'send JSON text frames'));
      return;
    }
    const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
    const parsed = parseClientMessage(text);
    if (!parsed.ok) {
      session.control(errorFrame(parsed.sub, 'bad_request', parsed.message));
      return;
    }
    const message = parsed.message;
    switch (message.op) {
      case 'ping':
        session.control(pongFrame(message.t));
        return;
      case 'unsubscribe': {
        const sub = session.subs.get(message.sub);
        if (sub === undefined) session.control(errorFrame(message.sub, 'unknown_sub', `no subscription "${message.sub}"`));
        else this.remove(sub);
        return;
      }
      case 'subscribe':
        this.subscribe(session, message);
        return;
      default: {
        const unhandled: never = message;
        return unhandled;
      }
    }
  }

  private subscribe(session: LiveSession, message: Subscribe): void {
    if (session.subs.has(message.sub)) {
      session.control(errorFrame(message.sub, 'sub_in_use', `"${message.sub}" is subscribed already; unsubscribe it first`));
      return;
    }
    if (session.subs.size >= MAX_SUBSCRIPTIONS) {
      session.control(errorFrame(message.sub, 'too_many_subscriptions', `at most ${MAX_SUBSCRIPTIONS} subscriptions per connection`));
      return;
    }
    switch (message.channel) {
      case 'theatre':
        return this.subscribeTheatre(session, message);
      case 'feed':
        return this.subscribeFeed(session, message);
      case 'alerts':
        return this.subscribeAlerts(session, message);
      case 'replay':
        return this.subscribeReplay(session, message);
      default: {
        const unhandled: never = message;
        return unhandled;
      }
    }
  }

  private subscribeTheatre(session: LiveSession, message: TheatreSubscribe): void {
    const sub: TheatreSub = { kind: 'theatre', id: message.sub, session, theatre: message.theatre, live: false };
    if (!this.validResume(session, message.sub, message.resumeFrom)) return;
    session.subs.set(sub.id, sub);
    const subs = this.theatreSubs.get(sub.theatre) ?? new Set<TheatreSub>();
    subs.add(sub);
    this.theatreSubs.set(sub.theatre, subs);
    this.begin(sub, message.resumeFrom, { theatres: new Set([sub.theatre]) });
  }

  private subscribeFeed(session: LiveSession, message: FeedSubscribe): void {
    const f = message.filter ?? {};
    const filter: TimelineFilter = {
      ...(f.theatres && { theatres: new Set(f.theatres) }),
      ...(f.types && { types: new Set(f.types) }),
      ...(f.minReliability && { minReliability: f.minReliability }),
      ...(f.verification && { verification: new Set(f.verification) }),
    };
    if (!this.validResume(session, message.sub, message.resumeFrom)) return;
    const sub: FeedSub = { kind: 'feed', id: message.sub, session, filter, fingerprint: filterFingerprint(filter), live: false };
    session.subs.set(sub.id, sub);
    this.feedSubs.add(sub);
    this.begin(sub, message.resumeFrom, filter);
  }

  private subscribeAlerts(session: LiveSession, message: AlertsSubscribe): void {
    const sub: AlertsSub = { kind: 'alerts', id: message.sub, session, theatres: message.theatres && new Set(message.theatres), live: false };
    session.subs.set(sub.id, sub);
    this.alertSubs.add(sub);
    this.sendSnapshot(sub);
  }

  private subscribeReplay(session: LiveSession, message: ReplaySubscribe): void {
    const from = Date.parse(message.from);
    const to = message.to === undefined ? this.store.worldClock(this.clock()).getTime() : Date.parse(message.to);
    const sub: ReplaySub = {
      kind: 'replay',
      id: message.sub,
      session,
      live: false,
      theatre: message.theatre,
      basis: message.basis,
      speed: message.speed,
      entries: replayEntries(this.store.timeline, message.theatre, from, to, message.basis),
      next: 0,
      worldStart: from,
      wallStart: 0,
      timer: undefined,
    };
    session.subs.set(sub.id, sub);
    this.sendSnapshot(sub);
    this.pump(sub);
  }

  private validResume(session: LiveSession, sub: string, resumeFrom: string | undefined): boolean {
    if (resumeFrom === undefined || parseVector(resumeFrom).ok) return true;
    const parsed = parseVector(resumeFrom);
    session.control(errorFrame(sub, 'bad_request', `resumeFrom: ${parsed.ok ? '' : parsed.reason}`));
    return false;
  }

  /** A theatre or feed subscription starts: from where the client was, when the history allows, else from a snapshot. */
  private begin(sub: TheatreSub | FeedSub, resumeFrom: string | undefined, filter: TimelineFilter): void {
    if (resumeFrom === undefined) {
      this.sendSnapshot(sub);
      return;
    }
    const parsed = parseVector(resumeFrom);
    if (!parsed.ok) return;
    const vector = parsed.value;
    if (!reaches(this.store.positions(), vector)) {
      this.metrics.resync('ahead');
      sub.session.control(resyncFrame(sub.id, 'the position is ahead of this server'));
      this.sendSnapshot(sub);
      return;
    }
    const missed = this.store.history.since(vector, filter);
    if (!missed.ok) {
      this.metrics.resync('gap');
      sub.session.control(resyncFrame(sub.id, missed.reason));
      this.sendSnapshot(sub);
      return;
    }
    sub.session.send(resumedFrame(sub.id, sub.kind, formatVector(vector), missed.deltas.length), true);
    for (const delta of missed.deltas) sub.session.send(deltaFrame(sub.id, sub.kind, formatPoint(delta.point), eventData(delta.eventJson())), true);
    sub.live = true;
  }

  private remove(sub: Subscription): void {
    sub.session.subs.delete(sub.id);
    sub.live = false;
    switch (sub.kind) {
      case 'theatre': {
        const subs = this.theatreSubs.get(sub.theatre);
        subs?.delete(sub);
        if (subs?.size === 0) this.theatreSubs.delete(sub.theatre);
        return;
      }
      case 'feed':
        this.feedSubs.delete(sub);
        return;
      case 'alerts':
        this.alertSubs.delete(sub);
        return;
      case 'replay':
        if (sub.timer) clearTimeout(sub.timer);
        return;
      default: {
        const unhandled: never = sub;
        return unhandled;
      }
    }
  }

  // ---- snapshots ----

  private sendSnapshot(sub: Subscription): void {
    const position = formatVector(this.store.positions());
    let data: string;
    switch (sub.kind) {
      case 'theatre':
        data = this.cached(`theatre|${sub.theatre}`, () => this.theatreData(this.store.state(sub.theatre) ?? initialState(sub.theatre), this.store.worldClock(this.clock())));
        break;
      case 'feed':
        data = this.cached(`feed|${sub.fingerprint}`, () => {
          const newest = this.store.timeline.newest(sub.filter, FEED_SNAPSHOT_EVENTS).reverse();
          return `{"events":[${newest.map((entry) => JSON.stringify(this.store.timeline.event(entry))).join(',')}]}`;
        });
        break;
      case 'alerts':
        data = JSON.stringify({ alerts: this.alerts.newest(sub.theatres) });
        break;
      case 'replay': {
        const at = sub.worldStart;
        const live = this.store.state(sub.theatre) ?? initialState(sub.theatre);
        data = this.theatreData(stateAsOf([], new Date(at), sub.basis, live), new Date(at));
        break;
      }
      default: {
        const unhandled: never = sub;
        return unhandled;
      }
    }
    if (sub.session.send(snapshotFrame(sub.id, sub.kind, position, data), true)) sub.live = true;
  }

  private theatreData(state: TheatreState, at: Date): string {
    return `{"state":${JSON.stringify(serialiseState(state))},"summary":${JSON.stringify(theatreSummary(state, at))}}`;
  }

  /** Snapshot data shared by every subscriber until the next batch changes the store. */
  private cached(key: string, build: () => string): string {
    const version = this.store.version;
    const hit = this.snapshotCache.get(key);
    if (hit?.version === version) return hit.json;
    const json = build();
    if (this.snapshotCache.size > 256) this.snapshotCache.clear();
    this.snapshotCache.set(key, { version, json });
    return json;
  }

  // ---- fan-out ----

  private fanOut(deltas: readonly Delta[]): void {
    if (this.sessions.size === 0) return;
    const held: LiveSession[] = [];
    try {
      this.fanOutHeld(deltas, held);
    } finally {
      for (const session of held) session.release();
    }
  }

  /** Every client's frames of this batch, their writes held (`held`) until the whole batch is out. */
  private fanOutHeld(deltas: readonly Delta[], held: LiveSession[]): void {
    for (const delta of deltas) {
      const theatreSubs = this.theatreSubs.get(delta.fields.theatre);
      if ((theatreSubs === undefined || theatreSubs.size === 0) && this.feedSubs.size === 0) continue;
      const point = formatPoint(delta.point);
      let data: string | undefined;
      const frames = new Map<string, Buffer>();
      const frameFor = (channel: Channel, sub: string): Buffer => {
        const key = `${channel}\u0000${sub}`;
        let frame = frames.get(key);
        if (frame === undefined) {
          data ??= eventData(delta.eventJson());
          frame = Buffer.from(deltaFrame(sub, channel, point, data), 'utf8');
          frames.set(key, frame);
        }
        return frame;
      };
      if (theatreSubs !== undefined) for (const sub of theatreSubs) if (sub.live) this.deliver(sub, frameFor('theatre', sub.id), held);
      for (const sub of this.feedSubs) if (sub.live && matches(sub.filter, delta.fields)) this.deliver(sub, frameFor('feed', sub.id), held);
    }
  }

  private fanOutAlerts(raised: readonly RaisedAlert[]): void {
    this.alerts.add(raised.map((r) => r.alert));
    for (const { alert, point } of raised) {
      const data = JSON.stringify({ alert });
      for (const sub of this.alertSubs) {
        if (sub.live && (sub.theatres === undefined || sub.theatres.has(alert.theatre))) this.deliver(sub, deltaFrame(sub.id, 'alerts', formatPoint(point), data));
      }
    }
  }

  private deliver(sub: Subscription, frame: string | Buffer, held?: LiveSession[]): void {
    if (held !== undefined && sub.session.hold()) held.push(sub.session);
    if (sub.session.send(frame)) return;
    this.fallBehind(sub.session);
  }

  // ---- slow clients ----

  private fallBehind(session: LiveSession): void {
    if (this.behind.has(session) || !this.sessions.has(session.ws)) return;
    this.behind.add(session);
    for (const sub of session.subs.values()) {
      sub.live = false;
      if (sub.kind === 'replay' && sub.timer) clearTimeout(sub.timer);
    }
    this.metrics.resync('slow');
    this.drainCheck ??= setInterval(() => this.checkDrained(), DRAIN_CHECK_MS);
  }

  private checkDrained(): void {
    for (const session of [...this.behind]) {
      if (!this.sessions.has(session.ws)) {
        this.behind.delete(session);
        continue;
      }
      if (!session.drained()) continue;
      this.behind.delete(session);
      session.behind = false;
      for (const sub of session.subs.values()) {
        session.control(resyncFrame(sub.id, 'the client fell behind; a fresh snapshot follows'));
        if (sub.kind === 'replay') this.restartReplay(sub);
        else this.sendSnapshot(sub);
      }
    }
    if (this.behind.size === 0 && this.drainCheck) {
      clearInterval(this.drainCheck);
      this.drainCheck = undefined;
    }
  }

  // ---- replays ----

  private pump(sub: ReplaySub): void {
    sub.timer = undefined;
    if (!sub.live || !sub.session.subs.has(sub.id)) return;
    if (sub.wallStart === 0) sub.wallStart = performance.now();
    const timeline = this.store.timeline;
    let sent = 0;
    while (sub.next < sub.entries.length) {
      const entry = sub.entries[sub.next] ?? 0;
      const due = sub.wallStart + (basisTime(timeline, entry, sub.basis) - sub.worldStart) / sub.speed;
      const wait = due - performance.now();
      if (wait > 0 || sent >= REPLAY_BURST) {
        sub.timer = wait > 0 ? setTimeout(() => this.pump(sub), Math.min(wait, 2 ** 31 - 1)) : setTimeout(() => this.pump(sub), 0);
        return;
      }
      const frame = deltaFrame(sub.id, 'replay', formatPoint(timeline.fields(entry).point), eventData(JSON.stringify(timeline.event(entry))));
      sub.next += 1;
      sent += 1;
      if (!sub.session.send(frame)) {
        this.fallBehind(sub.session);
        return;
      }
    }
    sub.session.control(replayEndFrame(sub.id));
    this.remove(sub);
  }

  /** After a resync: a snapshot as of the last event sent, then the rest, paced from there. */
  private restartReplay(sub: ReplaySub): void {
    const timeline = this.store.timeline;
    const last = sub.next > 0 ? sub.entries[sub.next - 1] : undefined;
    if (last !== undefined) {
      sub.worldStart = basisTime(timeline, last, sub.basis);
      // Events at that same moment are in the snapshot now.
      while (sub.next < sub.entries.length && basisTime(timeline, sub.entries[sub.next] ?? 0, sub.basis) <= sub.worldStart) sub.next += 1;
    }
    sub.wallStart = 0;
    this.sendSnapshot(sub);
    this.pump(sub);
  }

  // ---- heartbeats ----

  private beat(): void {
    const frame = heartbeatFrame(this.clock(), formatVector(this.store.positions()));
    for (const session of [...this.sessions.values()]) {
      if (session.missedPongs >= MISSED_PONGS) {
        this.logger.info('dropping a live client that stopped answering pings');
        session.ws.terminate();
        this.disconnect(session.ws);
        continue;
      }
      session.missedPongs += 1;
      session.ws.ping();
      if (!session.behind) session.control(frame);
    }
  }
}
