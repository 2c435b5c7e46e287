import fc from 'fast-check';
import type { KafkaMessage } from 'kafkajs';
import { BatchBufferPool, packBatch, unpackBatch } from './batch-transfer';
import { toLogMessage } from './messages';

const bytes = fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a));
const headerValue = fc.oneof(bytes, fc.string({ maxLength: 20 }), fc.array(fc.oneof(bytes, fc.string({ maxLength: 8 })), { minLength: 1, maxLength: 3 }));

const kafkaMessage = fc.record({
  offset: fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }).map(String),
  timestamp: fc.integer({ min: 0, max: 4_102_444_800_000 }).map(String),
  key: fc.option(fc.string({ maxLength: 30 }).map((s) => Buffer.from(s, 'utf8')), { nil: null }),
  value: fc.option(bytes, { nil: null }),
  headers: fc.dictionary(fc.constantFrom('ce_id', 'ce_type', 'ce_source', 'content-type', 'x-ünï'), headerValue, { maxKeys: 5 }),
});

describe('a batch packed for the consumer thread', () => {
  it('unpacks to exactly the messages the consumer would have made on its own thread', () => {
    fc.assert(
      fc.property(fc.array(kafkaMessage, { maxLength: 20 }), fc.nat(50), (messages, partition) => {
        const packed = packBatch('crisis.events', partition, '123', messages);
        const expected = messages.map((m) => toLogMessage('crisis.events', partition, { ...m, attributes: 0, size: 0 } as unknown as KafkaMessage));
        expect(unpackBatch(packed)).toEqual(expected);
      }),
    );
  });

  it('is a buffer of its own, so transferring it leaves no other data detached', () => {
    const small = packBatch('t', 0, '1', [{ offset: '0', timestamp: '1', key: null, value: Buffer.from('x'), headers: {} }]);
    expect(small.buffer.byteLength).toBeLessThan(100);
  });

  it('unpacks the same messages from a pooled buffer larger than the batch, one that held a bigger batch before', () => {
    fc.assert(
      fc.property(fc.array(kafkaMessage, { minLength: 1, maxLength: 20 }), fc.array(kafkaMessage, { maxLength: 20 }), (first, second) => {
        const pool = new BatchBufferPool(1024 * 1024);
        const before = packBatch('crisis.events', 1, '9', [...first, ...second], pool);
        pool.give(before.buffer);
        const packed = packBatch('crisis.events', 1, '9', second, pool);
        expect(packed.buffer).toBe(before.buffer);
        expect(unpackBatch(packed)).toEqual(unpackBatch(packBatch('crisis.events', 1, '9', second)));
      }),
    );
  });
});

describe('the pool of batch buffers', () => {
  it('hands back the smallest buffer that fits, and a new one when none does', () => {
    const pool = new BatchBufferPool(10 * 1024 * 1024);
    const small = pool.take(1000);
    const large = pool.take(300 * 1024);
    pool.give(large);
    pool.give(small);

    expect(pool.take(500)).toBe(small);
    expect(pool.take(200 * 1024)).toBe(large);
    const fresh = pool.take(100);
    expect(fresh).not.toBe(small);
    expect(fresh.byteLength).toBeGreaterThanOrEqual(100);
  });

  it('keeps no more than its limit, and ignores a detached buffer', () => {
    const pool = new BatchBufferPool(100 * 1024);
    const a = pool.take(60 * 1024);
    const b = pool.take(60 * 1024);
    pool.give(a);
    pool.give(b);
    expect(pool.bytes).toBe(a.byteLength);

    const detached = pool.take(10);
    structuredClone(detached, { transfer: [detached] });
    pool.give(detached);
    expect(pool.bytes).toBe(a.byteLength);
  });
});

