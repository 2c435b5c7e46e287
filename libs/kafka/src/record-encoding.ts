/**
 * A faster encoder for kafkajs's records (Kafka record format v2), byte for byte the same as its own.
 *
 * Why: kafkajs 2.2.4 builds every record from a chain of small Encoders (protocol/encoder.js):
 * `new Encoder()` allocates a zero-filled 512-byte buffer for the record and again for each of its
 * headers, and every varint becomes a Buffer of its own. A CloudEvent in binary mode (SPEC.md)
 * carries 7 headers, so a produce of 100 events made about 900 such allocations and 2,700
 * varint buffers: in a CPU profile of ingest, encoding the records was the largest single cost
 * (2.7 ms of 100 records with their headers, 0.6 ms here). The format itself is untouched: the
 * spec compares this output with kafkajs's own, record by record and whole produce requests.
 *
 * How: kafkajs's produce request (requests/produce/v3/request.js, which v4 to v7 reuse) takes its
 * `Record` function from the module cache when it is first required. `installRecordEncoder` puts
 * this encoder in that cache entry before then; anything it does not know how to write exactly
 * (header arrays, values that are neither text nor bytes, huge deltas) goes to kafkajs's own. It
 * must be removed when kafkajs is upgraded or replaced: the spec pins the version it was checked against.
 */

/** What kafkajs's produce request passes to `Record`: a message spread plus its deltas. */
export interface RecordInput {
  readonly offsetDelta?: number;
  readonly timestampDelta?: number;
  readonly key?: unknown;
  readonly value?: unknown;
  readonly headers?: unknown;
}

/** The part of kafkajs's Encoder its record batch reads from a record. */
export interface EncodedRecord {
  readonly buffer: Buffer;
}

export type RecordEncoder = (input: RecordInput) => EncodedRecord;

interface EncoderInstance {
  buf: Buffer;
  offset: number;
}

/** The kafkajs version whose record layout this matches (checked by the spec and at install). */
export const KAFKAJS_VERSION_MATCHED = '2.2.4';

const KAFKAJS_ENCODER = 'kafkajs/src/protocol/encoder';
const KAFKAJS_RECORD = 'kafkajs/src/protocol/recordBatch/record/v0';
const KAFKAJS_PRODUCE_REQUEST = 'kafkajs/src/protocol/requests/produce/v3/request';
const KAFKAJS_CRC32C = 'kafkajs/src/protocol/recordBatch/crc32C';
/** Takes its checksum from the module cache when it is first required, as the request takes `Record`. */
const KAFKAJS_RECORD_BATCH = 'kafkajs/src/protocol/recordBatch/v0';

/** Above this, zig-zag arithmetic on doubles is no longer exact: kafkajs's Long path writes those. */
const MAX_EXACT_DELTA = 2 ** 50;
/** kafkajs's 32-bit varint keeps its zig-zag value in an int32: lengths and offsets below 2^30. */
const MAX_INT_VARINT = 2 ** 30;

const zigZag = (value: number): number => (value >= 0 ? value * 2 : -value * 2 - 1);

const sizeOfUnsignedVarint = (value: number): number => {
  let bytes = 1;
  for (let rest = value; rest >= 128; rest = Math.floor(rest / 128)) bytes += 1;
  return bytes;
};

const writeUnsignedVarint = (buffer: Buffer, at: number, value: number): number => {
  let offset = at;
  let rest = value;
  while (rest >= 128) {
    buffer[offset++] = (rest % 128) | 128;
    rest = Math.floor(rest / 128);
  }
  buffer[offset++] = rest;
  return offset;
};

const isBytes = (value: unknown): value is string | Buffer => typeof value === 'string' || Buffer.isBuffer(value);
const byteLengthOf = (value: string | Buffer): number => (typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : value.length);

const writeBytes = (buffer: Buffer, at: number, value: string | Buffer, length: number): number => {
  if (typeof value === 'string') buffer.write(value, at, length, 'utf8');
  else value.copy(buffer, at);
  return at + length;
};

const nullableLength = (value: unknown): number | undefined => {
  if (value === null || value === undefined) return -1;
  return isBytes(value) ? byteLengthOf(value) : undefined;
};

