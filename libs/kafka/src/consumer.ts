import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { toEventLogError } from './errors';
import { toLogMessage, type LogMessage, type LogPosition } from './messages';

/** What a consumer is handed: the messages of one partition, in offset order. */
export interface LogBatch {
  readonly topic: string;
  readonly partition: number;
  readonly messages: readonly LogMessage[];
  /** The partition's end when the batch was fetched: `highWatermark - (last offset + 1)` is the lag. */
  readonly highWatermark: string;
}

export interface SeekPosition {
  /** May be left out when the consumer reads exactly one topic. */
  readonly topic?: string;
  readonly partition: number;
  /** Offset of the next message to read. */
  readonly offset: string;
}

export interface ConsumeOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Where a partition without a committed position starts: the beginning, or only new messages. */
  readonly fromBeginning: boolean;
  /**
   * Called for each batch, one at a time per consumer. When it resolves, the consumer moves past
   * the batch in memory; nothing is committed until `commit`. When it throws, the batch is
   * delivered again (kafkajs restarts the consumer from the last position it moved to).
   */
  readonly onBatch: (batch: LogBatch) => Promise<void>;
  /**
   * Start positions that win over the committed ones (e.g. those a snapshot covers), for the
   * partitions this consumer is assigned when it starts. kafkajs drops anything fetched from the
   * old position once a seek is pending, so no message before these is handed out. After a later
   * rebalance the committed positions rule again: commit what you restored from.
   */
  readonly seek?: readonly SeekPosition[];
  /** Told when the consumer crashed; `restarting` says whether kafkajs will restart it. */
  readonly onCrash?: (error: Error, restarting: boolean) => void;
  readonly sessionTimeoutMs?: number;
  /** How long a fetch waits for new data when caught up. Lower means lower latency, more requests. */
  readonly maxWaitTimeMs?: number;
  /**
   * Run the Kafka client on a worker thread (consumer-thread.ts): fetching and record decoding
   * then overlap `onBatch`. For a consumer that must keep up with the log at full speed.
   */
  readonly thread?: boolean;
  /**
   * With `thread`: the bytes of a batch (values and header values, views of one buffer) are lent
   * to `onBatch` and valid only until it resolves; then their buffer goes back to the consumer
   * thread for the batches after it (batch-transfer.ts BatchBufferPool). Copy whatever you keep.
   * For a consumer that reads the log at full speed: it saves an allocation per batch here and a
   * buffer per batch for the garbage collector there.
   */
  readonly reuseBatchBuffers?: boolean;
}

export interface LogConsumer {
  /** Commits positions (offset of the next message to read) for this group. */
  commit(positions: readonly LogPosition[]): Promise<void>;
  /** Leaves the group after the batch being processed, if any, is done. */
  stop(): Promise<void>;
}

/** The seek positions with their topics filled in (a single-topic consumer may leave them out). */
export const seekPositions = (options: Pick<ConsumeOptions, 'seek' | 'topics'>): Array<{ topic: string; partition: number; offset: string }> =>
  (options.seek ?? []).map((position) => {
    const topic = position.topic ?? (options.topics.length === 1 ? options.topics[0] : undefined);
    if (topic === undefined) throw new Error('seek positions need a topic when consuming more than one topic');
    return { topic, partition: position.partition, offset: position.offset };
  });

/** The kafkajs consumer both ways of consuming use (here, and on a consumer thread). */
export const createKafkaConsumer = (
  kafka: Kafka,
  options: Pick<ConsumeOptions, 'groupId' | 'sessionTimeoutMs' | 'maxWaitTimeMs'>,
): Consumer => {
  const sessionTimeout = options.sessionTimeoutMs ?? 30_000;
  return kafka.consumer({
    groupId: options.groupId,
    allowAutoTopicCreation: false,
    sessionTimeout,
    heartbeatInterval: Math.min(3000, Math.floor(sessionTimeout / 3)),
    maxWaitTimeInMs: options.maxWaitTimeMs ?? 500,
  });
};

/**
 * Joins and runs batch by batch, our positions only (nothing auto-committed or auto-resolved);
 * batches made stale by a seek or a rebalance never reach `handle`.
 */
export const runBatches = async (
  consumer: Consumer,
  options: Pick<ConsumeOptions, 'topics' | 'fromBeginning'>,
  handle: (payload: EachBatchPayload) => Promise<void>,
): Promise<void> => {
  await consumer.connect();
  await consumer.subscribe({ topics: [...options.topics], fromBeginning: options.fromBeginning });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    eachBatch: async (payload) => {
      if (!payload.isRunning() || payload.isStale()) return;
      await handle(payload);
    },
  });
};

export const startConsumer = async (kafka: Kafka, options: ConsumeOptions): Promise<LogConsumer> => {
  const seeks = seekPositions(options);

  const consumer = createKafkaConsumer(kafka, options);
  if (options.onCrash) {
    const onCrash = options.onCrash;
    consumer.on(consumer.events.CRASH, (event) => onCrash(event.payload.error, event.payload.restart));
  }

  try {
    await runBatches(consumer, options, async ({ batch, resolveOffset, heartbeat }) => {
      const messages = batch.messages.map((m) => toLogMessage(batch.topic, batch.partition, m));
      const last = messages[messages.length - 1];
      if (last === undefined) return;
      await options.onBatch({
        topic: batch.topic,
        partition: batch.partition,
        messages,
        highWatermark: batch.highWatermark,
      });
      // Moves the fetch position only; what is durable is what the caller commits.
      resolveOffset(last.offset);
      await heartbeat();
    });
    // kafkajs takes seeks only once run() has joined the group.
    for (const position of seeks) consumer.seek(position);
  } catch (error) {
    await consumer.disconnect().catch(() => undefined);
    throw toEventLogError(`starting consumer of group ${options.groupId}`, error);
  }

  let stopping: Promise<void> | undefined;
  return {
    commit: async (positions) => {
      if (positions.length === 0) return;
      try {
        await consumer.commitOffsets(positions.map((p) => ({ topic: p.topic, partition: p.partition, offset: p.offset })));
      } catch (error) {
        throw toEventLogError(`committing positions of group ${options.groupId}`, error);
      }
    },
    stop: () => (stopping ??= consumer.disconnect()),
  };
};
