import { CE_HEADERS, encodeEvent } from '@watchfloor/events';
import { createRawProducer, kafkaConfigFromEnv, type EventLog, type RawProducer } from '@watchfloor/kafka';
import { SCENARIO_EVENT_IDS as ids } from '@watchfloor/scenario';
import request from 'supertest';
import type { ProjectionApp } from '../app/create-projection-app';
import { scenarioEvent } from '../testing/events';
import { createTopics, deleteTopics, freshTopicPrefix, OPERATOR_KEY, READER_KEY, readTopic, startProjection, testEventLog, topicsOf, waitFor } from '../testing/projection-harness';
import { PARKED_HEADERS } from './parking';

const city = scenarioEvent(ids.almatyCityCasualties);
const police = scenarioEvent(ids.almatyPoliceCasualties);
const knb = scenarioEvent(ids.knbOrderRestored);

describe('parking poison messages against a real broker', () => {
  const prefix = freshTopicPrefix('parking');
  const topics = topicsOf(prefix);
  let log: EventLog;
  let raw: RawProducer;
  let projection: ProjectionApp;
  const operator = (req: request.Test) => req.set('Authorization', `Bearer ${OPERATOR_KEY}`);
  const applied = (id: string) => projection.runtime.store.state('kz')?.applied.has(id) === true;

  beforeAll(async () => {
    log = testEventLog();
    await log.connect();
    await createTopics(log, prefix);
    raw = await createRawProducer(kafkaConfigFromEnv(process.env, { clientId: 'parking-int-spec' }));
    projection = await startProjection(prefix);
    await projection.runtime.caughtUp(30_000);
  });

  afterAll(async () => {
    await projection?.close();
    await raw?.disconnect();
    await deleteTopics(log, prefix);
    await log.disconnect();
  });

  it('parks an undecodable message unchanged, with why and where from, and applies the next valid one', async () => {
    // given a poison message and then a valid event on the same partition
    const valid = encodeEvent(city, { source: '/watchfloor/test' });
    const poisonValue = Buffer.from([0x7b, 0xff, 0xfe, 0x00]);
    const [poisonAt] = await raw.send(topics.events, [{ key: 'kz', value: poisonValue, headers: valid.headers, partition: 1 }]);
    await raw.send(topics.events, [{ ...valid, partition: 1 }]);

    // then the valid one is applied
    await waitFor(() => applied(city.id), 20_000, 'the valid event applied');
    // and the poison one is on the parked topic, unchanged, with the parking headers
    const parked = await waitFor(async () => (await readTopic(log, topics.parked)).find((m) => m.value?.equals(poisonValue)), 20_000, 'parked copy');
    expect(parked.key).toBe('kz');
    for (const [name, value] of Object.entries(valid.headers)) expect(parked.headers[name]?.toString()).toBe(value);
    expect(parked.headers[PARKED_HEADERS.reason]?.toString()).toMatch(/not JSON/);
    expect(parked.headers[PARKED_HEADERS.originTopic]?.toString()).toBe(topics.events);
    expect(parked.headers[PARKED_HEADERS.originPartition]?.toString()).toBe('1');
    expect(parked.headers[PARKED_HEADERS.originOffset]?.toString()).toBe(poisonAt?.baseOffset);
    expect(Date.parse(parked.headers[PARKED_HEADERS.parkedAt]?.toString() ?? '')).not.toBeNaN();

    // and operators see it listed, the bytes as base64
    const list = await waitFor(async () => {
      const r = await operator(request(projection.url).get('/api/parked'));
      return r.body.parked?.length > 0 ? r : undefined;
    });
    expect(list.body.parked[0]).toMatchObject({
      origin: { topic: topics.events, partition: 1, offset: Number(poisonAt?.baseOffset) },
      reason: expect.stringContaining('not JSON'),
      value: { encoding: 'base64', value: poisonValue.toString('base64') },
      eventId: city.id,
      applied: true,
    });
    expect((await request(projection.url).get('/api/parked').set('Authorization', `Bearer ${READER_KEY}`)).status).toBe(403);
  });

  it('re-drives a parked message with a corrected value, and refuses one that is still invalid', async () => {
    // given an invalid event (a casualty report without figures), parked
    const broken = { ...police, data: { group: 'unspecified', cumulative: false } };
    const [at] = await raw.send(topics.events, [{ key: 'kz', value: JSON.stringify(broken), headers: encodeEvent(police, { source: '/watchfloor/test' }).headers }]);
    const origin = { partition: at?.partition ?? 0, offset: Number(at?.baseOffset) };
    await waitFor(() => projection.runtime.parked.registry.find({ topic: topics.events, ...origin }), 20_000, 'parked');
    expect(applied(police.id)).toBe(false);

    // when it is re-driven as it is: 400 with the issues
    const still = await operator(request(projection.url).post('/api/parked/redrive')).send({ origin });
    expect(still.status).toBe(400);
    expect(still.body).toMatchObject({ error: 'invalid_event', issues: [expect.objectContaining({ path: 'data' })] });

    // when it is re-driven with the corrected value: written, and applied
    const fixed = await operator(request(projection.url).post('/api/parked/redrive')).send({ origin, value: police });
    expect(fixed.status).toBe(202);
    expect(fixed.body).toMatchObject({ redriven: [{ origin: { ...origin, topic: topics.events }, eventId: police.id }], failed: [] });
    await waitFor(() => applied(police.id), 20_000, 're-driven event applied');
    const listed = await operator(request(projection.url).get('/api/parked'));
    expect(listed.body.parked.find((p: { origin: { offset: number } }) => p.origin.offset === origin.offset)).toMatchObject({ applied: true, redriven: { eventId: police.id } });

    const unknown = await operator(request(projection.url).post('/api/parked/redrive')).send({ origin: { partition: 0, offset: 999_999 } });
    expect(unknown.status).toBe(404);
    expect((await operator(request(projection.url).post('/api/parked/redrive')).send({ everything: 'please' })).status).toBe(400);
  });

  it('re-drives everything not applied yet, repairing headers from a valid value', async () => {
    // given a valid event whose headers were lost on the way
    await raw.send(topics.events, [{ key: 'kz', value: JSON.stringify(knb), headers: {} }]);
    await waitFor(() => projection.runtime.parked.registry.all().find((e) => e.message.eventId === knb.id), 20_000, 'parked');
    const all = await operator(request(projection.url).post('/api/parked/redrive')).send({ all: true });
    expect(all.status).toBe(202);
    expect(all.body.redriven.map((r: { eventId: string }) => r.eventId)).toEqual([knb.id]);
    expect(all.body.skipped).toBeGreaterThanOrEqual(2);
    await waitFor(() => applied(knb.id), 20_000, 'applied after re-drive');
    const events = await readTopic(log, topics.events);
    const redriven = events.filter((m) => m.headers[CE_HEADERS.id]?.toString() === knb.id);
    expect(redriven).toHaveLength(1);
  });
});