/**
 * The record as kafkajs writes it (Length, Attributes, TimestampDelta, OffsetDelta, Key, Value,
 * Headers), in one buffer of the exact size; `undefined` for anything to leave to kafkajs.
 */
export const encodeRecordBytes = (input: RecordInput): Buffer | undefined => {
  const { offsetDelta = 0, timestampDelta = 0, key, value, headers = {} } = input;
  if (!Number.isInteger(offsetDelta) || offsetDelta < 0 || offsetDelta >= MAX_INT_VARINT) return undefined;
  if (!Number.isSafeInteger(timestampDelta) || Math.abs(timestampDelta) >= MAX_EXACT_DELTA) return undefined;
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) return undefined;
  const keyLength = nullableLength(key);
  const valueLength = nullableLength(value);
  if (keyLength === undefined || valueLength === undefined) return undefined;

  const fields = headers as Readonly<Record<string, unknown>>;
  const names = Object.keys(fields);
  const lengths: number[] = [];
  let headerBytes = sizeOfUnsignedVarint(zigZag(names.length));
  for (const name of names) {
    const headerValue = fields[name];
    // kafkajs repeats a header for an array and throws on null or undefined: its own code decides.
    if (!isBytes(headerValue)) return undefined;
    const nameLength = Buffer.byteLength(name, 'utf8');
    const headerValueLength = byteLengthOf(headerValue);
    lengths.push(nameLength, headerValueLength);
    headerBytes += sizeOfUnsignedVarint(zigZag(nameLength)) + nameLength + sizeOfUnsignedVarint(zigZag(headerValueLength)) + headerValueLength;
  }

  const bodyLength =
    1 +
    sizeOfUnsignedVarint(zigZag(timestampDelta)) +
    sizeOfUnsignedVarint(zigZag(offsetDelta)) +
    sizeOfUnsignedVarint(zigZag(keyLength)) +
    Math.max(keyLength, 0) +
    sizeOfUnsignedVarint(zigZag(valueLength)) +
    Math.max(valueLength, 0) +
    headerBytes;
  if (bodyLength >= MAX_INT_VARINT) return undefined;
  const total = sizeOfUnsignedVarint(zigZag(bodyLength)) + bodyLength;

  // Every byte is written below (checked at the end), so the pool's unzeroed memory never leaks.
  const buffer = Buffer.allocUnsafe(total);
  let at = writeUnsignedVarint(buffer, 0, zigZag(bodyLength));
  buffer[at++] = 0; // attributes: none used by records
  at = writeUnsignedVarint(buffer, at, zigZag(timestampDelta));
  at = writeUnsignedVarint(buffer, at, zigZag(offsetDelta));
  at = writeUnsignedVarint(buffer, at, zigZag(keyLength));
  if (keyLength > 0) at = writeBytes(buffer, at, key as string | Buffer, keyLength);
  at = writeUnsignedVarint(buffer, at, zigZag(valueLength));
  if (valueLength > 0) at = writeBytes(buffer, at, value as string | Buffer, valueLength);
  at = writeUnsignedVarint(buffer, at, zigZag(names.length));
  names.forEach((name, i) => {
    const nameLength = lengths[2 * i] ?? 0;
    const headerValueLength = lengths[2 * i + 1] ?? 0;
    at = writeUnsignedVarint(buffer, at, zigZag(nameLength));
    at = writeBytes(buffer, at, name, nameLength);
    at = writeUnsignedVarint(buffer, at, zigZag(headerValueLength));
    at = writeBytes(buffer, at, fields[name] as string | Buffer, headerValueLength);
  });
  return at === total ? buffer : undefined;
};

/** What kafkajs's produce request (v3, reused by v4 to v7) is built from. */
export interface ProduceRequestInput {
  readonly acks: number;
  readonly timeout: number;
  readonly transactionalId?: string | null;
  readonly producerId?: unknown;
  readonly producerEpoch?: number;
  readonly compression?: number;
  readonly topicData: ReadonlyArray<{
    readonly topic: string;
    readonly partitions: ReadonlyArray<{
      readonly partition: number;
      readonly firstSequence?: number;
      readonly messages: ReadonlyArray<RecordInput & { readonly timestamp?: unknown }>;
    }>;
  }>;
}

