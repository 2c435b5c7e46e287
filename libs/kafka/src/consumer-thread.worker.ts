import { parentPort, workerData } from 'node:worker_threads';
import type { Consumer } from 'kafkajs';
import { BatchBufferPool, packBatch } from './batch-transfer';
import { createKafkaConsumer, runBatches } from './consumer';
import type { KafkaConfig, KafkaLogEntry } from './config';
import type { ThreadData, ToConsumerThread, FromConsumerThread } from './consumer-thread';
import { createKafka } from './event-log';
import { toEventLogError } from './errors';

/**
 * The consumer thread (see consumer-thread.ts): runs the kafkajs consumer, packs each batch and
 * posts it to the folding thread without waiting for it to be folded, so the next fetch and its
 * record decoding overlap the fold. It waits only when the batches posted and not yet
 * acknowledged hold more than `maxInFlightBytes`.
 */

const port = parentPort;
if (port === null) throw new Error('consumer-thread.worker must run as a worker thread');
const data = workerData as ThreadData;
const post = (message: FromConsumerThread, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

const plainFields = (fields: Readonly<Record<string, unknown>>): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    out[name] = value instanceof Error ? { name: value.name, message: value.message } : typeof value === 'object' && value !== null ? JSON.parse(JSON.stringify(value)) : value;
  }
  return out;
};

const config: KafkaConfig = {
  ...data.config,
  log: (entry: KafkaLogEntry) => {
    try {
      post({ type: 'log', entry: { ...entry, fields: plainFields(entry.fields) } });
    } catch {
      post({ type: 'log', entry: { ...entry, fields: {} } });
    }
  },
};

let inFlightBytes = 0;
// Bounded like the batches in flight: what comes back is what went out.
const pool = data.reuseBuffers ? new BatchBufferPool(data.maxInFlightBytes * 2) : undefined;
let creditWaiters: Array<() => void> = [];
let stopping = false;
/** Per partition: raised by each rewind, so batches fetched before it are dropped by the folding thread. */
const epochs = new Map<string, number>();
const epochKey = (topic: string, partition: number): string => `${topic}|${partition}`;

const releaseWaiters = (): void => {
  const waiting = creditWaiters;
  creditWaiters = [];
  for (const resume of waiting) resume();
};

const waitForCredit = async (): Promise<void> => {
  while (!stopping && inFlightBytes > data.maxInFlightBytes) await new Promise<void>((resolve) => creditWaiters.push(resolve));
};

const main = async (): Promise<void> => {
  const kafka = createKafka(config);
  const { options } = data;
  const consumer: Consumer = createKafkaConsumer(kafka, options);
  consumer.on(consumer.events.CRASH, (event) => {
    const error = event.payload.error;
    post({ type: 'crash', error: { name: error.name, message: error.message }, restarting: event.payload.restart });
  });

  port.on('message', (message: ToConsumerThread) => {
    switch (message.type) {
      case 'ack':
        inFlightBytes -= message.bytes;
        if (message.buffer !== undefined) pool?.give(message.buffer);
        releaseWaiters();
        return;
      case 'rewind': {
        const key = epochKey(message.topic, message.partition);
        epochs.set(key, (epochs.get(key) ?? 0) + 1);
        consumer.seek({ topic: message.topic, partition: message.partition, offset: message.offset });
        return;
      }
      case 'commit':
        consumer
          .commitOffsets(message.positions.map((p) => ({ topic: p.topic, partition: p.partition, offset: p.offset })))
          .then(
            () => post({ type: 'committed', id: message.id }),
            (error: unknown) => post({ type: 'commitFailed', id: message.id, message: toEventLogError(`committing positions of group ${options.groupId}`, error).message }),
          );
        return;
      case 'stop':
        stopping = true;
        releaseWaiters();
        consumer.disconnect().then(
          () => post({ type: 'stopped' }),
          () => post({ type: 'stopped' }),
        );
        return;
    }
  });

  try {
    await runBatches(consumer, options, async ({ batch, resolveOffset, heartbeat }) => {
      if (stopping) return;
      const last = batch.messages[batch.messages.length - 1];
      if (last === undefined) return;
      const packed = packBatch(batch.topic, batch.partition, batch.highWatermark, batch.messages, pool);
      inFlightBytes += packed.buffer.byteLength;
      post({ type: 'batch', batch: packed, epoch: epochs.get(epochKey(batch.topic, batch.partition)) ?? 0 }, [packed.buffer]);
      // Moves the fetch position only; the folding thread owns what is durable.
      resolveOffset(last.offset);
      await heartbeat();
      await waitForCredit();
    });
    // kafkajs takes seeks only once run() has joined the group.
    for (const position of options.seek) consumer.seek(position);
    post({ type: 'ready' });
  } catch (error) {
    await consumer.disconnect().catch(() => undefined);
    post({ type: 'failed', message: toEventLogError(`starting consumer of group ${options.groupId}`, error).message });
  }
};

void main();
