import { EventEmitter } from 'node:events';
import pino from 'pino';
import type { WebSocket } from 'ws';
import { RecentAlerts } from '../alerts/alert-publisher';
import { noMetrics } from '../app/projection.metrics';
import { ProjectionStore } from '../fold/projection-store';
import { encoded, scenario } from '../testing/events';
import { LiveHub } from './live-hub';

/**
 * The TCP socket under a `ws` socket, as far as corking goes: while corked, what is sent waits in
 * the socket's buffer; uncorked, the kernel takes it all (the client reads fast).
 */
class FakeTransport {
  depth = 0;
  corks = 0;
  writes = 0;
  constructor(private readonly onWrite: () => void) {}
  cork(): void {
    this.depth += 1;
    this.corks += 1;
  }
  uncork(): void {
    this.depth -= 1;
    if (this.depth === 0) {
      this.writes += 1;
      this.onWrite();
    }
  }
}

/** Just enough of a `ws` socket: what the hub calls, and a buffer the test can fill. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  readonly sent: string[] = [];
  readonly frames: (string | Buffer)[] = [];
  /** Whether each frame was sent while the transport was corked. */
  readonly held: boolean[] = [];
  readonly transport = new FakeTransport(() => (this.bufferedAmount = 0));
  send(data: string | Buffer, _options?: unknown, done?: () => void): void {
    this.frames.push(data);
    this.sent.push(data.toString());
    this.held.push(this.transport.depth > 0);
    if (this.transport.depth > 0) this.bufferedAmount += data.length;
    done?.();
  }
  pings = 0;
  ping(): void {
    this.pings += 1;
  }
  close(): void {
    this.readyState = 3;
    this.emit('close');
  }
  terminate(): void {
    this.close();
  }
  receive(message: unknown): void {
    this.emit('message', Buffer.from(JSON.stringify(message)), false);
  }
  parsed(): { kind: string; sub?: string; data?: { event?: { id: string } }; reason?: string }[] {
    return this.sent.map((s) => JSON.parse(s));
  }
}

const silent = pino({ level: 'silent' });

const setup = (queueBytes = 1024 * 1024) => {
  const store = new ProjectionStore();
  const hub = new LiveHub(store, new RecentAlerts(), { heartbeatMs: 60_000, queueBytes }, noMetrics, silent);
  hub.start();
  let offset = 0;
  const apply = (events = scenario) => {
    for (const event of events) {
      store.applyBatch(0, offset + 1, [{ offset, event, schemaVersion: 1, raw: Buffer.from(encoded(event).value) }]);
      offset += 1;
    }
  };
  /** The whole scenario as one batch, as a fold that fell behind gets it. */
  const applyAtOnce = (events = scenario) => {
    store.applyBatch(0, offset + events.length, events.map((event, i) => ({ offset: offset + i, event, schemaVersion: 1, raw: Buffer.from(encoded(event).value) })));
    offset += events.length;
  };
  const socket = (corkable = false) => {
    const ws = new FakeSocket();
    hub.connect(ws as unknown as WebSocket, corkable ? ws.transport : undefined);
    return ws;
  };
  return { store, hub, apply, applyAtOnce, socket };
};