/** kafkajs's 64-bit integers (utils/long.js): whatever its Encoder's writeInt64 takes. */
interface KafkajsLong {
  getHighBits(): number;
  getLowBits(): number;
}
type LongFromValue = (value: unknown) => KafkajsLong;

const NO_COMPRESSION = 0;
const MAGIC_BYTE = 2;
const TRANSACTIONAL_ATTRIBUTE = 16;
/** attributes, lastOffsetDelta, firstTimestamp, maxTimestamp, producerId, producerEpoch, firstSequence, record count */
const BATCH_BODY_HEADER = 2 + 4 + 8 + 8 + 8 + 2 + 4 + 4;
/** partition, record set size, firstOffset, batch length, partitionLeaderEpoch, magic, crc */
const PARTITION_HEADER = 4 + 4 + 8 + 4 + 4 + 1 + 4;

interface PartitionPlan {
  readonly partition: number;
  readonly firstSequence: number;
  readonly firstTimestamp: unknown;
  readonly maxTimestamp: unknown;
  readonly records: readonly Buffer[];
  readonly recordBytes: number;
}

/**
 * kafkajs's whole produce request body (v3 layout, no compression) in one buffer of the exact
 * size, byte for byte what its Encoders write, or `undefined` to leave the request to kafkajs.
 *
 * kafkajs builds it from nested Encoders that each start at 512 zero-filled bytes and double by
 * copying, then copies each level into the next: a 150 KB produce of 100 CloudEvents went through
 * about seven copies and a megabyte of zero-filling, and spread every message into a new object.
 * Timestamps follow kafkajs exactly (a partition's first and largest after its string sort;
 * Date.now() where a message has none), as does each record's delta.
 */
