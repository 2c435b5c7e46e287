import { Partitioners, type PartitionerArgs } from 'kafkajs';
import { RememberingPartitioner } from './partitioner';

const metadata = (count: number): PartitionerArgs['partitionMetadata'] =>
  Array.from({ length: count }, (_, partitionId) => ({ partitionId, leader: 0, partitionErrorCode: 0, replicas: [0], isr: [0] }));

describe('RememberingPartitioner', () => {
  const keys = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? `theatre-${i}` : `kz-${i}-${'é'.repeat(i % 5)}`));

  it('places every keyed message where kafkajs DefaultPartitioner (murmur2) does, asked once or many times', () => {
    const stock = Partitioners.DefaultPartitioner();
    const remembering = RememberingPartitioner();
    for (const partitions of [6, 1, 12]) {
      for (let round = 0; round < 3; round++) {
        for (const key of keys) {
          const args = { topic: 'crisis.events', partitionMetadata: metadata(partitions), message: { key, value: 'v' } };
          expect(remembering(args)).toBe(stock(args));
        }
      }
    }
  });

  it('follows a topic that gained partitions instead of answering from memory', () => {
    const remembering = RememberingPartitioner();
    const stock = Partitioners.DefaultPartitioner();
    const placed = (partitions: number) => keys.map((key) => remembering({ topic: 't', partitionMetadata: metadata(partitions), message: { key, value: null } }));
    const before = placed(6);
    const after = placed(24);
    expect(after).toEqual(keys.map((key) => stock({ topic: 't', partitionMetadata: metadata(24), message: { key, value: null } })));
    expect(after).not.toEqual(before);
  });

  it('keeps a named partition and spreads keyless messages over the partitions', () => {
    const remembering = RememberingPartitioner();
    expect(remembering({ topic: 't', partitionMetadata: metadata(6), message: { key: 'kz', value: 'v', partition: 4 } })).toBe(4);
    const spread = new Set(Array.from({ length: 12 }, () => remembering({ topic: 't', partitionMetadata: metadata(6), message: { value: 'v' } })));
    expect(spread.size).toBe(6);
  });
});
