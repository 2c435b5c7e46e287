import { randomUUID } from 'node:crypto';
import { TOPICS, topicSpecs } from '@watchfloor/events';
import { kafkaConfigFromEnv, type KafkaLogEntry } from './config';
import type { LogBatch } from './consumer';
import { createEventLog, createRawProducer, type EventLog } from './event-log';
import { headerText, nextOffset, type LogMessage } from './messages';

// kafkajs's own lines (e.g. "not the leader" right after a topic is created, which it retries)
// are kept out of the test output; a failing assertion says more.
const kafkaLog: KafkaLogEntry[] = [];
const config = kafkaConfigFromEnv(process.env, { clientId: 'kafka-int-spec', log: (entry) => kafkaLog.push(entry) });

const waitFor = async (condition: () => boolean, timeoutMs = 20_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** Both ways a consumer can run: kafkajs on this thread, or on a worker thread (consumer-thread.ts). */
const MODES: ReadonlyArray<readonly [string, boolean]> = [
  ['on this thread', false],
  ['on a consumer thread', true],
];

describe('EventLog against a real broker', () => {
  let log: EventLog;
  const createdTopics: string[] = [];

  beforeAll(async () => {
    log = createEventLog(config);
    await log.connect();
  });

  afterAll(async () => {
    await log.deleteTopics(createdTopics).catch(() => undefined);
    await log.disconnect();
  });

  const freshTopic = async (partitions = 1): Promise<string> => {
    const topic = `int.kafka.${randomUUID()}`;
    await log.ensureTopics([{ topic, numPartitions: partitions, configEntries: [] }]);
    createdTopics.push(topic);
    return topic;
  };

  it.each(MODES)('resumes a consumer group from the committed position with exactly the rest (%s)', async (_mode, thread) => {
    // given a topic with 20 keyed messages carrying headers
    const topic = await freshTopic();
    const messages = Array.from({ length: 20 }, (_, i) => ({
      key: `theatre-${i % 3}`,
      value: JSON.stringify({ n: i + 1 }),
      headers: { ce_id: `id-${i + 1}`, 'content-type': 'application/json' },
    }));
    const appended = await log.send(topic, messages);
    expect(appended).toEqual([{ topic, partition: 0, baseOffset: '0' }]);
    const groupId = `int-kafka-${randomUUID()}`;

    // when a first consumer commits after the first 10 and stops
    const firstSeen: LogMessage[] = [];
    const firstConsumer = await log.consume({
      groupId,
      topics: [topic],
      fromBeginning: true,
      thread,
      onBatch: async (batch: LogBatch) => {
        firstSeen.push(...batch.messages);
      },
    });
    await waitFor(() => firstSeen.length >= 10);
    const tenth = firstSeen[9];
    if (!tenth) throw new Error('no tenth message');
    await firstConsumer.commit([{ topic, partition: 0, offset: nextOffset(tenth.offset) }]);
    await firstConsumer.stop();

    // and a second consumer of the same group starts
    const secondSeen: LogMessage[] = [];
    const secondConsumer = await log.consume({
      groupId,
      topics: [topic],
      fromBeginning: true,
      thread,
      onBatch: async (batch) => {
        secondSeen.push(...batch.messages);
      },
    });
    await waitFor(() => secondSeen.length >= 10);
    await new Promise((resolve) => setTimeout(resolve, 300)); // nothing more may arrive
    await secondConsumer.stop();

    // then it gets exactly messages 11..20, with their keys, values and headers
    expect(firstSeen.slice(0, 10).map((m) => m.offset)).toEqual(Array.from({ length: 10 }, (_, i) => String(i)));
    expect(secondSeen.map((m) => m.offset)).toEqual(Array.from({ length: 10 }, (_, i) => String(i + 10)));
    secondSeen.forEach((message, i) => {
      const n = i + 11;
      expect(message.topic).toBe(topic);
      expect(message.key).toBe(`theatre-${(n - 1) % 3}`);
      expect(JSON.parse(message.value?.toString('utf8') ?? 'null')).toEqual({ n });
      expect(headerText(message, 'ce_id')).toBe(`id-${n}`);
      expect(headerText(message, 'content-type')).toBe('application/json');
      expect(message.timestamp).toBeGreaterThan(Date.parse('2020-01-01'));
    });
  });

  it.each(MODES)('starts a group at the seek positions it is given instead of the beginning (%s)', async (_mode, thread) => {
    const topic = await freshTopic();
    await log.send(topic, Array.from({ length: 5 }, (_, i) => ({ key: 'kz', value: String(i) })));
    const seen: string[] = [];
    const consumer = await log.consume({
      groupId: `int-kafka-${randomUUID()}`,
      topics: [topic],
      fromBeginning: true,
      thread,
      seek: [{ partition: 0, offset: '3' }],
      onBatch: async (batch) => {
        seen.push(...batch.messages.map((m) => m.offset));
      },
    });
    await waitFor(() => seen.length >= 2);
    await consumer.stop();
    expect(seen).toEqual(['3', '4']);
  });

  it('delivers a batch again after onBatch threw, on the consumer thread: every message once, in order', async () => {
    // given a topic with 30 messages on one partition
    const topic = await freshTopic();
    await log.send(topic, Array.from({ length: 30 }, (_, i) => ({ key: 'kz', value: String(i), headers: { ce_id: `id-${i}` } })));
    const seen: string[] = [];
    const crashes: Error[] = [];
    let failuresLeft = 1;

    // when the first batch that holds offset 10 fails once
    const consumer = await log.consume({
      groupId: `int-kafka-${randomUUID()}`,
      topics: [topic],
      fromBeginning: true,
      thread: true,
      onCrash: (error) => crashes.push(error),
      onBatch: async (batch) => {
        const offsets = batch.messages.map((m) => m.offset);
        if (failuresLeft > 0 && offsets.includes('10')) {
          failuresLeft -= 1;
          throw new Error('fold failed');
        }
        seen.push(...offsets);
      },
    });
    await waitFor(() => seen.includes('29'));
    await consumer.stop();

    // then every offset arrives once, in order, and the failure was reported
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => String(i)));
    expect(crashes.map((e) => e.message)).toEqual(['fold failed']);
  }, 30_000);

  it('creates the topics of the contract with their settings, and a second call changes nothing', async () => {
    const prefix = `int.${randomUUID().slice(0, 8)}.`;
    const specs = topicSpecs(3).map((s) => ({ ...s, topic: `${prefix}${s.topic}` }));
    createdTopics.push(...specs.map((s) => s.topic));

    const first = await log.ensureTopics(specs);
    const second = await log.ensureTopics(specs);

    expect(first.created.sort()).toEqual(specs.map((s) => s.topic).sort());
    expect(second.created).toEqual([]);
    const events = await log.topicConfig(`${prefix}${TOPICS.events}`);
    expect(events['retention.ms']).toBe('-1');
    expect(events['cleanup.policy']).toBe('delete');
    const snapshots = await log.topicConfig(`${prefix}${TOPICS.snapshots}`);
    expect(snapshots['cleanup.policy']).toBe('compact');
    expect(await log.endOffsets(`${prefix}${TOPICS.events}`)).toEqual([0, 1, 2].map((partition) => ({ partition, low: '0', high: '0' })));
  });

  it('reads a topic up to its end at the start, across partitions, and tells the end offsets', async () => {
    const topic = await freshTopic(3);
    await log.send(topic, Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: String(i) })));
    const offsets = await log.endOffsets(topic);
    expect(offsets.reduce((sum, p) => sum + Number(p.high), 0)).toBe(30);

    const values: string[] = [];
    const result = await log.readUntilEnd({
      topic,
      onBatch: (batch) => {
        values.push(...batch.messages.map((m) => m.value?.toString('utf8') ?? ''));
      },
    });

    expect(result.messages).toBe(30);
    expect(values.map(Number).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(await log.readUntilEnd({ topic: await freshTopic(), onBatch: () => undefined })).toEqual({ messages: 0 });
  });

  it('writes arbitrary bytes with the raw producer, to the partition asked for', async () => {
    const topic = await freshTopic(2);
    const raw = await createRawProducer(config);
    try {
      await raw.send(topic, [{ key: null, value: Buffer.from([0xff, 0xfe]), partition: 1 }]);
    } finally {
      await raw.disconnect();
    }
    const seen: LogMessage[] = [];
    await log.readUntilEnd({ topic, onBatch: (batch) => void seen.push(...batch.messages) });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.partition).toBe(1);
    expect(seen[0]?.key).toBeNull();
    expect(seen[0]?.value).toEqual(Buffer.from([0xff, 0xfe]));
  });

  it('answers a ping with the cluster id', async () => {
    const info = await log.ping(2000);
    expect(info.clusterId).toEqual(expect.any(String));
    expect(info.brokers).toBeGreaterThanOrEqual(1);
  });
});