export const encodeProduceRequestBytes = (input: ProduceRequestInput, crc32c: Crc32c, longFromValue: LongFromValue): Buffer | undefined => {
  const { acks, timeout, transactionalId = null, producerId, producerEpoch = 0, compression = NO_COMPRESSION, topicData } = input;
  if (compression !== NO_COMPRESSION) return undefined;
  const producer = longFromValue(producerId ?? -1);
  const transactional = transactionalId === null ? -1 : Buffer.byteLength(transactionalId, 'utf8');
  let total = 2 + Math.max(transactional, 0) + 2 + 4 + 4;
  const topics: { readonly topic: string; readonly length: number; readonly partitions: PartitionPlan[] }[] = [];
  for (const { topic, partitions } of topicData) {
    const length = Buffer.byteLength(topic, 'utf8');
    total += 2 + length + 4;
    const plans: PartitionPlan[] = [];
    for (const { partition, firstSequence = 0, messages } of partitions) {
      const dateNow = Date.now();
      const stamps = messages.map((m) => m.timestamp).filter((t) => t !== null && t !== undefined);
      // kafkajs's own sort: default (string) order.
      const sorted: unknown[] = stamps.length === 0 ? [dateNow] : stamps.sort();
      const firstTimestamp = sorted[0];
      const maxTimestamp = sorted[sorted.length - 1];
      const records: Buffer[] = [];
      let recordBytes = 0;
      for (let i = 0; i < messages.length; i++) {
        const message = messages[i];
        if (message === undefined) return undefined;
        // `||` as kafkajs has it: a timestamp of 0 or '' also means "now".
        const stamp = message.timestamp || dateNow;
        const timestampDelta = (stamp as number) - (firstTimestamp as number);
        const record = encodeRecordBytes({ key: message.key, value: message.value, headers: message.headers, offsetDelta: i, timestampDelta });
        if (record === undefined) return undefined;
        records.push(record);
        recordBytes += record.length;
      }
      plans.push({ partition, firstSequence, firstTimestamp, maxTimestamp, records, recordBytes });
      total += PARTITION_HEADER + BATCH_BODY_HEADER + recordBytes;
    }
    topics.push({ topic, length, partitions: plans });
  }

  // Every byte is written below (checked at the end), so the pool's unzeroed memory never leaks.
  const buffer = Buffer.allocUnsafe(total);
  const int64 = (at: number, value: unknown): number => {
    const long = longFromValue(value);
    buffer.writeInt32BE(long.getHighBits(), at);
    buffer.writeInt32BE(long.getLowBits(), at + 4);
    return at + 8;
  };
  let at = buffer.writeInt16BE(transactional, 0);
  if (transactionalId !== null) at += buffer.write(transactionalId, at, 'utf8');
  at = buffer.writeInt16BE(acks, at);
  at = buffer.writeInt32BE(timeout, at);
  at = buffer.writeInt32BE(topics.length, at);
  for (const { topic, length, partitions } of topics) {
    at = buffer.writeInt16BE(length, at);
    at += buffer.write(topic, at, 'utf8');
    at = buffer.writeInt32BE(partitions.length, at);
    for (const plan of partitions) {
      const batchLength = 4 + 1 + 4 + BATCH_BODY_HEADER + plan.recordBytes;
      at = buffer.writeInt32BE(plan.partition, at);
      at = buffer.writeInt32BE(8 + 4 + batchLength, at);
      at = int64(at, 0);
      at = buffer.writeInt32BE(batchLength, at);
      at = buffer.writeInt32BE(0, at); // partitionLeaderEpoch
      at = buffer.writeInt8(MAGIC_BYTE, at);
      const crcAt = at;
      const bodyStart = at + 4;
      at = buffer.writeInt16BE(transactionalId === null ? 0 : TRANSACTIONAL_ATTRIBUTE, bodyStart);
      at = buffer.writeInt32BE(plan.records.length - 1, at);
      at = int64(at, plan.firstTimestamp);
      at = int64(at, plan.maxTimestamp);
      buffer.writeInt32BE(producer.getHighBits(), at);
      at = buffer.writeInt32BE(producer.getLowBits(), at + 4);
      at = buffer.writeInt16BE(producerEpoch, at);
      at = buffer.writeInt32BE(plan.firstSequence, at);
      at = buffer.writeInt32BE(plan.records.length, at);
      for (const record of plan.records) at += record.copy(buffer, at);
      buffer.writeUInt32BE(crc32c(buffer.subarray(bodyStart, at)), crcAt);
    }
  }
  return at === total ? buffer : undefined;
};

type ProduceRequestFactory = (input: ProduceRequestInput) => { encode(): Promise<unknown> };

/** kafkajs's produce request with `encode` writing `encodeProduceRequestBytes` where it can. */
export const fastProduceRequest = (stock: ProduceRequestFactory, encoderPrototype: object, crc32c: Crc32c, longFromValue: LongFromValue): ProduceRequestFactory =>
  (input) => {
    const request = stock(input);
    return {
      ...request,
      encode: async () => {
        const bytes = encodeProduceRequestBytes(input, crc32c, longFromValue);
        if (bytes === undefined) return request.encode();
        const encoder = Object.create(encoderPrototype) as EncoderInstance;
        encoder.buf = bytes;
        encoder.offset = bytes.length;
        return encoder;
      },
    };
  };

// kafkajs's internals have no type declarations; these three are what this module touches.
interface EncoderClass {
  readonly prototype: object;
}
interface CachedModule {
  exports: unknown;
}

// kafkajs's module cache is the point here, so these are require calls rather than imports.
const requireEncoderClass = (): EncoderClass => require(KAFKAJS_ENCODER) as EncoderClass;
const requireStockRecord = (): RecordEncoder => require(KAFKAJS_RECORD) as RecordEncoder;
const cachedModule = (id: string): CachedModule | undefined => require.cache[require.resolve(id)] as CachedModule | undefined;
const requireProduceRequest = (): ProduceRequestFactory => require(KAFKAJS_PRODUCE_REQUEST) as ProduceRequestFactory;
const requireLongFromValue = (): LongFromValue => {
  const Long = require('kafkajs/src/utils/long') as { fromValue(value: unknown): KafkajsLong };
  return (value) => Long.fromValue(value);
};
const requireStockCrc32c = (): Crc32c => require(KAFKAJS_CRC32C) as Crc32c;
const kafkajsVersion = (): string => (require('kafkajs/package.json') as { version: string }).version;

