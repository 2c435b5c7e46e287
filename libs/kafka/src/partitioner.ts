import { Partitioners, type ICustomPartitioner } from 'kafkajs';

/** Keys remembered per topic; beyond this the memory starts afresh (theatres are far fewer). */
const MAX_KEYS_PER_TOPIC = 10_000;

/**
 * kafkajs's DefaultPartitioner (murmur2, as Java clients place keys), remembering each key's
 * partition. kafkajs hashes every message's key afresh, with 64-bit `Long` arithmetic, and copies
 * the partition list for each message: about 4% of ingest's CPU per POST of 100 events, whose keys
 * are a few theatres. A keyed message's partition depends only on its key and the topic's number
 * of partitions, so that pair is what is remembered; messages without a key, or naming their
 * partition, go to kafkajs's partitioner every time (round robin must advance).
 */
export const RememberingPartitioner: ICustomPartitioner = () => {
  const partitioner = Partitioners.DefaultPartitioner();
  const topics = new Map<string, { partitions: number; byKey: Map<string, number> }>();
  return (args) => {
    const { topic, partitionMetadata, message } = args;
    const key = message.key;
    if (typeof key !== 'string' || (message.partition !== undefined && message.partition !== null)) return partitioner(args);
    let known = topics.get(topic);
    if (known === undefined || known.partitions !== partitionMetadata.length || known.byKey.size >= MAX_KEYS_PER_TOPIC) {
      known = { partitions: partitionMetadata.length, byKey: new Map() };
      topics.set(topic, known);
    }
    let partition = known.byKey.get(key);
    if (partition === undefined) {
      partition = partitioner(args);
      known.byKey.set(key, partition);
    }
    return partition;
  };
};
