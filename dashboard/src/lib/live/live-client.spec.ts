import { LiveClient, retryDelay, type SocketLike, type SubscriptionHandlers, type Timers } from './live-client';

/** A WebSocket the test drives by hand. */
class FakeSocket implements SocketLike {
  readyState = 0;
  readonly sent: unknown[] = [];
  closed: { code?: number | undefined } | undefined;
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { readonly data: unknown }) => void) | null = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }

  close(code?: number): void {
    this.closed = { code };
    this.readyState = 3;
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  receive(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }

  drop(): void {
    this.readyState = 3;
    this.onclose?.({});
  }
}

/** Timers on a clock the test moves. */
class FakeTimers implements Timers {
  current = 1_000_000;
  #next = 1;
  readonly #pending = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.#next;
    this.#next += 1;
    this.#pending.set(handle, { at: this.current + ms, callback });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    if (typeof handle === 'number') this.#pending.delete(handle);
  }

  /** Moves the clock, firing what falls due in order. */
  advance(ms: number): void {
    const until = this.current + ms;
    for (;;) {
      const due = [...this.#pending.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.#pending.delete(due[0]);
      this.current = due[1].at;
      due[1].callback();
    }
    this.current = until;
  }

  delays(): number[] {
    return [...this.#pending.values()].map((t) => t.at - this.current);
  }
}

const recorder = () => {
  const seen: string[] = [];
  const handlers: SubscriptionHandlers = {
    onSnapshot: (_data, position) => seen.push(`snapshot ${position}`),
    onDelta: (data, point) => seen.push(`delta ${point} ${JSON.stringify(data)}`),
    onResync: (reason) => seen.push(`resync ${reason}`),
  };
  return { seen, handlers };
};

const setup = () => {
  const sockets: FakeSocket[] = [];
  const timers = new FakeTimers();
  const client = new LiveClient({
    url: 'ws://127.0.0.1/live',
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    timers,
    random: () => 1,
    requestFrame: (callback) => callback(),
    initialRetryMs: 500,
    maxRetryMs: 8000,
    silenceMs: 45_000,
  });
  const socket = (i: number): FakeSocket => {
    const s = sockets[i];
    if (!s) throw new Error(`no socket ${i}`);
    return s;
  };
  return { client, sockets, socket, timers };
};

const delta = (sub: string, position: string, id: string) => ({ kind: 'delta', sub, channel: 'theatre', position, data: { event: { id } } });

describe('LiveClient', () => {
  it('subscribes once the socket opens, and folds delta points into the snapshot vector', () => {
    const { client, socket } = setup();
    const { seen, handlers } = recorder();
    client.subscribe({ channel: 'theatre', theatre: 'kz' }, handlers);
    client.start();
    expect(socket(0).sent).toEqual([]);
    socket(0).open();
    expect(socket(0).sent).toEqual([{ op: 'subscribe', sub: 's1', channel: 'theatre', theatre: 'kz' }]);

    socket(0).receive({ kind: 'snapshot', sub: 's1', channel: 'theatre', position: '0:12,3:45', data: {} });
    socket(0).receive(delta('s1', '3:45', 'a'));
    socket(0).receive(delta('s1', '0:12', 'b'));

    expect(seen).toEqual(['snapshot 0:12,3:45', 'delta 3:45 {"event":{"id":"a"}}', 'delta 0:12 {"event":{"id":"b"}}']);
    expect(client.positionOf('s1')).toBe('0:13,3:46');
  });

  it('drops a delta its vector already covers, so a resent event is seen once', () => {
    const { client, socket } = setup();
    const { seen, handlers } = recorder();
    client.subscribe({ channel: 'theatre', theatre: 'kz' }, handlers);
    client.start();
    socket(0).open();
    socket(0).receive({ kind: 'snapshot', sub: 's1', channel: 'theatre', position: '3:45', data: {} });
    socket(0).receive(delta('s1', '3:44', 'old'));
    socket(0).receive(delta('s1', '3:45', 'new'));
    socket(0).receive(delta('s1', '3:45', 'new'));
    expect(seen.filter((line) => line.startsWith('delta'))).toEqual(['delta 3:45 {"event":{"id":"new"}}']);
  });

  it('after a dropped connection resubscribes with resumeFrom = the last vector, and keeps its vector through the resent deltas', () => {
    const { client, socket, timers } = setup();
    const { seen, handlers } = recorder();
    client.subscribe({ channel: 'theatre', theatre: 'kz' }, handlers);
    client.start();
    socket(0).open();
    socket(0).receive({ kind: 'snapshot', sub: 's1', channel: 'theatre', position: '0:12,3:45', data: {} });
    socket(0).receive(delta('s1', '3:45', 'a'));

    socket(0).drop();
    expect(client.currentStatus().state).toBe('reconnecting');
    timers.advance(500);
    socket(1).open();
    expect(socket(1).sent).toEqual([{ op: 'subscribe', sub: 's1', channel: 'theatre', theatre: 'kz', resumeFrom: '0:12,3:46' }]);

    // The server resumes with what was missed (and may repeat the event at the cut).
    socket(1).receive(delta('s1', '3:45', 'a'));
    socket(1).receive(delta('s1', '3:46', 'c'));
    expect(seen.filter((line) => line.startsWith('delta')).map((line) => line.split(' ')[1])).toEqual(['3:45', '3:46']);
    expect(client.positionOf('s1')).toBe('0:12,3:47');
  });

  it('takes a heartbeat’s vector as its own while live on the connection, so it resumes from a recent place', () => {
    const { client, socket, timers } = setup();
    const { seen, handlers } = recorder();
    client.subscribe({ channel: 'theatre', theatre: 'kz' }, handlers);
    client.start();
    socket(0).open();
    // A heartbeat before the snapshot says nothing about this subscription yet.
    socket(0).receive({ kind: 'heartbeat', at: 'x', position: '0:50,3:90' });
    socket(0).receive({ kind: 'snapshot', sub: 's1', channel: 'theatre', position: '0:12,3:45', data: {} });
    expect(client.positionOf('s1')).toBe('0:12,3:45');
    socket(0).receive({ kind: 'heartbeat', at: 'x', position: '0:60,3:44,5:7' });
    expect(client.positionOf('s1')).toBe('0:60,3:45,5:7');

    socket(0).drop();
    timers.advance(500);
    socket(1).open();
    expect(socket(1).sent[0]).toMatchObject({ resumeFrom: '0:60,3:45,5:7' });
    // Resumed: no snapshot comes, the missed deltas do, and heartbeats count again.
    socket(1).receive({ kind: 'resumed', sub: 's1', channel: 'theatre', position: '0:60,3:45,5:7', deltas: 1 });
    socket(1).receive(delta('s1', '3:45', 'missed'));
    socket(1).receive({ kind: 'heartbeat', at: 'x', position: '0:61,3:46,5:7' });
    expect(client.positionOf('s1')).toBe('0:61,3:46,5:7');
    expect(seen).toEqual(['snapshot 0:12,3:45', 'delta 3:45 {"event":{"id":"missed"}}']);
    expect(client.currentStatus().lastError).toBeUndefined();
  });

  it('on resync ignores deltas until the fresh snapshot, and resubscribes without a stale vector', () => {
    const { client, socket, timers } = setup();
    const { seen, handlers } = recorder();
    client.subscribe({ channel: 'theatre', theatre: 'kz' }, handlers);
    client.start();
    socket(0).open();
    socket(0).receive({ kind: 'snapshot', sub: 's1', channel: 'theatre', position: '0:1', data: {} });
    socket(0).receive({ kind: 'resync', sub: 's1', reason: 'history too short' });
    socket(0).receive(delta('s1', '0:900', 'during-resync'));
    expect(client.positionOf('s1')).toBeUndefined();

    socket(0).drop();
    timers.advance(500);
    socket(1).open();
    expect(socket(1).sent).toEqual([{ op: 'subscribe', sub: 's1', channel: 'theatre', theatre: 'kz' }]);
    socket(1).receive({ kind: 'snapshot', sub: 's1', channel: 'theatre', position: '0:1000', data: {} });
    socket(1).receive(delta('s1', '0:1000', 'after'));
    expect(seen).toEqual(['snapshot 0:1', 'resync history too short', 'snapshot 0:1000', 'delta 0:1000 {"event":{"id":"after"}}']);
  });

  it('backs off exponentially up to the cap, keeps reconnecting while only the server fails, and is live again on the next good connection', () => {
    const { client, socket, sockets, timers } = setup();
    client.start();
    socket(0).drop();
    expect(timers.delays()).toEqual([500]);
    timers.advance(500);
    socket(1).drop();
    expect(timers.delays()).toEqual([1000]);
    timers.advance(1000);
    socket(2).drop();
    expect(client.currentStatus()).toMatchObject({ state: 'reconnecting', attempt: 3 });
    expect(timers.delays()).toEqual([2000]);
    timers.advance(2000);
    socket(3).drop();
    timers.advance(4000);
    socket(4).drop();
    expect(client.currentStatus()).toMatchObject({ state: 'reconnecting', attempt: 5 });
    expect(timers.delays()).toEqual([8000]);
    timers.advance(8000);
    expect(sockets).toHaveLength(6);
    socket(5).open();
    expect(client.currentStatus().state).toBe('live');
    socket(5).receive({ kind: 'heartbeat', at: new Date(timers.now()).toISOString(), position: '0:1' });
    expect(client.currentStatus().attempt).toBe(0);
  });

  it('says offline only while the browser has no network, and retries at once when it is back', () => {
    const { client, socket, sockets, timers } = setup();
    client.start();
    client.networkChanged(false);
    expect(client.currentStatus().state).toBe('offline');
    socket(0).drop();
    expect(client.currentStatus()).toMatchObject({ state: 'offline', attempt: 1 });
    client.networkChanged(true);
    expect(sockets).toHaveLength(2);
    socket(1).drop();
    expect(client.currentStatus()).toMatchObject({ state: 'reconnecting', attempt: 2 });
    timers.advance(1000);
    socket(2).open();
    expect(client.currentStatus().state).toBe('live');
  });

  it('keeps backing off when a connection opens and closes before the server says anything', () => {
    const { client, socket, timers } = setup();
    client.start();
    socket(0).open();
    socket(0).drop();
    timers.advance(500);
    socket(1).open();
    socket(1).drop();
    expect(timers.delays()).toEqual([1000]);
  });

  it('reconnects when the server has been silent for 45 s, and not while heartbeats arrive', () => {
    const { client, socket, sockets, timers } = setup();
    client.start();
    socket(0).open();
    timers.advance(30_000);
    socket(0).receive({ kind: 'heartbeat', at: 'x', position: '0:1' });
    timers.advance(30_000);
    expect(sockets).toHaveLength(1);
    timers.advance(15_001);
    expect(socket(0).closed?.code).toBe(4000);
    timers.advance(500);
    expect(sockets).toHaveLength(2);
  });

  it('tracks the lag inputs: recordedAt of the last delta and when heartbeats came', () => {
    const { client, socket, timers } = setup();
    const { handlers } = recorder();
    client.subscribe({ channel: 'feed', filter: { theatres: ['kz'] } }, handlers);
    client.start();
    socket(0).open();
    socket(0).receive({ kind: 'snapshot', sub: 's1', channel: 'feed', position: '', data: { events: [] } });
    socket(0).receive({ kind: 'delta', sub: 's1', channel: 'feed', position: '2:0', data: { event: { recordedAt: '2022-01-07T12:00:00.000Z' } } });
    socket(0).receive({ kind: 'heartbeat', at: 'x', position: '2:1' });
    expect(client.currentStatus()).toMatchObject({
      lastDeltaRecordedAt: Date.parse('2022-01-07T12:00:00.000Z'),
      lastDeltaAt: timers.now(),
      lastHeartbeatAt: timers.now(),
    });
  });

  it('sends unsubscribe and forgets the subscription', () => {
    const { client, socket } = setup();
    const { seen, handlers } = recorder();
    const unsubscribe = client.subscribe({ channel: 'theatre', theatre: 'kz' }, handlers);
    client.start();
    socket(0).open();
    unsubscribe();
    socket(0).receive({ kind: 'snapshot', sub: 's1', channel: 'theatre', position: '0:1', data: {} });
    expect(socket(0).sent[1]).toEqual({ op: 'unsubscribe', sub: 's1' });
    expect(seen).toEqual([]);
  });

  it('ignores frames that are not protocol messages', () => {
    const { client, socket } = setup();
    const { seen, handlers } = recorder();
    client.subscribe({ channel: 'theatre', theatre: 'kz' }, handlers);
    client.start();
    socket(0).open();
    socket(0).onmessage?.({ data: 'not json' });
    socket(0).receive({ kind: 'snapshot', sub: 's1' });
    expect(seen).toEqual([]);
    expect(client.currentStatus().lastError).toBe('unreadable frame');
  });
});

describe('retryDelay', () => {
  it('doubles per attempt, stays within the cap, and spreads by jitter', () => {
    expect(retryDelay(1, 500, 30_000, 1)).toBe(500);
    expect(retryDelay(4, 500, 30_000, 1)).toBe(4000);
    expect(retryDelay(20, 500, 30_000, 1)).toBe(30_000);
    expect(retryDelay(4, 500, 30_000, 0)).toBe(2000);
  });
});