/** `encodeRecordBytes` in the shape kafkajs's record batch reads: an Encoder holding the bytes. */
export const fastRecordEncoder = (stock: RecordEncoder, encoderPrototype: object): RecordEncoder => {
  const fast: RecordEncoder = (input) => {
    const bytes = encodeRecordBytes(input);
    if (bytes === undefined) return stock(input);
    // An Encoder without its constructor's 512-byte allocation: `buffer` is buf.slice(0, offset).
    const encoder = Object.create(encoderPrototype) as EncoderInstance & EncodedRecord;
    encoder.buf = bytes;
    encoder.offset = bytes.length;
    return encoder;
  };
  return fast;
};

/** kafkajs's record batch checksum: CRC-32C of the batch body, as an unsigned 32-bit number. */
export type Crc32c = (bytes: Buffer) => number;

/**
 * The CRC-32C of @node-rs/crc32 (SSE 4.2 / ARMv8 instructions through a prebuilt binary) instead
 * of kafkajs's table lookup per byte: 0.025 ms instead of 0.49 ms for a 150 KB batch of 100
 * CloudEvents, about 6% of ingest's CPU per POST. `undefined` where no binary fits this platform:
 * kafkajs's own then stays.
 */
const nativeCrc32c = (): Crc32c | undefined => {
  try {
    const { crc32c } = require('@node-rs/crc32') as { crc32c(input: Uint8Array): number };
    return (bytes) => crc32c(bytes);
  } catch {
    return undefined;
  }
};

let installed: RecordEncoder | undefined;
let installedCrc32c: Crc32c | undefined;

/** The checksum kafkajs's record batches now use, once installed with a native binary. */
export const installedChecksum = (): Crc32c | undefined => installedCrc32c;

/** The encoder kafkajs now uses, once installed. */
export const installedRecordEncoder = (): RecordEncoder | undefined => installed;

export type InstallOutcome = 'installed' | 'already-installed' | 'too-late' | 'other-kafkajs-version';

/**
 * Puts the faster record encoder and checksum into kafkajs for the whole process (every kafkajs
 * producer in it writes the same bytes as before, faster). Only possible before kafkajs's produce request module
 * is loaded, i.e. before the process's first produce; later it changes nothing and says so.
 */
export const installRecordEncoder = (): InstallOutcome => {
  const current = requireStockRecord();
  if (installed !== undefined && current === installed) return 'already-installed';
  if (kafkajsVersion() !== KAFKAJS_VERSION_MATCHED) return 'other-kafkajs-version';
  if (cachedModule(KAFKAJS_PRODUCE_REQUEST) !== undefined) return 'too-late';
  const entry = cachedModule(KAFKAJS_RECORD);
  if (entry === undefined) return 'too-late';
  const crc32c = cachedModule(KAFKAJS_RECORD_BATCH) === undefined ? nativeCrc32c() : undefined;
  const crcEntry = crc32c === undefined ? undefined : (cachedModule(KAFKAJS_CRC32C) ?? (requireStockCrc32c(), cachedModule(KAFKAJS_CRC32C)));
  if (crcEntry !== undefined && crc32c !== undefined) {
    crcEntry.exports = crc32c;
    installedCrc32c = crc32c;
  }
  const fast = fastRecordEncoder(current, requireEncoderClass().prototype);
  entry.exports = fast;
  installed = fast;
  // Loaded now, so it takes `Record` from the cache entry just set, whatever loads kafkajs next.
  const stockRequest = requireProduceRequest();
  const requestEntry = cachedModule(KAFKAJS_PRODUCE_REQUEST);
  // v4 to v7 load v3 when first used, after this: they wrap the request set here.
  if (requestEntry !== undefined) {
    requestEntry.exports = fastProduceRequest(stockRequest, requireEncoderClass().prototype, requireStockCrc32c(), requireLongFromValue());
  }
  return 'installed';
};
