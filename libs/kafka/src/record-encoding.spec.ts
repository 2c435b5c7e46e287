import { encodeProduceRequestBytes, encodeRecordBytes, fastRecordEncoder, KAFKAJS_VERSION_MATCHED, type ProduceRequestInput, type RecordEncoder, type RecordInput } from './record-encoding';

type RecordEncoding = typeof import('./record-encoding');
type ProduceRequest = (options: {
  acks: number;
  timeout: number;
  producerId: unknown;
  producerEpoch: number;
  topicData: unknown[];
}) => { encode(): Promise<{ buffer: Buffer }> };

const stockRecord = require('kafkajs/src/protocol/recordBatch/record/v0') as RecordEncoder;
const encoderPrototype = (require('kafkajs/src/protocol/encoder') as { prototype: object }).prototype;

/** Deterministic variety (mulberry32), so a failure can be replayed. */
const randomFrom = (seed: number) => {
  let state = seed;
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number): number => Math.floor(next() * below);
  const pieces = ['a', 'Z', '0', ' ', '{"id":', 'é', 'Ωμέγα', '漢字', '😀', '\u0000', '\ud800', '"', '\\'];
  const text = (maxPieces: number): string => Array.from({ length: int(maxPieces) }, () => pieces[int(pieces.length)] ?? '').join('');
  const bytesOrText = (maxPieces: number): string | Buffer => (next() < 0.3 ? Buffer.from(text(maxPieces)) : text(maxPieces));
  return { next, int, text, bytesOrText };
};

const randomRecord = (seed: number): RecordInput => {
  const random = randomFrom(seed);
  const headers: Record<string, string | Buffer> = {};
  for (let i = random.int(9); i > 0; i -= 1) headers[`${random.text(3)}h${i}`] = random.bytesOrText(20);
  const nullable = (maxPieces: number): string | Buffer | null | undefined => {
    const pick = random.int(10);
    return pick === 0 ? null : pick === 1 ? undefined : random.bytesOrText(maxPieces);
  };
  const magnitude = [0, 1, 63, 64, 127, 8191, 8192, 2 ** 31, 2 ** 40][random.int(9)] ?? 0;
  return {
    offsetDelta: [0, 1, 63, 64, 99, 8192, 2 ** 20][random.int(7)] ?? 0,
    timestampDelta: random.next() < 0.5 ? magnitude : -magnitude,
    key: nullable(5),
    // Values from empty to several KB, so the body length varint takes one to three bytes.
    value: nullable(random.int(4) === 0 ? 2000 : 60),
    ...(random.next() < 0.9 ? { headers } : {}),
  };
};

const cloudEvent = (i: number): RecordInput => ({
  offsetDelta: i,
  timestampDelta: 0,
  key: 'kz-almaty',
  value: JSON.stringify({ id: `0d9f2c1e-5b7a-4c1e-9a3b-${String(i).padStart(12, '0')}`, type: 'casualties.reported', note: 'x'.repeat(900) }),
  headers: {
    ce_specversion: '1.0',
    ce_id: `0d9f2c1e-5b7a-4c1e-9a3b-${String(i).padStart(12, '0')}`,
    ce_source: '/watchfloor/ingest',
    ce_type: 'watchfloor.casualties.reported.v1',
    ce_time: '2022-01-06T12:00:00.000Z',
    ce_subject: 'kz-almaty',
    'content-type': 'application/json',
  },
});

describe('encodeRecordBytes', () => {
  it('writes the same bytes as kafkajs for CloudEvents in binary mode', () => {
    for (let i = 0; i < 100; i += 1) expect(encodeRecordBytes(cloudEvent(i))).toEqual(stockRecord(cloudEvent(i)).buffer);
  });

  it('writes the same bytes as kafkajs for 2,000 varied records (text and bytes, unicode, null and missing parts, varint boundaries)', () => {
    for (let seed = 1; seed <= 2000; seed += 1) {
      const input = randomRecord(seed);
      const bytes = encodeRecordBytes(input);
      if (bytes === undefined) throw new Error(`seed ${seed} was left to kafkajs`);
      if (!bytes.equals(stockRecord(input).buffer)) throw new Error(`seed ${seed} differs from kafkajs`);
    }
  });

  it('leaves to kafkajs what it does not write exactly', () => {
    const base = cloudEvent(0);
    const unusual: RecordInput[] = [
      { ...base, headers: { repeated: ['a', Buffer.from('b')] } },
      { ...base, headers: { gone: undefined } },
      { ...base, headers: { empty: null } },
      { ...base, value: 42 },
      { ...base, key: new Uint8Array([1, 2]) },
      { ...base, timestampDelta: 2 ** 53 },
      { ...base, timestampDelta: 1.5 },
      { ...base, offsetDelta: -1 },
    ];
    for (const input of unusual) expect(encodeRecordBytes(input)).toBeUndefined();
  });
});

