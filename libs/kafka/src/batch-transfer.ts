import type { LogMessage } from './messages';

/**
 * One partition's batch packed into a single buffer, so a consumer thread can hand it to the
 * thread that folds it as a transfer (no copy, no structured clone of thousands of small
 * objects). Header names repeat in every message, so they go once per batch in a name table.
 *
 * Layout, little-endian:
 *   u32 message count, u16 name count, names (u16 length + UTF-8 bytes each),
 *   per message: f64 timestamp, u8 offset length + ASCII offset, i32 key length (-1: null) + bytes,
 *   i32 value length (-1: null) + bytes, u16 header count, per header: u16 name index + u32 length + bytes.
 * A pooled buffer may go on past the last message: the count says where the batch ends.
 */

export interface PackedBatch {
  readonly topic: string;
  readonly partition: number;
  readonly highWatermark: string;
  readonly buffer: ArrayBuffer;
}

/** What a packer is given: kafkajs's message shape, without depending on kafkajs here. */
export interface RawMessage {
  readonly offset: string;
  readonly timestamp: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers?: Readonly<Record<string, Buffer | string | ReadonlyArray<Buffer | string> | undefined>>;
}

const lastOf = (value: Buffer | string | ReadonlyArray<Buffer | string> | undefined): Buffer | string | undefined =>
  Array.isArray(value) ? (value as ReadonlyArray<Buffer | string>)[value.length - 1] : (value as Buffer | string | undefined);

const bytesOf = (value: Buffer | string): Buffer => (typeof value === 'string' ? Buffer.from(value, 'utf8') : value);

/** Smallest buffer a pool hands out: small batches then share sizes, so their buffers come back usable. */
const MIN_POOLED_BYTES = 64 * 1024;

/**
 * Buffers that came back from the folding thread, for the next batches (ConsumeOptions.reuseBatchBuffers).
 *
 * Why: a fold reading as fast as it can moves its whole log through transferred buffers (about a
 * gigabyte per million events), each otherwise a fresh allocation here (zeroed pages to fault in)
 * and a handle for the folding thread's garbage collector to find and free. Reused, the same few
 * megabytes go round: a 1M-event rebuild took 62 instead of 76 µs of CPU per event.
 */
export class BatchBufferPool {
  private readonly free: ArrayBuffer[] = [];
  private pooledBytes = 0;

  /** `maxBytes`: what the pool keeps at most; buffers beyond it are left to the collector. */
  constructor(private readonly maxBytes: number) {}

  /** A buffer of at least `size` bytes: the smallest pooled one that fits, else a new one. */
  take(size: number): ArrayBuffer {
    let best = -1;
    for (let i = 0; i < this.free.length; i += 1) {
      const length = this.free[i]?.byteLength ?? 0;
      if (length >= size && (best < 0 || length < (this.free[best]?.byteLength ?? 0))) best = i;
    }
    const found = best < 0 ? undefined : this.free.splice(best, 1)[0];
    if (found !== undefined) {
      this.pooledBytes -= found.byteLength;
      return found;
    }
    // Rounded up to a power of two, so that a returned buffer fits most later batches.
    let length = MIN_POOLED_BYTES;
    while (length < size) length *= 2;
    const fresh = Buffer.allocUnsafeSlow(length);
    return fresh.buffer as ArrayBuffer;
  }

  /** Takes a buffer back (a detached or empty one is ignored). */
  give(buffer: ArrayBuffer): void {
    if (buffer.byteLength === 0 || this.pooledBytes + buffer.byteLength > this.maxBytes) return;
    this.free.push(buffer);
    this.pooledBytes += buffer.byteLength;
  }

  get bytes(): number {
    return this.pooledBytes;
  }
}

/**
 * Packs a batch into one buffer: a new one of exactly its size, or, with a pool, a pooled one that
 * may be larger (the packed data says where it ends).
 */