describe('LiveHub', () => {
  it('sends one shared frame per delta to every client with the same sub id', () => {
    const { hub, apply, socket } = setup();
    const clients = [socket(), socket(), socket()];
    for (const ws of clients) ws.receive({ op: 'subscribe', sub: 's1', channel: 'theatre', theatre: 'kz' });
    apply();
    const kz = scenario.filter((e) => e.theatre === 'kz').map((e) => e.id);
    for (const ws of clients) expect(ws.parsed().filter((m) => m.kind === 'delta').map((m) => m.data?.event?.id)).toEqual(kz);
    // the very same Buffer went to each client
    const firstDelta = (ws: FakeSocket) => ws.frames.find((f) => Buffer.isBuffer(f));
    expect(firstDelta(clients[0] ?? new FakeSocket())).toBe(firstDelta(clients[2] ?? new FakeSocket()));
    expect(hub.clients).toBe(3);
  });

  it('drops a client that does not read to a resync and one fresh snapshot, alone', async () => {
    const { apply, socket } = setup(16 * 1024);
    const fast = socket();
    const slow = socket();
    for (const ws of [fast, slow]) ws.receive({ op: 'subscribe', sub: 'f', channel: 'feed' });
    slow.bufferedAmount = 100 * 1024;
    apply();
    expect(fast.parsed().filter((m) => m.kind === 'delta')).toHaveLength(scenario.length);
    expect(slow.parsed().filter((m) => m.kind === 'delta')).toHaveLength(0);
    slow.bufferedAmount = 0;
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(slow.parsed().map((m) => m.kind)).toEqual(['snapshot', 'resync', 'snapshot']);
    expect(fast.parsed().some((m) => m.kind === 'resync')).toBe(false);
  });

  it("writes the frames one batch brings a client in one go, after the batch's fan-out", () => {
    const { applyAtOnce, socket } = setup();
    const corkable = socket(true);
    const plain = socket();
    for (const ws of [corkable, plain]) ws.receive({ op: 'subscribe', sub: 's1', channel: 'theatre', theatre: 'kz' });
    const snapshotFrames = corkable.frames.length;
    applyAtOnce();
    const deltas = corkable.parsed().filter((m) => m.kind === 'delta');
    expect(deltas.map((m) => m.data?.event?.id)).toEqual(scenario.filter((e) => e.theatre === 'kz').map((e) => e.id));
    expect(corkable.held.slice(snapshotFrames).every(Boolean)).toBe(true);
    expect(corkable.transport).toMatchObject({ corks: 1, writes: 1, depth: 0 });
    // Without a transport to hold, the same frames go out one by one.
    expect(plain.sent.slice(snapshotFrames)).toEqual(corkable.sent.slice(snapshotFrames));
  });

  it('lets held frames go before they would count against the slow-client limit', () => {
    const { applyAtOnce, socket } = setup(16 * 1024);
    const ws = socket(true);
    ws.receive({ op: 'subscribe', sub: 'f', channel: 'feed' });
    applyAtOnce();
    const deltas = ws.sent.filter((s) => s.startsWith('{"kind":"delta"'));
    // The batch is more than the client may have waiting: held all at once, it would be "behind".
    expect(deltas.reduce((bytes, s) => bytes + Buffer.byteLength(s), 0)).toBeGreaterThan(16 * 1024);
    expect(deltas).toHaveLength(scenario.length);
    expect(ws.parsed().some((m) => m.kind === 'resync')).toBe(false);
    expect(ws.transport.writes).toBeGreaterThan(1);
    expect(ws.transport.depth).toBe(0);
  });

  it('answers pings, refuses the 33rd subscription and a reused sub id, and frees subscriptions on close', () => {
    const { hub, socket } = setup();
    const ws = socket();
    ws.receive({ op: 'ping', t: 7 });
    for (let i = 0; i < 33; i += 1) ws.receive({ op: 'subscribe', sub: `a${i}`, channel: 'alerts' });
    ws.receive({ op: 'subscribe', sub: 'a0', channel: 'alerts' });
    const replies = ws.parsed();
    expect(replies[0]).toEqual({ kind: 'pong', t: 7 });
    expect(replies.filter((m) => m.kind === 'error').map((m) => (m as { code?: string }).code)).toEqual(['too_many_subscriptions', 'sub_in_use']);
    expect(hub.subscriptionCounts().get('alerts')).toBe(32);
    ws.close();
    expect(hub.subscriptionCounts().get('alerts')).toBe(0);
    expect(hub.clients).toBe(0);
  });

  it('replays a theatre from a moment, paced, and ends', async () => {
    const { apply, socket } = setup();
    apply();
    const ws = socket();
    ws.receive({ op: 'subscribe', sub: 'r', channel: 'replay', theatre: 'kz', from: '2022-01-05T00:00:00Z', to: '2022-01-08T00:00:00Z', speed: 1e9 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const messages = ws.parsed();
    const expected = scenario
      .filter((e) => e.theatre === 'kz' && Date.parse(e.occurredAt) > Date.parse('2022-01-05T00:00:00Z') && Date.parse(e.occurredAt) <= Date.parse('2022-01-08T00:00:00Z'))
      .sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt))
      .map((e) => e.id);
    expect(messages[0]?.kind).toBe('snapshot');
    expect(messages.filter((m) => m.kind === 'delta').map((m) => m.data?.event?.id)).toEqual(expected);
    expect(messages[messages.length - 1]).toEqual({ kind: 'replay.end', sub: 'r' });
  });
});
