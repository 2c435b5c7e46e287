import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Message } from 'kafkajs';
import { type Throughput, throughput } from './stats';

/**
 * The baselines every other figure is compared to: bare kafkajs, no Watchfloor code at all.
 * A producer sending batches of 100 one after another (acks=all), and an `eachBatch` consumer
 * that only parses each message's JSON.
 */

export const BATCH = 100;

/** A ~1 KB JSON document, varied so that compression or caching cannot flatter the figures. */
export const kilobyteMessage = (i: number): string => {
  const body = { id: randomUUID(), seq: i, theatre: `t-${i % 50}`, note: '' };
  const base = JSON.stringify(body).length;
  body.note = 'x'.repeat(Math.max(0, 1024 - base)).replace(/x/g, () => String.fromCharCode(97 + (i % 26)));
  return JSON.stringify(body);
};

export const kafkaClient = (brokers: string[], clientId: string): Kafka =>
  new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING });

export async function createTopic(kafka: Kafka, topic: string, partitions = 6): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

export async function bareProduce(kafka: Kafka, topic: string, count: number): Promise<Throughput> {
  const messages: Message[] = Array.from({ length: count }, (_, i) => ({ key: `t-${i % 50}`, value: kilobyteMessage(i) }));
  const bytes = messages.reduce((sum, m) => sum + Buffer.byteLength(m.value as string), 0);
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const started = performance.now();
    for (let i = 0; i < count; i += BATCH) {
      await producer.send({ topic, acks: -1, messages: messages.slice(i, i + BATCH) });
    }
    return throughput(count, bytes, performance.now() - started);
  } finally {
    await producer.disconnect();
  }
}

/** Reads `count` messages of `topic` from the beginning with a fresh group, parsing each. */
export async function bareConsume(kafka: Kafka, topic: string, count: number): Promise<Throughput> {
  const consumer = kafka.consumer({ groupId: `bench-${randomUUID()}`, maxBytes: 16 * 1024 * 1024 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let seen = 0;
  let bytes = 0;
  let started = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            if (started === 0) started = performance.now();
            for (const message of batch.messages) {
              if (message.value) {
                JSON.parse(message.value.toString('utf8'));
                bytes += message.value.length;
              }
              seen += 1;
            }
            if (seen >= count) resolve();
          },
        })
        .catch(reject);
    });
    return throughput(seen, bytes, performance.now() - started);
  } finally {
    await consumer.disconnect();
  }
}
