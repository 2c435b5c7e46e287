import { recordEvent, type CrisisEvent } from '@watchfloor/events';
import type { EventLog } from '@watchfloor/kafka';
import { createSyntheticGenerator } from '@watchfloor/scenario';
import type { ProjectionApp } from '../app/create-projection-app';
import { LiveClient, LiveClients } from '../testing/live-client';
import { createTopics, deleteTopics, freshTopicPrefix, produceEvents, READER_KEY, startProjection, testEventLog, waitFor } from '../testing/projection-harness';

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

jest.setTimeout(90_000);

describe('/live against a real broker', () => {
  const prefix = freshTopicPrefix('live');
  let log: EventLog;
  let projection: ProjectionApp;
  const generator = createSyntheticGenerator({ seed: 7, theatres: 3, startAt: '2022-01-01T00:00:00Z', ratePerSecond: 0.01 });
  const events = (n: number): CrisisEvent[] => generator.take(n).map((input) => recordEvent(input, new Date(Date.parse(input.occurredAt) + 60_000)));
  const theatreOf = (n: number) => `syn-00${n}`;
  const liveUrl = () => `${projection.url.replace('http', 'ws')}/live?key=${READER_KEY}`;
  const clients = new LiveClients(liveUrl);
  const connect = () => clients.connect();
  const appliedAll = (batch: readonly CrisisEvent[]) =>
    waitFor(() => batch.every((e) => projection.runtime.store.state(e.theatre)?.applied.has(e.id)), 20_000, 'events applied');

  beforeAll(async () => {
    log = testEventLog();
    await log.connect();
    await createTopics(log, prefix);
    await produceEvents(log, prefix, events(30));
    projection = await startProjection(prefix, { settings: { historySize: 200, liveQueueBytes: 64 * 1024, liveRequireKey: true, readOpen: false, allowedOrigins: ['http://localhost:8080'] } });
    await projection.runtime.caughtUp(30_000);
  });

  afterAll(async () => {
    await clients.closeAll();
    await projection?.close();
    await deleteTopics(log, prefix);
    await log.disconnect();
  });

  it('refuses a connection without a reader key, or from an origin not allowed', async () => {
    await expect(LiveClient.connect(`${projection.url.replace('http', 'ws')}/live`)).rejects.toThrow(/401/);
    await expect(LiveClient.connect(liveUrl(), { Origin: 'http://elsewhere.example' })).rejects.toThrow(/403/);
    const allowed = await LiveClient.connect(liveUrl(), { Origin: 'http://localhost:8080' });
    await allowed.close();
  });

  it('closes a connection that sends a frame over 16 KiB, and answers a bad message with an error naming it', async () => {
    const client = await connect();
    client.send({ op: 'subscribe', sub: 'x', channel: 'theatre', theatre: 'Not A Theatre' });
    await client.waitFor((c) => c.of('error', 'x').length === 1);
    expect(client.of('error', 'x')[0]).toMatchObject({ code: 'bad_request', message: expect.stringContaining('theatre') });
    const closed = new Promise<number>((resolve) => client.ws.once('close', (code) => resolve(code)));
    client.ws.send(JSON.stringify({ op: 'ping', t: 'x'.repeat(17 * 1024) }));
    expect(await closed).toBe(1009);
  });

  it('gives a client that resumes with its vector exactly the deltas it missed, in order', async () => {
    // given a client that subscribed to one theatre and saw some live deltas
    const first = await connect();
    first.send({ op: 'subscribe', sub: 's1', channel: 'theatre', theatre: theatreOf(1) });
    await first.waitFor((c) => c.of('snapshot', 's1').length === 1);
    const seen = events(15);
    await produceEvents(log, prefix, seen);
    await appliedAll(seen);
    const seenHere = seen.filter((e) => e.theatre === theatreOf(1)).map((e) => e.id);
    await first.waitFor((c) => c.deltaIds('s1').length === seenHere.length);
    expect(first.deltaIds('s1')).toEqual(seenHere);
    const vector = first.position();

    // when it disconnects, misses events, and resumes with its vector
    await first.close();
    const missed = events(25);
    await produceEvents(log, prefix, missed);
    await appliedAll(missed);
    const again = await connect();
    again.send({ op: 'subscribe', sub: 's1', channel: 'theatre', theatre: theatreOf(1), resumeFrom: vector });
    const expected = missed.filter((e) => e.theatre === theatreOf(1)).map((e) => e.id);
    await again.waitFor((c) => c.deltaIds('s1').length >= expected.length);
    await new Promise((resolve) => setTimeout(resolve, 200));

    // then it gets exactly the missed deltas, in order, after a `resumed` and without a snapshot
    expect(again.of('snapshot')).toEqual([]);
    expect(again.of('resumed', 's1')).toEqual([expect.objectContaining({ deltas: expected.length, position: vector })]);
    expect(again.deltaIds('s1')).toEqual(expected);
    expect(again.messages.findIndex((m) => m.kind === 'resumed')).toBeLessThan(again.messages.findIndex((m) => m.kind === 'delta'));

    // and live deltas follow on
    const more = events(6);
    await produceEvents(log, prefix, more);
    const live = more.filter((e) => e.theatre === theatreOf(1)).map((e) => e.id);
    await again.waitFor((c) => c.deltaIds('s1').length === expected.length + live.length);
    expect(again.deltaIds('s1')).toEqual([...expected, ...live]);
  });

  it('sends a resync and a snapshot when what the client missed is no longer in the history', async () => {
    const client = await connect();
    client.send({ op: 'subscribe', sub: 'feed', channel: 'feed' });
    await client.waitFor((c) => c.of('snapshot', 'feed').length === 1);
    const vector = client.position();
    await client.close();
    const many = events(260);
    await produceEvents(log, prefix, many);
    await appliedAll(many);
    const again = await connect();
    again.send({ op: 'subscribe', sub: 'feed', channel: 'feed', resumeFrom: vector });
    await again.waitFor((c) => c.of('snapshot', 'feed').length === 1);
    expect(again.of('resync', 'feed')).toEqual([expect.objectContaining({ reason: expect.stringContaining('no longer in the history') })]);
    expect(again.of('snapshot', 'feed')[0]?.data?.events?.length).toBe(200);
  });

  it('does not let a client that stops reading delay another client', async () => {
    // given a fast and a slow client on the whole feed
    const fast = await connect();
    const slow = await connect();
    for (const client of [fast, slow]) {
      client.send({ op: 'subscribe', sub: 'all', channel: 'feed' });
      await client.waitFor((c) => c.of('snapshot', 'all').length === 1);
    }
    const producedAt = new Map<string, number>();
    const latencies = (from: number) =>
      fast.of('delta', 'all').slice(from).flatMap((m) => {
        const at = m.data?.event ? producedAt.get(m.data.event.id) : undefined;
        return at === undefined ? [] : [m.receivedAt - at];
      });
    const stream = async (batches: number) => {
      for (let i = 0; i < batches; i += 1) {
        const batch = events(40);
        const at = performance.now();
        for (const e of batch) producedAt.set(e.id, at);
        await produceEvents(log, prefix, batch);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };

    // the fast client's latency, for reference, while the slow one has only just stopped reading
    slow.ws.pause();
    let from = fast.of('delta', 'all').length;
    await stream(10);
    await fast.waitFor((c) => c.of('delta', 'all').length - from === 400);
    const reference = latencies(from);

    // when the slow one has stopped reading and the log keeps coming: about 12 MB, more than the
    // socket buffers on both ends hold (Linux grows a receive buffer up to tcp_rmem's maximum only
    // while the application reads, so the slow client stops before the reference run too)
    from = fast.of('delta', 'all').length;
    await stream(300);
    await fast.waitFor((c) => c.of('delta', 'all').length - from === 12_000, 90_000, 'every delta at the fast client');
    const whileStuck = latencies(from);

    // then the fast client got every delta, in order, about as quickly as before, and never a resync
    expect(fast.of('resync')).toEqual([]);
    expect(percentile(whileStuck, 50)).toBeLessThan(percentile(reference, 50) * 3 + 200);
    expect(percentile(whileStuck, 99)).toBeLessThan(percentile(reference, 99) * 3 + 500);

    // and the slow one, once it reads again, is told to resync and gets one fresh snapshot
    slow.ws.resume();
    await slow.waitFor((c) => c.of('resync', 'all').length === 1 && c.of('snapshot', 'all').length === 2, 30_000, 'resync and snapshot');
    expect(slow.deltaIds('all').length).toBeLessThan(12_400);
  }, 150_000);
});