describe('fastRecordEncoder', () => {
  const fast = fastRecordEncoder(stockRecord, encoderPrototype);

  it('answers as kafkajs does for records it leaves to kafkajs, errors included', () => {
    const base = cloudEvent(0);
    expect(fast({ ...base, headers: { repeated: ['a', Buffer.from('b')] } }).buffer).toEqual(stockRecord({ ...base, headers: { repeated: ['a', Buffer.from('b')] } }).buffer);
    expect(fast({ ...base, timestampDelta: 2 ** 60 }).buffer).toEqual(stockRecord({ ...base, timestampDelta: 2 ** 60 }).buffer);
    expect(() => stockRecord({ ...base, headers: { gone: undefined } })).toThrow();
    expect(() => fast({ ...base, headers: { gone: undefined } })).toThrow();
  });

  it('hands kafkajs an Encoder it can write into a record batch', () => {
    const encoded = fast(cloudEvent(3));
    expect(encoded).toBeInstanceOf(require('kafkajs/src/protocol/encoder') as new () => unknown);
    expect(encoded.buffer).toEqual(stockRecord(cloudEvent(3)).buffer);
  });
});

describe('installRecordEncoder', () => {
  const Long = require('kafkajs/src/utils/long') as { fromInt(value: number): unknown };
  // Timestamps on every message keep the batch's timestamps off the clock, so two encodings compare.
  const topicData = (): unknown[] => [
    {
      topic: 'crisis.events',
      partitions: [0, 1, 2].map((partition) => ({
        partition,
        firstSequence: partition * 7,
        messages: Array.from({ length: 40 }, (_, i) => ({ ...cloudEvent(i), timestamp: String(1641470400000 + i * 13 + partition) })),
      })),
    },
  ];
  const produceRequestBytes = async (): Promise<Buffer> => {
    const request = require('kafkajs/src/protocol/requests/produce/v3/request') as ProduceRequest;
    const encoded = await request({ acks: -1, timeout: 5000, producerId: Long.fromInt(4321), producerEpoch: 2, topicData: topicData() }).encode();
    return encoded.buffer;
  };

  it('makes kafkajs write byte-identical produce requests (record batches, CRCs and all) through the faster encoder', async () => {
    let stock: Promise<Buffer> | undefined;
    jest.isolateModules(() => {
      stock = produceRequestBytes();
    });
    let outcome: string | undefined;
    let patched: Promise<Buffer> | undefined;
    let recordInUse: unknown;
    let installed: unknown;
    let checksumInUse: unknown;
    let checksum: unknown;
    jest.isolateModules(() => {
      const encoding = require('./record-encoding') as RecordEncoding;
      outcome = encoding.installRecordEncoder();
      recordInUse = require('kafkajs/src/protocol/recordBatch/record/v0');
      installed = encoding.installedRecordEncoder();
      checksumInUse = require('kafkajs/src/protocol/recordBatch/crc32C');
      checksum = encoding.installedChecksum();
      patched = produceRequestBytes();
      expect(encoding.installRecordEncoder()).toBe('already-installed');
    });
    expect(outcome).toBe('installed');
    expect(installed).toBeDefined();
    expect(recordInUse).toBe(installed);
    // The native CRC-32C has a binary for this platform: the equal bytes below include its checksums.
    expect(checksum).toBeDefined();
    expect(checksumInUse).toBe(checksum);
    expect((await patched)?.equals((await stock) ?? Buffer.alloc(0))).toBe(true);
    expect((await patched)?.length).toBeGreaterThan(100_000);
  });

  it('changes nothing once kafkajs has produced in this process', () => {
    jest.isolateModules(() => {
      require('kafkajs/src/protocol/requests/produce/v3/request');
      const encoding = require('./record-encoding') as RecordEncoding;
      expect(encoding.installRecordEncoder()).toBe('too-late');
    });
  });

  it('was checked against the kafkajs installed (re-check the record layout before moving the pin)', () => {
    expect((require('kafkajs/package.json') as { version: string }).version).toBe(KAFKAJS_VERSION_MATCHED);
  });
});

