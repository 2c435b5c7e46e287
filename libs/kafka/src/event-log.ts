import { randomUUID } from 'node:crypto';
import { ConfigResourceTypes, Kafka, Partitioners, type Admin, type Producer } from 'kafkajs';
import type { KafkaConfig } from './config';
import { startThreadedConsumer } from './consumer-thread';
import { startConsumer, type ConsumeOptions, type LogBatch, type LogConsumer } from './consumer';
import { EventLogError, toEventLogError, withTimeout } from './errors';
import { logCreatorFor, toKafkaJsLevel } from './logging';
import { compareOffsets, nextOffset, toKafkaMessage, type OutgoingMessage, type PartitionOffsets } from './messages';
import { RememberingPartitioner } from './partitioner';
import { installRecordEncoder } from './record-encoding';

/** A topic to create: libs/events `topicSpecs` fit this shape. */
export interface TopicSettings {
  readonly topic: string;
  readonly numPartitions: number;
  readonly configEntries: ReadonlyArray<{ readonly name: string; readonly value: string }>;
}

/** Where an appended batch landed, per partition. */
export interface AppendedPosition {
  readonly topic: string;
  readonly partition: number;
  /** Offset of the first message of this send on that partition. */
  readonly baseOffset: string;
}

export interface ClusterInfo {
  readonly clusterId: string;
  readonly brokers: number;
}

export interface ReadUntilEndOptions {
  readonly topic: string;
  /** Called per batch; only messages below the end offsets taken at the start are passed on. */
  readonly onBatch: (batch: LogBatch) => Promise<void> | void;
  /** Prefix of the throwaway consumer group (a UUID is appended). */
  readonly groupPrefix?: string;
}

export interface EventLog {
  /** Connects the admin client and the producer; fails when no broker answers. */
  connect(): Promise<void>;
  /** Stops the consumers it started, waits for sends in flight, then closes every connection. */
  disconnect(): Promise<void>;
  /** Creates the topics that do not exist yet (existing ones are left as they are) and waits for their leaders. */
  ensureTopics(specs: readonly TopicSettings[]): Promise<{ created: string[] }>;
  /**
   * Appends with acks=all through an idempotent producer; resolves only once the broker has
   * acknowledged every message. Rejects with EventLogError within roughly 10 s when the broker
   * is away; the next send then starts on a fresh producer, so the log recovers by itself.
   */
  send(topic: string, messages: readonly OutgoingMessage[]): Promise<AppendedPosition[]>;
  /** Low and high (end) offsets of every partition of a topic. */
  endOffsets(topic: string): Promise<PartitionOffsets[]>;
  /** The topic's effective configuration, name → value. */
  topicConfig(topic: string): Promise<Record<string, string>>;
  /** A metadata round trip, for readiness checks. */
  ping(timeoutMs: number): Promise<ClusterInfo>;
  consume(options: ConsumeOptions): Promise<LogConsumer>;
  /**
   * Reads a topic from its beginning up to the end offsets it has when called, through a
   * throwaway consumer group that is deleted afterwards. Messages appended meanwhile are not read.
   */
  readUntilEnd(options: ReadUntilEndOptions): Promise<{ messages: number }>;
  deleteTopics(topics: readonly string[]): Promise<void>;
}

interface ProducerSlot {
  readonly producer: Producer;
  readonly ready: Promise<void>;
  inFlight: number;
  retired: boolean;
}

const TOPIC_LEADERS_TIMEOUT_MS = 30_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const createKafka = (config: KafkaConfig, retries = 3): Kafka =>
  new Kafka({
    clientId: config.clientId,
    brokers: [...config.brokers],
    connectionTimeout: config.connectionTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    logLevel: toKafkaJsLevel(config.logLevel),
    logCreator: logCreatorFor(config.log),
    retry: { retries, initialRetryTime: 200, maxRetryTime: 2000 },
  });

