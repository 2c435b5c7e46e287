// Jest globalTeardown: undoes jest-global-setup.mjs, and only what it did.
import { releaseSharedKafka } from '../../infra/kafka/scripts/kafka-control.mjs';
import { TEST_KAFKA } from './jest-global-setup.mjs';

export default async function globalTeardown() {
  if (!globalThis.__watchfloorTestKafka) return;
  globalThis.__watchfloorTestKafka = false;
  await releaseSharedKafka(TEST_KAFKA);
  // In watch mode setup runs again; it must not mistake our variable for a user-provided cluster.
  delete process.env.KAFKA_BROKERS;
}
