import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { unpackBatch, type PackedBatch } from './batch-transfer';
import type { KafkaConfig, KafkaLogEntry } from './config';
import { seekPositions, type ConsumeOptions, type LogConsumer } from './consumer';
import { EventLogError } from './errors';
import type { LogPosition } from './messages';

/**
 * A consumer whose Kafka client runs on a worker thread (ConsumeOptions.thread).
 *
 * Why: kafkajs fetches, then decodes every record of the response (varints, headers, CRC) in
 * JavaScript, then waits until every batch of that fetch was handled before it fetches again. On
 * one thread, a fold that reads as fast as it can spends about a third of its time in that
 * decoding and none of it overlapped. On its own thread the client fetches and decodes the next
 * batches while this thread folds the current one; batches cross as one transferred buffer each
 * (batch-transfer.ts).
 *
 * The contract of ConsumeOptions holds: batches of a partition reach `onBatch` in offset order,
 * one at a time; when `onBatch` throws, the batch is delivered again (after `retryDelayMs`):
 * batches of that partition already fetched behind it are dropped and the client seeks back.
 */

export interface ThreadOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly fromBeginning: boolean;
  readonly seek: ReadonlyArray<{ readonly topic: string; readonly partition: number; readonly offset: string }>;
  readonly sessionTimeoutMs: number;
  readonly maxWaitTimeMs: number;
}

export interface ThreadData {
  readonly config: Omit<KafkaConfig, 'log'>;
  readonly options: ThreadOptions;
  readonly maxInFlightBytes: number;
  /** Buffers come back with their acks, to be packed into again (ConsumeOptions.reuseBatchBuffers). */
  readonly reuseBuffers: boolean;
}

export type ToConsumerThread =
  | { readonly type: 'ack'; readonly bytes: number; readonly buffer?: ArrayBuffer }
  | { readonly type: 'rewind'; readonly topic: string; readonly partition: number; readonly offset: string }
  | { readonly type: 'commit'; readonly id: number; readonly positions: readonly LogPosition[] }
  | { readonly type: 'stop' };

export type FromConsumerThread =
  | { readonly type: 'ready' }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'batch'; readonly batch: PackedBatch; readonly epoch: number }
  | { readonly type: 'log'; readonly entry: KafkaLogEntry }
  | { readonly type: 'crash'; readonly error: { readonly name: string; readonly message: string }; readonly restarting: boolean }
  | { readonly type: 'committed'; readonly id: number }
  | { readonly type: 'commitFailed'; readonly id: number; readonly message: string }
  | { readonly type: 'stopped' };

/** Batches fetched ahead and not yet folded: enough to keep both threads busy, bounded in memory. */
export const DEFAULT_IN_FLIGHT_BYTES = 8 * 1024 * 1024;
const RETRY_DELAY_MS = 1000;

/**
 * The thread's young generation, larger than V8's default (16 MB semi-spaces at most): kafkajs
 * decodes a whole fetch (up to 10 MB of records) into objects that all live until its last batch
 * is handed over, so with the default most of them survive a scavenge or two and are copied.
 * Measured on a 300k-event rebuild, alternating runs: 52–58 instead of 63–64 µs of CPU per event.
 */
const YOUNG_GENERATION_MB = 64;

/**
 * The services run from source under @swc-node/register (there is no JavaScript build); the worker
 * needs it too, which a process started with `-r @swc-node/register` passes on by itself.
 */
const WORKER_FILE = path.join(__dirname, 'consumer-thread.worker.ts');
const workerExecArgv = (): string[] | undefined =>
  process.execArgv.some((arg) => arg.includes('@swc-node/register')) ? undefined : [...process.execArgv, '--require', require.resolve('@swc-node/register')];

