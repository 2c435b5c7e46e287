// Jest globalSetup: gives the test run a Kafka cluster in KAFKA_BROKERS.
// With KAFKA_BROKERS already set, that cluster is used as is. Otherwise a throwaway broker on
// 127.0.0.1:19092 (data in .data/kafka-test, wiped first) is started, on ports apart from the dev
// broker's 9092 so tests never see dev data. Workers are forked after this runs and inherit the env.
import { acquireSharedKafka } from '../../infra/kafka/scripts/kafka-control.mjs';

export const TEST_KAFKA = { port: 19092, controllerPort: 19093, dataDir: '.data/kafka-test', quiet: true };

export default async function globalSetup() {
  if (process.env.KAFKA_BROKERS) return;
  const { brokers } = await acquireSharedKafka(TEST_KAFKA);
  process.env.KAFKA_BROKERS = brokers;
  // globalSetup and globalTeardown share this process's globals (not the workers').
  globalThis.__watchfloorTestKafka = true;
}