export const packBatch = (topic: string, partition: number, highWatermark: string, messages: readonly RawMessage[], pool?: BatchBufferPool): PackedBatch => {
  const names = new Map<string, number>();
  const headerLists: Array<Array<readonly [number, Buffer]>> = [];
  let size = 4 + 2;
  for (const message of messages) {
    const list: Array<readonly [number, Buffer]> = [];
    for (const name in message.headers) {
      const value = lastOf(message.headers[name]);
      if (value === undefined) continue;
      let index = names.get(name);
      if (index === undefined) {
        index = names.size;
        names.set(name, index);
        size += 2 + Buffer.byteLength(name, 'utf8');
      }
      const bytes = bytesOf(value);
      list.push([index, bytes]);
      size += 2 + 4 + bytes.length;
    }
    headerLists.push(list);
    size += 8 + 1 + message.offset.length + 4 + (message.key?.length ?? 0) + 4 + (message.value?.length ?? 0) + 2;
  }
  if (names.size > 0xffff) throw new Error('too many distinct header names in one batch');
  const out = pool === undefined ? Buffer.allocUnsafe(size) : Buffer.from(pool.take(size), 0, size);
  let at = out.writeUInt32LE(messages.length, 0);
  at = out.writeUInt16LE(names.size, at);
  for (const name of names.keys()) {
    const length = out.write(name, at + 2, 'utf8');
    out.writeUInt16LE(length, at);
    at += 2 + length;
  }
  messages.forEach((message, i) => {
    at = out.writeDoubleLE(Number(message.timestamp), at);
    at = out.writeUInt8(message.offset.length, at);
    at += out.write(message.offset, at, 'latin1');
    for (const part of [message.key, message.value]) {
      if (part === null) {
        at = out.writeInt32LE(-1, at);
      } else {
        at = out.writeInt32LE(part.length, at);
        at += part.copy(out, at);
      }
    }
    const list = headerLists[i] ?? [];
    at = out.writeUInt16LE(list.length, at);
    for (const [index, bytes] of list) {
      at = out.writeUInt16LE(index, at);
      at = out.writeUInt32LE(bytes.length, at);
      at += bytes.copy(out, at);
    }
  });
  // allocUnsafe may hand out a slice of Node's shared pool: transfer a buffer of our own.
  const buffer = pool !== undefined || (out.byteOffset === 0 && out.byteLength === out.buffer.byteLength) ? out.buffer : out.buffer.slice(out.byteOffset, out.byteOffset + size);
  return { topic, partition, highWatermark, buffer: buffer as ArrayBuffer };
};

/**
 * The messages of a packed batch; values and header values are views of its buffer, not copies
 * (so they are only as good as the buffer: see ConsumeOptions.reuseBatchBuffers).
 */
export const unpackBatch = (packed: PackedBatch): LogMessage[] => {
  const { topic, partition } = packed;
  const data = Buffer.from(packed.buffer);
  const count = data.readUInt32LE(0);
  const nameCount = data.readUInt16LE(4);
  let at = 6;
  const names: string[] = [];
  for (let i = 0; i < nameCount; i += 1) {
    const length = data.readUInt16LE(at);
    names.push(data.toString('utf8', at + 2, at + 2 + length));
    at += 2 + length;
  }
  const view = (length: number): Buffer | null => {
    if (length < 0) return null;
    const part = data.subarray(at, at + length);
    at += length;
    return part;
  };
  const messages: LogMessage[] = new Array<LogMessage>(count);
  for (let m = 0; m < count; m += 1) {
    const timestamp = data.readDoubleLE(at);
    const offsetLength = data.readUInt8(at + 8);
    const offset = data.toString('latin1', at + 9, at + 9 + offsetLength);
    at += 9 + offsetLength;
    const keyLength = data.readInt32LE(at);
    at += 4;
    const key = keyLength < 0 ? null : data.toString('utf8', at, at + keyLength);
    if (keyLength > 0) at += keyLength;
    const valueLength = data.readInt32LE(at);
    at += 4;
    const value = view(valueLength);
    const headerCount = data.readUInt16LE(at);
    at += 2;
    const headers: Record<string, Buffer> = {};
    for (let h = 0; h < headerCount; h += 1) {
      const name = names[data.readUInt16LE(at)] ?? '';
      const length = data.readUInt32LE(at + 2);
      at += 6;
      headers[name] = view(length) ?? Buffer.alloc(0);
    }
    messages[m] = { topic, partition, offset, key, value, headers, timestamp };
  }
  return messages;
};

/** Bytes a packed batch holds: what a consumer thread counts against its in-flight limit. */
export const packedBytes = (packed: PackedBatch): number => packed.buffer.byteLength;
