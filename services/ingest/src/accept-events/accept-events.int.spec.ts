import type { EventLog } from '@watchfloor/kafka';
import { topicSettingsFor } from '@watchfloor/service-kit';
import request from 'supertest';
import type { IngestApp } from '../app/create-ingest-app';
import { casualtyReport, reportBatch } from '../testing/event-inputs';
import { CLOCK_NOW, freshTopicPrefix, INGEST_KEY, READER_KEY, readEventsTopic, startIngest, testEventLog } from '../testing/ingest-harness';

const countsById = (ids: readonly string[]): Map<string, number> => ids.reduce((m, id) => m.set(id, (m.get(id) ?? 0) + 1), new Map<string, number>());

describe('POST /api/events against a real broker', () => {
  const prefix = freshTopicPrefix();
  let ingest: IngestApp;
  let log: EventLog;

  beforeAll(async () => {
    log = testEventLog();
    await log.connect();
    ingest = await startIngest(prefix);
  });

  afterAll(async () => {
    await ingest?.close();
    await log.deleteTopics(topicSettingsFor({ topicPrefix: prefix, eventPartitions: 1 }).map((t) => t.topic)).catch(() => undefined);
    await log.disconnect();
  });

  const post = (body: unknown, key: string | null = INGEST_KEY) => {
    const req = request(ingest.url).post('/api/events').set('Content-Type', 'application/json');
    return (key ? req.set('Authorization', `Bearer ${key}`) : req).send(JSON.stringify(body));
  };

  it('writes a valid batch once, even when it is posted twice', async () => {
    const batch = reportBatch(10);
    const ids = batch.map((e) => e['id']);

    const first = await post(batch);
    const second = await post(batch);

    expect(first.status).toBe(202);
    expect(first.body).toEqual({ accepted: ids, duplicates: [] });
    expect(second.status).toBe(202);
    expect(second.body).toEqual({ accepted: [], duplicates: ids });
    const topic = await readEventsTopic(log, prefix);
    // the suite's topic is fresh, so it holds exactly this batch
    expect([...topic.ids].sort()).toEqual(ids.map(String).sort());
    const event = topic.events.find((e) => e.id === ids[0]);
    expect(event?.recordedAt).toBe(CLOCK_NOW.toISOString());
    const message = topic.messages[topic.ids.indexOf(String(ids[0]))];
    expect(message?.key).toBe(batch[0]?.['theatre']);
    expect(message?.headers['ce_source']?.toString()).toBe('/watchfloor/ingest');
  });

  it('rejects an invalid batch with every problem and writes none of it', async () => {
    const before = await readEventsTopic(log, prefix);
    const good = casualtyReport();
    const badTheatre = { ...casualtyReport(), theatre: 'Not A Theatre' };
    const badData = { ...casualtyReport(), data: { group: 'civilians', cumulative: 'yes' } };

    const response = await post([good, badTheatre, badData]);

    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_events');
    const issues = response.body.issues as { index: number; path: string; message: string }[];
    expect(issues.map((i) => i.index)).toEqual(expect.arrayContaining([1, 2]));
    expect(issues.some((i) => i.index === 1 && i.path === 'theatre')).toBe(true);
    expect(issues.some((i) => i.index === 2 && i.path === 'data.cumulative')).toBe(true);
    expect(issues.every((i) => i.index !== 0)).toBe(true);
    const after = await readEventsTopic(log, prefix);
    expect(after.messages).toHaveLength(before.messages.length);
    expect(after.ids).not.toContain(good['id']);
  });

  it('answers 401 without a key and 403 to a reader key', async () => {
    const none = await post(casualtyReport(), null);
    expect(none.status).toBe(401);
    expect(none.body.error).toBe('unauthorized');
    const reader = await post(casualtyReport(), READER_KEY);
    expect(reader.status).toBe(403);
    expect(reader.body.error).toBe('forbidden');
  });

  it('refuses a 2 MB body with 413 and a JSON error', async () => {
    const huge = [{ ...casualtyReport(), summary: 'x'.repeat(2 * 1024 * 1024) }];
    const response = await post(huge);
    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(response.body).toEqual({ error: 'payload_too_large', message: expect.stringContaining('1 MB') });
  });

  it('refuses a body that is not JSON with 415', async () => {
    const response = await request(ingest.url).post('/api/events').set('Authorization', `Bearer ${INGEST_KEY}`).set('Content-Type', 'text/plain').send('hello');
    expect(response.status).toBe(415);
    expect(response.body.error).toBe('unsupported_media_type');
  });

  it('writes an id repeated within one batch once', async () => {
    const report = casualtyReport();
    const response = await post([report, { ...report, data: { killed: { best: 3 }, group: 'civilians', cumulative: false } }]);
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ accepted: [report['id']], duplicates: [report['id']] });
    const topic = await readEventsTopic(log, prefix);
    expect(countsById(topic.ids).get(String(report['id']))).toBe(1);
  });

  it('lets only one of two simultaneous requests with the same new id write it', async () => {
    const report = casualtyReport();
    const [a, b] = await Promise.all([post([report]), post([report])]);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect([...a.body.accepted, ...b.body.accepted]).toEqual([report['id']]);
    const topic = await readEventsTopic(log, prefix);
    expect(countsById(topic.ids).get(String(report['id']))).toBe(1);
  });

  it('remembers what is in the log across a restart', async () => {
    const batch = reportBatch(5);
    expect((await post(batch)).status).toBe(202);
    const knownBefore = (await readEventsTopic(log, prefix)).ids.length;

    await ingest.close();
    ingest = await startIngest(prefix);

    expect(ingest.startup?.knownIds).toBe(knownBefore);
    const again = await post(batch);
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ accepted: [], duplicates: batch.map((e) => e['id']) });
    const topic = await readEventsTopic(log, prefix);
    for (const event of batch) expect(countsById(topic.ids).get(String(event['id']))).toBe(1);
  });

  it('serves health, metrics, the OpenAPI and the AsyncAPI documents', async () => {
    const health = await request(ingest.url).get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body.info.kafka.status).toBe('up');

    await post({ not: 'an event' });
    await post([casualtyReport()]);
    const metrics = await request(ingest.url).get('/metrics');
    expect(metrics.text).toMatch(/watchfloor_ingest_events_accepted_total\{service="ingest"\} [1-9]/);
    expect(metrics.text).toContain('watchfloor_ingest_events_duplicate_total');
    expect(metrics.text).toMatch(/watchfloor_ingest_batches_rejected_total\{reason="invalid",service="ingest"\} [1-9]/);
    expect(metrics.text).toMatch(/watchfloor_ingest_produce_duration_seconds_count\{service="ingest"\} [1-9]/);

    const openapi = await request(ingest.url).get('/api/docs/openapi.json');
    expect(openapi.status).toBe(200);
    const operation = openapi.body.paths['/api/events'].post;
    expect(Object.keys(operation.responses).sort()).toEqual(['202', '400', '401', '403', '413', '415', '503']);
    expect(openapi.body.components.schemas.EventInput.oneOf).toHaveLength(6);
    expect((await request(ingest.url).get('/api/docs/')).text).toContain('swagger');

    const asyncapi = await request(ingest.url).get('/asyncapi.json');
    expect(asyncapi.status).toBe(200);
    expect(asyncapi.body.asyncapi).toBe('3.0.0');
  });

  it('finishes a request under way when it is shut down, then disconnects', async () => {
    // the clock is read when a request reaches the use case: then it is surely under way
    let reached: () => void = () => undefined;
    const underWay = new Promise<void>((resolve) => (reached = resolve));
    const second = await startIngest(prefix, {
      clock: () => {
        reached();
        return CLOCK_NOW;
      },
    });
    // about 880 KB: more than one produce (512 KB each), so the app must stay connected past the first
    const batch = reportBatch(900).map((e): Record<string, unknown> => ({ ...e, summary: 'x'.repeat(500) }));
    const pending = request(second.url).post('/api/events').set('Authorization', `Bearer ${INGEST_KEY}`).set('Content-Type', 'application/json').send(JSON.stringify(batch)).then((r) => r);
    await underWay;

    await second.close();
    const response = await pending;

    expect(response.status).toBe(202);
    expect(response.body.accepted).toHaveLength(900);
    const topic = await readEventsTopic(log, prefix);
    expect(topic.ids).toEqual(expect.arrayContaining(batch.map((e) => String(e['id']))));
    await expect(second.eventLog.send(`${prefix}crisis.events`, [])).rejects.toThrow(/disconnected/);
  });
});