export const createEventLog = (config: KafkaConfig): EventLog => {
  // Before the first produce: kafkajs's own record encoding was the largest cost of ingest (see record-encoding.ts).
  installRecordEncoder();
  const kafka = createKafka(config);
  // Health probes must answer fast and must not pile up retries while the broker is away.
  const probeKafka = createKafka(config, 0);
  const admin: Admin = kafka.admin();
  const probe: Admin = probeKafka.admin();
  const consumers = new Set<LogConsumer>();
  const slots = new Set<ProducerSlot>();
  let current: ProducerSlot | undefined;
  let adminReady: Promise<void> | undefined;
  let probeReady: Promise<void> | undefined;
  let closed = false;

  const connectAdmin = (): Promise<void> => {
    adminReady ??= admin.connect().catch((error: unknown) => {
      adminReady = undefined;
      throw toEventLogError('connecting to Kafka', error);
    });
    return adminReady;
  };

  const release = (slot: ProducerSlot): void => {
    if (!slot.retired || slot.inFlight > 0) return;
    slots.delete(slot);
    slot.producer.disconnect().catch(() => undefined);
  };

  const retire = (slot: ProducerSlot): void => {
    slot.retired = true;
    if (current === slot) current = undefined;
    release(slot);
  };

  const producerSlot = (): ProducerSlot => {
    if (current) return current;
    const producer = kafka.producer({
      idempotent: true,
      // The murmur2 partitioner Java clients use (so a theatre lands on the same partition whichever
      // client wrote it), remembering each theatre's partition instead of hashing every message.
      createPartitioner: RememberingPartitioner,
      // kafkajs keeps ordering with idempotence only with one request in flight per connection.
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      retry: { retries: config.producerRetries },
    });
    const slot: ProducerSlot = { producer, ready: producer.connect(), inFlight: 0, retired: false };
    slot.ready.catch(() => retire(slot));
    slots.add(slot);
    current = slot;
    return slot;
  };

  const send = async (topic: string, messages: readonly OutgoingMessage[]): Promise<AppendedPosition[]> => {
    if (closed) throw new EventLogError('the event log is disconnected', false);
    if (messages.length === 0) return [];
    const slot = producerSlot();
    slot.inFlight += 1;
    try {
      await slot.ready;
      const metadata = await slot.producer.send({
        topic,
        messages: messages.map(toKafkaMessage),
        acks: -1,
        timeout: config.requestTimeoutMs,
      });
      return metadata.map((m) => ({ topic: m.topicName, partition: m.partition, baseOffset: m.baseOffset ?? m.offset ?? '-1' }));
    } catch (error) {
      // A failed idempotent producer may hold sequence numbers the broker no longer agrees with;
      // a fresh one (new producer id) is the simple way back once the broker is reachable again.
      retire(slot);
      throw toEventLogError(`appending ${messages.length} message(s) to ${topic}`, error);
    } finally {
      slot.inFlight -= 1;
      release(slot);
    }
  };

  /**
   * Metadata can name a leader a moment before that broker serves the partition ("not the leader"
   * right after creation), so a topic counts as ready once its offsets can actually be listed.
   */
  const waitForLeaders = async (topics: readonly string[]): Promise<void> => {
    const deadline = Date.now() + TOPIC_LEADERS_TIMEOUT_MS;
    for (const topic of topics) {
      for (;;) {
        try {
          await admin.fetchTopicOffsets(topic);
          break;
        } catch (error) {
          if (Date.now() > deadline) throw toEventLogError(`topic ${topic} has no serving leader after ${TOPIC_LEADERS_TIMEOUT_MS} ms`, error);
          await sleep(100);
        }
      }
    }
  };

  /** Admin calls that kafkajs does not retry itself on a moving leader. */
  const retryingAdmin = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        await connectAdmin();
        return await call();
      } catch (error) {
        const wrapped = toEventLogError(what, error);
        if (!wrapped.retriable || attempt >= 5) throw wrapped;
        await sleep(100 * attempt);
      }
    }
  };

  const log: EventLog = {
    connect: async () => {
      closed = false;
      await connectAdmin();
      const slot = producerSlot();
      try {
        await slot.ready;
      } catch (error) {
        throw toEventLogError('connecting the producer', error);
      }
    },

    disconnect: async () => {
      closed = true;
      await Promise.allSettled([...consumers].map((c) => c.stop()));
      consumers.clear();
      // kafkajs's disconnect waits for requests in flight, so accepted sends still get their acks.
      await Promise.allSettled([...slots].map((s) => s.producer.disconnect()));
      slots.clear();
      current = undefined;
      await Promise.allSettled([admin.disconnect(), probe.disconnect()]);
      adminReady = undefined;
      probeReady = undefined;
    },

    ensureTopics: async (specs) => {
      try {
        await connectAdmin();
        const existing = new Set(await admin.listTopics());
        const missing = specs.filter((s) => !existing.has(s.topic));
        if (missing.length > 0) {
          // Several services may race to create the same topics: "already exists" is success.
          await admin.createTopics({
            waitForLeaders: false,
            topics: missing.map((s) => ({
              topic: s.topic,
              numPartitions: s.numPartitions,
              configEntries: s.configEntries.map((e) => ({ name: e.name, value: e.value })),
            })),
          });
        }
        await waitForLeaders(specs.map((s) => s.topic));
        return { created: missing.map((s) => s.topic) };
      } catch (error) {
        throw toEventLogError('creating topics', error);
      }
    },

    send,

    endOffsets: async (topic) => {
      const offsets = await retryingAdmin(`reading end offsets of ${topic}`, () => admin.fetchTopicOffsets(topic));
      return offsets.map((o) => ({ partition: o.partition, low: o.low, high: o.high })).sort((a, b) => a.partition - b.partition);
    },

    topicConfig: async (topic) => {
      try {
        await connectAdmin();
        const described = await admin.describeConfigs({
          includeSynonyms: false,
          resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }],
        });
        const entries = described.resources.flatMap((r) => r.configEntries);
        return Object.fromEntries(entries.map((e) => [e.configName, e.configValue]));
      } catch (error) {
        throw toEventLogError(`describing topic ${topic}`, error);
      }
    },

    ping: async (timeoutMs) => {
      const attempt = async (): Promise<ClusterInfo> => {
        probeReady ??= probe.connect().catch((error: unknown) => {
          probeReady = undefined;
          throw error;
        });
        await probeReady;
        const cluster = await probe.describeCluster();
        return { clusterId: cluster.clusterId, brokers: cluster.brokers.length };
      };
      try {
        return await withTimeout(attempt(), timeoutMs, 'Kafka metadata request');
      } catch (error) {
        throw toEventLogError('pinging Kafka', error);
      }
    },

    consume: async (options) => {
      await connectAdmin();
      const consumer = options.thread === true ? await startThreadedConsumer(config, options) : await startConsumer(kafka, options);
      const tracked: LogConsumer = {
        commit: (positions) => consumer.commit(positions),
        stop: async () => {
          consumers.delete(tracked);
          await consumer.stop();
        },
      };
      consumers.add(tracked);
      return tracked;
    },

    readUntilEnd: async ({ topic, onBatch, groupPrefix = 'watchfloor-read' }) => {
      const ends = new Map((await log.endOffsets(topic)).map((p) => [p.partition, p]));
      const unfinished = new Set([...ends.values()].filter((p) => compareOffsets(p.high, p.low) > 0).map((p) => p.partition));
      if (unfinished.size === 0) return { messages: 0 };

      const groupId = `${groupPrefix}-${randomUUID()}`;
      let count = 0;
      let failure: unknown;
      let finish: () => void = () => undefined;
      const done = new Promise<void>((resolve) => (finish = resolve));
      const consumer = await log.consume({
        groupId,
        topics: [topic],
        fromBeginning: true,
        maxWaitTimeMs: 100,
        onBatch: async (batch) => {
          const end = ends.get(batch.partition)?.high ?? '0';
          const wanted = batch.messages.filter((m) => compareOffsets(m.offset, end) < 0);
          if (wanted.length > 0) {
            try {
              await onBatch({ ...batch, messages: wanted });
            } catch (error) {
              failure = error;
              finish();
              return;
            }
            count += wanted.length;
          }
          const last = batch.messages[batch.messages.length - 1];
          // Done once the next offset to read reaches the end taken at the start.
          if (last && compareOffsets(nextOffset(last.offset), end) >= 0) unfinished.delete(batch.partition);
          if (unfinished.size === 0) finish();
        },
        // kafkajs restarts a consumer after retriable trouble (a coordinator still loading after
        // the broker started is common); only a crash it gives up on ends the read.
        onCrash: (error, restarting) => {
          if (restarting) return;
          failure = error;
          finish();
        },
      });
      try {
        await done;
      } finally {
        await consumer.stop();
        // Nothing was committed, but the empty group would linger in listings until it expires.
        await admin.deleteGroups([groupId]).catch(() => undefined);
      }
      if (failure !== undefined) throw toEventLogError(`reading ${topic}`, failure);
      return { messages: count };
    },

    deleteTopics: async (topics) => {
      if (topics.length === 0) return;
      try {
        await connectAdmin();
        await admin.deleteTopics({ topics: [...topics] });
      } catch (error) {
        throw toEventLogError(`deleting topics ${topics.join(', ')}`, error);
      }
    },
  };
  return log;
};

/**
 * A plain producer for tests and tools: no idempotence, messages may name their partition, and
 * values may be any bytes, so a test can write the poison messages a consumer must survive.
 */
export interface RawProducer {
  send(topic: string, messages: readonly OutgoingMessage[]): Promise<AppendedPosition[]>;
  disconnect(): Promise<void>;
}

export const createRawProducer = async (config: KafkaConfig): Promise<RawProducer> => {
  installRecordEncoder();
  const producer = createKafka(config).producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  try {
    await producer.connect();
  } catch (error) {
    throw toEventLogError('connecting the raw producer', error);
  }
  return {
    send: async (topic, messages) => {
      try {
        const metadata = await producer.send({ topic, messages: messages.map(toKafkaMessage), acks: -1 });
        return metadata.map((m) => ({ topic: m.topicName, partition: m.partition, baseOffset: m.baseOffset ?? m.offset ?? '-1' }));
      } catch (error) {
        throw toEventLogError(`appending to ${topic}`, error);
      }
    },
    disconnect: () => producer.disconnect(),
  };
};
