import { createProjector } from '@watchfloor/crisis-state';
import { decodeAlert, type CrisisEvent } from '@watchfloor/events';
import type { EventLog } from '@watchfloor/kafka';
import { BandTracker } from '../alerts/alert-crossing';
import type { ProjectionApp } from '../app/create-projection-app';
import { scenario } from '../testing/events';
import { LiveClients, type LiveMessage } from '../testing/live-client';
import { createTopics, deleteTopics, freshTopicPrefix, produceEvents, READER_KEY, readTopic, startProjection, testEventLog, topicsOf, waitFor } from '../testing/projection-harness';

jest.setTimeout(90_000);

const kz = [...scenario].filter((e) => e.theatre === 'kz').sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));

/** The alert ids the projection must raise for these events, worked out with the pure pieces. */
const expectedAlertIds = (events: readonly CrisisEvent[]): string[] => {
  const projector = createProjector('kz');
  const tracker = new BandTracker();
  return events.flatMap((event) => {
    if (projector.apply(event) !== 'applied') return [];
    return tracker.judge(projector.state, event.id, new Date())?.id ?? [];
  });
};

/** A replay's order: the chosen clock, then recorded time, then id (the timeline's order). */
const replayOrder = (events: readonly CrisisEvent[], from: string, to: string): string[] =>
  events
    .filter((e) => Date.parse(e.occurredAt) > Date.parse(from) && Date.parse(e.occurredAt) <= Date.parse(to))
    .sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || Date.parse(a.recordedAt) - Date.parse(b.recordedAt) || (a.id < b.id ? -1 : 1))
    .map((e) => e.id);

const alertIdsOf = (messages: readonly LiveMessage[]): string[] =>
  messages.map((m) => (m.data as { alert?: { id: string } } | undefined)?.alert?.id ?? '(no alert)');

describe('/live alerts and replay channels against a real broker', () => {
  const prefix = freshTopicPrefix('channels');
  let log: EventLog;
  let projection: ProjectionApp;
  const clients = new LiveClients(() => `${projection.url.replace('http', 'ws')}/live?key=${READER_KEY}`);
  const connect = () => clients.connect();

  beforeAll(async () => {
    log = testEventLog();
    await log.connect();
    await createTopics(log, prefix);
    projection = await startProjection(prefix, { settings: { liveRequireKey: true, readOpen: false } });
    await projection.runtime.caughtUp(30_000);
  });

  afterAll(async () => {
    await clients.closeAll();
    await projection?.close();
    await deleteTopics(log, prefix);
    await log.disconnect();
  });

  it('streams each band crossing of a theatre to its alerts subscribers, as published on crisis.alerts, and nothing to other theatres', async () => {
    const expected = expectedAlertIds(kz);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    const kzAlerts = await connect();
    kzAlerts.send({ op: 'subscribe', sub: 'a', channel: 'alerts', theatres: ['kz'] });
    const elsewhere = await connect();
    elsewhere.send({ op: 'subscribe', sub: 'b', channel: 'alerts', theatres: ['kg'] });
    await kzAlerts.waitFor((c) => c.of('snapshot', 'a').length === 1);
    await elsewhere.waitFor((c) => c.of('snapshot', 'b').length === 1);

    await produceEvents(log, prefix, kz);

    await kzAlerts.waitFor((c) => c.of('delta', 'a').length >= expected.length, 20_000, 'alert deltas');
    expect(alertIdsOf(kzAlerts.of('delta', 'a'))).toEqual(expected);
    const published = await waitFor(async () => {
      const messages = await readTopic(log, topicsOf(prefix).alerts);
      return messages.length >= expected.length ? messages : undefined;
    });
    expect(published.map((m) => {
      const decoded = decodeAlert(m);
      return decoded.ok ? decoded.alert.id : `undecodable: ${decoded.reason}`;
    })).toEqual(expected);
    expect(elsewhere.of('delta', 'b')).toEqual([]);

    // a late subscriber gets the raised alerts in its snapshot
    const late = await connect();
    late.send({ op: 'subscribe', sub: 'c', channel: 'alerts' });
    await late.waitFor((c) => c.of('snapshot', 'c').length === 1);
    const snapshot = late.of('snapshot', 'c')[0]?.data as { alerts?: { id: string }[] } | undefined;
    expect(new Set(snapshot?.alerts?.map((a) => a.id))).toEqual(new Set(expected));
  });

  it('replays a theatre between two instants at full speed: a snapshot as of the start, every event after it in time order, then replay.end', async () => {
    await waitFor(() => kz.every((e) => projection.runtime.store.state('kz')?.applied.has(e.id)), 20_000, 'scenario applied');
    const from = kz[2]?.occurredAt ?? '';
    const to = kz[kz.length - 2]?.occurredAt ?? '';
    const client = await connect();
    client.send({ op: 'subscribe', sub: 'r', channel: 'replay', theatre: 'kz', from, to, speed: 1e9 });
    await client.waitFor((c) => c.of('replay.end', 'r').length === 1, 20_000, 'replay.end');

    const expected = replayOrder(kz, from, to);
    expect(expected.length).toBeGreaterThan(3);
    expect(client.deltaIds('r')).toEqual(expected);
    const kinds = client.messages.filter((m) => m.sub === 'r').map((m) => m.kind);
    expect(kinds[0]).toBe('snapshot');
    expect(kinds[kinds.length - 1]).toBe('replay.end');
    // the snapshot holds what was known to have happened by `from`, nothing after it
    const snapshotState = JSON.stringify(client.of('snapshot', 'r')[0]?.data?.state);
    for (const event of kz) {
      if (Date.parse(event.occurredAt) > Date.parse(from)) expect(snapshotState).not.toContain(event.id);
    }
    expect(kz.filter((e) => Date.parse(e.occurredAt) <= Date.parse(from)).some((e) => snapshotState.includes(e.id))).toBe(true);
  });

  it('paces a replay by the speed asked for: never ahead of the clock', async () => {
    const from = kz[0]?.occurredAt ?? '';
    const to = kz[kz.length - 1]?.occurredAt ?? '';
    const spanMs = Date.parse(to) - Date.parse(from);
    // the whole span in about 1.5 s
    const speed = spanMs / 1500;
    const client = await connect();
    client.send({ op: 'subscribe', sub: 'p', channel: 'replay', theatre: 'kz', from, to, speed });
    await client.waitFor((c) => c.of('replay.end', 'p').length === 1, 20_000, 'replay.end');
    const deltas = client.of('delta', 'p');
    const first = deltas[0];
    expect(first).toBeDefined();
    const byId = new Map(kz.map((e) => [e.id, Date.parse(e.occurredAt)]));
    for (const delta of deltas) {
      const worldAfterFirst = (byId.get(delta.data?.event?.id ?? '') ?? 0) - (byId.get(first?.data?.event?.id ?? '') ?? 0);
      // 50 ms of slack for timer granularity; late is allowed (a busy machine), early is not
      expect(delta.receivedAt - (first?.receivedAt ?? 0)).toBeGreaterThanOrEqual(worldAfterFirst / speed - 50);
    }
    expect((deltas[deltas.length - 1]?.receivedAt ?? 0) - (first?.receivedAt ?? 0)).toBeGreaterThan(1000);
  });
});