export const startThreadedConsumer = async (config: KafkaConfig, options: ConsumeOptions, retryDelayMs = RETRY_DELAY_MS): Promise<LogConsumer> => {
  const { log, ...plainConfig } = config;
  const seek = seekPositions(options);
  const data: ThreadData = {
    config: plainConfig,
    options: {
      groupId: options.groupId,
      topics: options.topics,
      fromBeginning: options.fromBeginning,
      seek,
      sessionTimeoutMs: options.sessionTimeoutMs ?? 30_000,
      maxWaitTimeMs: options.maxWaitTimeMs ?? 500,
    },
    maxInFlightBytes: DEFAULT_IN_FLIGHT_BYTES,
    reuseBuffers: options.reuseBatchBuffers === true,
  };
  const execArgv = workerExecArgv();
  const worker = new Worker(WORKER_FILE, {
    workerData: data,
    ...(execArgv ? { execArgv } : {}),
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    env: { ...process.env, SWC_NODE_PROJECT: process.env['SWC_NODE_PROJECT'] ?? path.resolve(__dirname, '../../../tsconfig.base.json') },
  });
  const send = (message: ToConsumerThread, transfer: ArrayBuffer[] = []): void => worker.postMessage(message, transfer);

  const epochs = new Map<string, number>();
  const epochKey = (topic: string, partition: number): string => `${topic}|${partition}`;
  let queue: Promise<void> = Promise.resolve();
  let stopRequested = false;
  let exited = false;
  let commitIds = 0;
  const commits = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let resolveStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));

  const fold = async (packed: PackedBatch, epoch: number): Promise<void> => {
    const key = epochKey(packed.topic, packed.partition);
    const bytes = packed.buffer.byteLength;
    try {
      if (stopRequested || epoch !== (epochs.get(key) ?? 0)) return;
      const messages = unpackBatch(packed);
      const first = messages[0];
      if (first === undefined) return;
      try {
        await options.onBatch({ topic: packed.topic, partition: packed.partition, messages, highWatermark: packed.highWatermark });
      } catch (error) {
        // As kafkajs does after a failed eachBatch: this partition starts again at the batch.
        epochs.set(key, epoch + 1);
        options.onCrash?.(error instanceof Error ? error : new Error(String(error)), true);
        setTimeout(() => {
          if (!stopRequested && !exited) send({ type: 'rewind', topic: packed.topic, partition: packed.partition, offset: first.offset });
        }, retryDelayMs).unref();
      }
    } finally {
      // Lent bytes go back now: onBatch has resolved, so nothing may use them any more.
      if (!exited) send(data.reuseBuffers ? { type: 'ack', bytes, buffer: packed.buffer } : { type: 'ack', bytes }, data.reuseBuffers ? [packed.buffer] : []);
    }
  };

  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: FromConsumerThread) => {
      switch (message.type) {
        case 'ready':
          resolve();
          return;
        case 'failed':
          reject(new EventLogError(message.message, true));
          return;
        case 'batch':
          queue = queue
            .then(() => fold(message.batch, message.epoch))
            .catch((error: unknown) => options.onCrash?.(error instanceof Error ? error : new Error(String(error)), false));
          return;
        case 'log':
          log(message.entry);
          return;
        case 'crash': {
          const error = new Error(message.error.message);
          error.name = message.error.name;
          options.onCrash?.(error, message.restarting);
          return;
        }
        case 'committed':
          commits.get(message.id)?.resolve();
          commits.delete(message.id);
          return;
        case 'commitFailed':
          commits.get(message.id)?.reject(new EventLogError(message.message, true));
          commits.delete(message.id);
          return;
        case 'stopped':
          resolveStopped();
          return;
      }
    });
    worker.on('error', (error) => {
      reject(error);
      options.onCrash?.(error, false);
    });
    worker.on('exit', (code) => {
      exited = true;
      resolveStopped();
      const pending = [...commits.values()];
      commits.clear();
      for (const c of pending) c.reject(new EventLogError('the consumer thread exited', false));
      reject(new EventLogError(`the consumer thread exited (code ${code}) before it started`, false));
    });
  });

  try {
    await ready;
  } catch (error) {
    await worker.terminate();
    throw error;
  }

  let stopping: Promise<void> | undefined;
  return {
    commit: (positions) => {
      if (positions.length === 0) return Promise.resolve();
      if (exited) return Promise.reject(new EventLogError('the consumer thread has stopped', false));
      const id = (commitIds += 1);
      return new Promise<void>((resolve, reject) => {
        commits.set(id, { resolve, reject });
        send({ type: 'commit', id, positions });
      });
    },
    stop: () =>
      (stopping ??= (async () => {
        stopRequested = true;
        if (!exited) send({ type: 'stop' });
        // The batch being folded finishes; the ones queued behind it are dropped.
        await queue;
        await stopped;
        await worker.terminate();
      })()),
  };
};
