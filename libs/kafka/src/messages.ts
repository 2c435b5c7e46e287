import type { IHeaders, KafkaMessage, Message } from 'kafkajs';

/** Header values as written: text or raw bytes. */
export type HeaderValue = string | Buffer;

/** A message to append to a topic. */
export interface OutgoingMessage {
  readonly key: string | Buffer | null;
  readonly value: string | Buffer | null;
  readonly headers?: Readonly<Record<string, HeaderValue>>;
  /** Only for tests and re-drives that must hit one partition; normally the key decides. */
  readonly partition?: number;
}

/**
 * A message read from a topic, in our own shape (not kafkajs's), so consumers do not depend on
 * the client library. Bytes stay bytes: a message that is parked and re-driven must go back
 * unchanged. A header repeated in one message keeps its last value.
 */
export interface LogMessage {
  readonly topic: string;
  readonly partition: number;
  /** Kafka offsets are 64-bit: kept as decimal strings. */
  readonly offset: string;
  readonly key: string | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, Buffer>>;
  /** Milliseconds since the epoch, as the broker or producer stamped it. */
  readonly timestamp: number;
}

/** A consumer position: the offset of the next message to read on that partition. */
export interface LogPosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

export interface PartitionOffsets {
  readonly partition: number;
  /** First offset still in the log. */
  readonly low: string;
  /** The end: offset the next appended message will get (the high watermark). */
  readonly high: string;
}

const asBuffer = (value: Buffer | string): Buffer => (typeof value === 'string' ? Buffer.from(value) : value);

export const fromKafkaHeaders = (headers: IHeaders | undefined): Record<string, Buffer> => {
  const out: Record<string, Buffer> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) out[name] = asBuffer(last);
  }
  return out;
};

export const toLogMessage = (topic: string, partition: number, message: KafkaMessage): LogMessage => ({
  topic,
  partition,
  offset: message.offset,
  key: message.key === null ? null : message.key.toString('utf8'),
  value: message.value,
  headers: fromKafkaHeaders(message.headers),
  timestamp: Number(message.timestamp),
});

export const toKafkaMessage = (message: OutgoingMessage): Message => ({
  key: message.key,
  value: message.value,
  ...(message.headers ? { headers: { ...message.headers } } : {}),
  ...(message.partition !== undefined ? { partition: message.partition } : {}),
});

/** A header as UTF-8 text, or undefined when the message has none by that name. */
export const headerText = (message: Pick<LogMessage, 'headers'>, name: string): string | undefined =>
  message.headers[name]?.toString('utf8');

/** Offsets are int64 decimal strings; BigInt keeps them exact past 2^53. */
export const nextOffset = (offset: string): string => (BigInt(offset) + 1n).toString();

export const compareOffsets = (a: string, b: string): number => {
  const diff = BigInt(a) - BigInt(b);
  return diff === 0n ? 0 : diff < 0n ? -1 : 1;
};