describe('encodeProduceRequestBytes', () => {
  type StockRequest = (options: Record<string, unknown>) => { encode(): Promise<{ buffer: Buffer }> };
  const Long = require('kafkajs/src/utils/long') as { fromValue(value: unknown): { getHighBits(): number; getLowBits(): number }; fromInt(value: number): unknown };
  const fromValue = (value: unknown) => Long.fromValue(value);
  const stockCrc = require('kafkajs/src/protocol/recordBatch/crc32C') as (bytes: Buffer) => number;
  /** kafkajs's own produce request, untouched by any install (loaded in a module registry of its own). */
  const stockRequest = (): StockRequest => {
    let request: StockRequest | undefined;
    jest.isolateModules(() => {
      request = require('kafkajs/src/protocol/requests/produce/v3/request') as StockRequest;
    });
    if (request === undefined) throw new Error('kafkajs produce request not loaded');
    return request;
  };
  const messagesOf = (seed: number, count: number, timestamps: 'none' | 'some' | 'all') =>
    Array.from({ length: count }, (_, i) => {
      const record = randomRecord(seed * 1000 + i);
      const stamped = timestamps === 'all' || (timestamps === 'some' && i % 3 === 0);
      return { key: record.key, value: record.value, headers: record.headers, ...(stamped ? { timestamp: String(1641470400000 + ((i * 7919) % 5000)) } : {}) };
    });
  const compare = async (input: Record<string, unknown>): Promise<Buffer | undefined> => {
    const ours = encodeProduceRequestBytes(input as unknown as ProduceRequestInput, stockCrc, fromValue);
    const theirs = (await stockRequest()(input).encode()).buffer;
    if (ours !== undefined) expect(ours.equals(theirs)).toBe(true);
    return ours;
  };

  it('writes the bytes kafkajs writes: several topics and partitions, sequences, producer ids, timestamps given or not', async () => {
    const now = jest.spyOn(Date, 'now').mockReturnValue(1641470401234);
    try {
      for (const [seed, timestamps] of [[1, 'none'], [2, 'some'], [3, 'all']] as const) {
        const topicData = ['crisis.events', 'crisis.alerts'].map((topic, t) => ({
          topic,
          partitions: [0, 3, 5].map((partition) => ({ partition, firstSequence: partition * 11 + t, messages: messagesOf(seed * 10 + partition + t, 1 + partition * 7, timestamps) })),
        }));
        const written = await compare({ acks: -1, timeout: 5000, producerId: Long.fromInt(98765), producerEpoch: 3, topicData });
        expect(written).toBeDefined();
      }
    } finally {
      now.mockRestore();
    }
  });

  it('writes transactional and non-idempotent requests alike', async () => {
    const now = jest.spyOn(Date, 'now').mockReturnValue(1641470409999);
    try {
      const topicData = [{ topic: 't', partitions: [{ partition: 1, messages: messagesOf(7, 12, 'none') }] }];
      expect(await compare({ acks: 1, timeout: 30000, topicData })).toBeDefined();
      expect(await compare({ acks: -1, timeout: 100, transactionalId: 'tx-Ωμέγα', producerId: Long.fromInt(5), producerEpoch: 1, topicData })).toBeDefined();
    } finally {
      now.mockRestore();
    }
  });

  it('leaves compressed requests and records it cannot write to kafkajs', () => {
    const topicData = [{ topic: 't', partitions: [{ partition: 0, messages: messagesOf(9, 3, 'all') }] }];
    expect(encodeProduceRequestBytes({ acks: -1, timeout: 1, compression: 1, topicData }, stockCrc, fromValue)).toBeUndefined();
    const withArrayHeader = [{ topic: 't', partitions: [{ partition: 0, messages: [{ key: 'k', value: 'v', headers: { h: ['a', 'b'] } }] }] }];
    expect(encodeProduceRequestBytes({ acks: -1, timeout: 1, topicData: withArrayHeader }, stockCrc, fromValue)).toBeUndefined();
  });
});
